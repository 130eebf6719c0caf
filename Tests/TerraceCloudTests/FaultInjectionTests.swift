import Foundation
import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// `TERRACE_SIM_FAULTS`: parsing, reproducibility from the seed, and the provider's retries.
@Suite struct FaultInjectionTests {
    @Test func specificationsParse() throws {
        let f = try #require(try Faults.parseStrict("throttle=0.2, error=0.05,latency=20ms,seed=7"))
        #expect(f.throttle == 0.2 && f.error == 0.05 && f.seed == 7)
        #expect(abs(f.latency - 0.02) < 1e-9)
        #expect(try Faults.parseStrict("") == nil)
        #expect(try Faults.parseStrict(nil) == nil)
        #expect(Faults.parseDuration("1.5s") == 1.5 && Faults.parseDuration("250us") == 0.00025)
    }

    @Test(arguments: [
        ("throttle=2", "throttle must be a probability between 0 and 1"),
        ("throtle=0.1", "unknown setting \"throtle\". Did you mean \"throttle\"?"),
        ("latency=fast", "latency must be a duration"),
        ("seed=-1", "seed must be a whole number"),
        ("throttle=0.7,error=0.5", "together exceed 1"),
        ("throttle", "is not a setting=value pair"),
    ])
    func badSpecificationsAreReported(_ spec: String, _ message: String) {
        #expect(throws: Faults.SpecError.self) { try Faults.parseStrict(spec) }
        do { _ = try Faults.parseStrict(spec) } catch { #expect(error.description.contains(message), "\(error.description)") }
        #expect(Faults.parse(spec) == nil)
    }

    @Test func decisionsAreAFunctionOfTheSeedAndTheCall() {
        let a = Faults(throttle: 0.3, error: 0.05, seed: 7), b = Faults(throttle: 0.3, error: 0.05, seed: 7)
        let c = Faults(throttle: 0.3, error: 0.05, seed: 8)
        let calls = (0..<200).map { "create aws_vpc #\($0)" }
        let fa = calls.map { a.fault(for: $0, attempt: 0) }
        #expect(fa == calls.map { b.fault(for: $0, attempt: 0) })
        #expect(fa != calls.map { c.fault(for: $0, attempt: 0) })
        // The n-th call of an operation is the same call whatever runs in between.
        let x = Faults(throttle: 0.3, seed: 7), y = Faults(throttle: 0.3, seed: 7)
        _ = y.nextCall("create aws_subnet")
        _ = y.nextCall("delete aws_vpc")
        #expect(x.nextCall("create aws_vpc") == y.nextCall("create aws_vpc"))
    }

    @Test func ratesAreAsConfigured() {
        let f = Faults(throttle: 0.3, error: 0.05, seed: 42)
        let n = 20_000
        var throttled = 0, failed = 0, after = 0
        for i in 0..<n {
            switch f.fault(for: "read aws_vpc #\(i)", attempt: 0) {
            case .throttled?: throttled += 1
            case .serverError?: failed += 1
            case .serverErrorAfterEffect?: after += 1
            case nil: break
            }
        }
        #expect(abs(Double(throttled) / Double(n) - 0.3) < 0.02)
        #expect(abs(Double(failed + after) / Double(n) - 0.05) < 0.01)
        #expect(after > 0 && failed > 0)
    }

    @Test func theProviderRetriesUntilTheCallsSucceed() async throws {
        let faults = Faults(throttle: 0.3, error: 0.05, seed: 7)
        let h = try CloudHarness(faults: faults)
        var vpcs: [Value] = []
        for i in 0..<20 { vpcs.append(try await h.make("aws_vpc", ["cidr_block": str("10.\(i).0.0/16")])) }
        for v in vpcs { #expect(await h.read("aws_vpc", v) != nil) }
        #expect(h.store.list("aws_vpc", account: "123456789012", region: "us-east-1").count == 20, "no duplicate from a retried create")
        for v in vpcs { #expect(!(await h.delete("aws_vpc", v)).diagnostics.hasErrors) }
        #expect(h.store.list("aws_vpc", account: "123456789012", region: "us-east-1").isEmpty)
    }

    @Test func aCreateWhoseResponseWasLostIsNotRepeated() async throws {
        // A seed whose first create fails after taking effect, then succeeds.
        let seed = try #require((1...10_000).map(UInt64.init).first { s in
            let f = Faults(error: 0.5, seed: s)
            return f.fault(for: "create aws_vpc #0", attempt: 0) == .serverErrorAfterEffect && f.fault(for: "create aws_vpc #0", attempt: 1) == nil
        })
        let h = try CloudHarness(faults: Faults(error: 0.5, seed: seed))
        let v = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        let stored = h.store.list("aws_vpc", account: "123456789012", region: "us-east-1")
        #expect(stored.count == 1 && stored.first?.id == v["id"]?.stringValue)
    }

    @Test func permanentErrorsAreReportedAtOnceAndRetriesGiveUp() async throws {
        let ctx = AWSContext(store: try CloudStore(dir: TempDirectory().path), account: "1", region: "us-east-1", defaultTags: [:],
                             faults: Faults(seed: 1))
        var calls = 0
        await #expect(throws: CloudError.self) {
            try await ctx.retrying("create aws_vpc", service: "EC2 VPC") { () throws -> Int in
                calls += 1
                throw CloudError("InvalidVpc.Range", "The CIDR '10.0.0.0/8' is invalid.")
            }
        }
        #expect(calls == 1)
        var always = AWSContext(store: ctx.store, account: "1", region: "us-east-1", defaultTags: [:], faults: Faults(throttle: 1, seed: 1))
        always.maxAttempts = 4
        calls = 0
        do {
            _ = try await always.retrying("create aws_vpc", service: "EC2 VPC") { () -> Int in calls += 1; return 1 }
            Issue.record("a call throttled every time succeeded")
        } catch let e as CloudError {
            #expect(e.description == "RequestLimitExceeded: Request limit exceeded. (gave up after 4 attempts)")
        }
        #expect(calls == 0, "throttled calls never reach the cloud")
    }

    @Test func maxRetriesOfTheProviderBlockIsHonoured() async throws {
        let dir = TempDirectory()
        let p = AWSProvider(store: try CloudStore(dir: dir.path), faults: Faults(throttle: 1, seed: 3), environment: [:])
        #expect(!p.configure(.object(["region": str("us-east-1"), "max_retries": num(2)])).hasErrors)
        let schema = p.schema.resources["aws_vpc"]!.block
        var config = schema.attributes.mapValues { Value.null($0.type) }
        config["cidr_block"] = str("10.0.0.0/16")
        let planned = p.planResourceChange(PlanRequest(typeName: "aws_vpc", prior: nil, config: .object(config))).planned
        let r = await p.applyResourceChange(ApplyRequest(typeName: "aws_vpc", prior: nil, planned: planned, config: nil, token: "t"))
        #expect(r.diagnostics.firstError == "creating EC2 VPC (aws_vpc): RequestLimitExceeded: Request limit exceeded. (gave up after 2 attempts)")
    }
}
