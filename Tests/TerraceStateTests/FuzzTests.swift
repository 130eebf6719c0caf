import Foundation
import Testing
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceState
import TerraceTestSupport

/// Seeded mutation fuzzing of the readers of untrusted files: state, saved plans and the JSON
/// under both. Every input must end in a result or a clear error — no crash, no hang. CI runs a
/// short round; `TERRACE_FUZZ_ITERATIONS` sets a longer one (figures in docs/reliability.md).
@Suite struct FuzzTests {
    static var iterations: Int { Int(ProcessInfo.processInfo.environment["TERRACE_FUZZ_ITERATIONS"] ?? "") ?? 3000 }

    static func stateCorpus() -> [[UInt8]] {
        var s = State(lineage: "e5adcb9e-655a-0e3a-c2b2-58756c489db3", serial: 7)
        let r = AbsResource(ModuleInstance.root.child("m", .string("k")), ResourceAddr(.managed, "aws_vpc", "main"))
        s.setInstance(r.instance(.int(0)), InstanceObject(attributes: .object([("id", .string("vpc-1")), ("tags", .object([("Name", .string("x"))])),
                                                                               ("cidr_block", .string("10.0.0.0/16"))]),
                                                           sensitivePaths: [.array([.object([("type", .string("get_attr")), ("value", .string("tags"))])])],
                                                           dependencies: ["aws_kms_key.k"]),
                      provider: "provider[\"registry.terraform.io/hashicorp/aws\"]", eachMode: .list)
        s.setDeposed(r.instance(.int(0)), key: "00000001", InstanceObject(attributes: .object([("id", .string("vpc-0"))])), provider: "p")
        s.outputs["o"] = OutputState(value: .array([.number("1"), .string("two")]), type: .array([.string("tuple"), .array([.string("number"), .string("string")])]), sensitive: true)
        return [StateFile.bytes(s), Array(#"{"version":4,"serial":1,"lineage":"x","resources":[]}"#.utf8)]
    }

    /// The longest any one input may take before it counts as a hang.
    static let hang: Duration = .seconds(2)

    /// One line of figures for docs/reliability.md.
    static func report(_ reader: String, _ n: Int, accepted: Int, rejected: Int, slowest: Duration, started: ContinuousClock.Instant) {
        let ms = Double(slowest.components.attoseconds) / 1e15 + Double(slowest.components.seconds) * 1000
        print("fuzz \(reader): \(n) inputs, \(accepted) accepted, \(rejected) rejected with a diagnostic, 0 crashes, slowest input \(String(format: "%.1f", ms)) ms, \(ContinuousClock.now - started)")
    }

    @Test func stateReaderNeverCrashes() {
        var m = Mutator(seed: 1, corpus: Self.stateCorpus())
        var accepted = 0, rejected = 0
        let clock = ContinuousClock(), started = clock.now
        var slowest: Duration = .zero
        for _ in 0..<Self.iterations {
            let input = m.mutate()
            let t = clock.now
            defer {
                slowest = max(slowest, clock.now - t)
                #expect(clock.now - t < Self.hang, "hang: \(String(decoding: input, as: UTF8.self))")
            }
            do {
                let s = try StateFile.decode(input, path: "fuzz.tfstate")
                // Whatever was accepted must write back and read back to the same state.
                let again = try StateFile.decode(StateFile.bytes(s), path: "again")
                #expect(again == s, "round trip changed: \(String(decoding: input, as: UTF8.self))")
                accepted += 1
            } catch {
                #expect(!error.summary.isEmpty && !error.detail.isEmpty)
                rejected += 1
            }
        }
        #expect(accepted + rejected == Self.iterations)
        #expect(rejected > 0 && accepted > 0)
        Self.report("state reader", Self.iterations, accepted: accepted, rejected: rejected, slowest: slowest, started: started)
    }

    /// Found by the long fuzzing run: dependencies in another order than the writer's read
    /// back as a state that wrote out differently from what was read.
    @Test func dependenciesInAnyOrderReadBackAsWritten() throws {
        let text = #"{"version": 4, "serial": 1, "lineage": "l", "resources": [{"mode": "managed", "type": "null_resource", "name": "a", "provider": "provider[\"registry.terraform.io/hashicorp/null\"]", "instances": [{"attributes": {"id": "1"}, "dependencies": ["null_resource.z", "null_resource.b"]}]}]}"#
        let s = try StateFile.decode(Array(text.utf8), path: "deps.tfstate")
        #expect(try StateFile.decode(StateFile.bytes(s), path: "again") == s)
    }

    @Test func savedPlanReaderNeverCrashes() {
        var state = State(lineage: "l", serial: 2)
        state.outputs["x"] = OutputState(value: .string("v"), type: .string("string"), sensitive: false)
        let change = ResourceChange(addr: AbsResource(.root, ResourceAddr(.managed, "null_resource", "a")).instance(.int(1)),
                                    providerKey: "null", providerAddress: "provider[\"registry.terraform.io/hashicorp/null\"]",
                                    eachMode: .list, action: .deleteThenCreate, reason: .replaceBecauseCannotUpdate,
                                    before: .object(["id": .string("1"), "triggers": Value.map(["k": .string("v")])]),
                                    after: .object(["id": .unknown(.string), "triggers": Value.map(["k": Value.string("w").marked()])]),
                                    requiresReplace: [["triggers"]], importID: nil, movedFrom: nil, createBeforeDestroy: false)
        let plan = Plan(mode: .normal, changes: [change],
                        outputChanges: [OutputChange(name: "x", action: .update, before: .string("v"), after: .unknown(.string), sensitive: false)],
                        drift: [], priorState: state, baseSerial: 2, baseLineage: "l", variables: ["v": .number(3)],
                        targets: ["null_resource.a"], replace: [], refresh: true, diagnostics: Diagnostics(), errored: false)
        let bytes = SavedPlan(plan: plan, workspace: "default", configDigest: "abc").bytes()
        var m = Mutator(seed: 2, corpus: [bytes])
        var rejected = 0
        let clock = ContinuousClock(), started = clock.now
        var slowest: Duration = .zero
        for _ in 0..<Self.iterations {
            let input = m.mutate()
            let t = clock.now
            defer {
                slowest = max(slowest, clock.now - t)
                #expect(clock.now - t < Self.hang, "hang: \(String(decoding: input, as: UTF8.self))")
            }
            do { _ = try SavedPlan.decode(input, path: "fuzz.plan") } catch {
                #expect(error.summary == "Failed to load plan file" && !error.detail.isEmpty)
                rejected += 1
            }
        }
        #expect(rejected > 0)
        Self.report("saved-plan reader", Self.iterations, accepted: Self.iterations - rejected, rejected: rejected, slowest: slowest, started: started)
        // The unmutated plan reads back exactly.
        let back = try? SavedPlan.decode(bytes, path: "p")
        #expect(back?.plan.changes.first?.after?["triggers"]?["k"]?.sensitive == true)
        #expect(back?.plan.changes.first?.after?["id"]?.isKnown == false)
    }

    @Test func tfvarsLoaderNeverCrashes() throws {
        let dir = TempDirectory()
        // Defaults, so an input that only leaves a variable out is accepted and reaches the conversions.
        dir.write("main.tf", "variable \"a\" { default = \"d\" }\nvariable \"b\" {\n  type    = list(number)\n  default = []\n}\nvariable \"c\" {\n  type    = object({ x = string })\n  default = { x = \"d\" }\n}\n")
        let (config, _) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
        var m = Mutator(seed: 3, corpus: [Array("a = \"x\"\nb = [1, 2, 3]\nc = { x = \"${1}\" }\n".utf8), Array("b = []\n# c\n".utf8),
                                          Array("a = <<EOT\n  text\nEOT\nb = [for i in [1] : i]\nc = { x = upper(\"y\") }\n".utf8)])
        let iv = InputVariables(module: config.module, workingDir: dir.path, environment: [:], sources: SourceFiles())
        var accepted = 0, rejected = 0
        let clock = ContinuousClock(), started = clock.now
        var slowest: Duration = .zero
        // Each input is a file written and loaded, so CI's round is shorter than the others.
        let n = ProcessInfo.processInfo.environment["TERRACE_FUZZ_ITERATIONS"] == nil ? 1500 : Self.iterations
        for i in 0..<n {
            let input = m.mutate()
            try FileSystem.writeAtomically(dir.file("f\(i % 4).tfvars"), input)
            let t = clock.now
            let (inputs, d) = iv.collect([.file("f\(i % 4).tfvars")])
            let (_, d2) = iv.finalize(inputs, functions: Builtins.table())
            slowest = max(slowest, clock.now - t)
            #expect(clock.now - t < Self.hang, "hang: \(String(decoding: input, as: UTF8.self))")
            let all = d.items + d2.items
            // Every rejection is a diagnostic that says what and where.
            #expect(all.allSatisfy { !$0.summary.isEmpty && ($0.severity == .warning || $0.subject != nil || !$0.detail.isEmpty) },
                    "\(all)")
            if all.contains(where: { $0.severity == .error }) { rejected += 1 } else { accepted += 1 }
        }
        #expect(rejected > 0 && accepted > 0)
        Self.report("tfvars loader", n, accepted: accepted, rejected: rejected, slowest: slowest, started: started)
    }
}
