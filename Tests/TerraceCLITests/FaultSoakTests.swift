import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// The fault soak: the Social Flow dev environment (141 resources) applied and destroyed
/// over and over while the simulated cloud throttles, fails calls (half of the failures after
/// the call took effect, as a lost response) and answers slowly. Every cycle converges. And
/// failures that no retry cures, AWS rules violated until someone removes the cause, leave a
/// state that records exactly what was done; once the cause is gone the next run finishes.
/// CI runs one cycle; `scripts/reliability/fault-soak.sh` runs 20 (docs/reliability.md).
@Suite(.serialized) struct FaultSoakTests {
    static let statePath = "terrace.tfstate.d/dev/terrace.tfstate"

    static func faults(seed: Int) -> [String: String] {
        ["TERRACE_SIM_FAULTS": "throttle=0.2,error=0.1,latency=5ms,seed=\(seed)"]
    }

    @Test func applyDestroyCyclesUnderFaultsConverge() throws {
        let cycles = Reliability.setting("TERRACE_SOAK_CYCLES", 1)
        let seed = Reliability.setting("TERRACE_SOAK_SEED", 1100)
        let dir = Reliability.socialFlow("terrace-soak")
        let cloudDir = dir.file(".terrace/cloud")
        var expected: [String: Int]?
        var seconds: [Int] = []
        let started = Date()
        for cycle in 0..<cycles {
            let env = Self.faults(seed: seed + cycle)
            let t = Date()
            let apply = TerraceProcess.run(["apply", "-env=dev", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
            #expect(apply.status == 0, "cycle \(cycle): \(apply.stderr)")
            #expect(try Reliability.differences(statePath: dir.file(Self.statePath), cloudDir: cloudDir) == [], "cycle \(cycle)")
            // Every cycle makes the same objects, each once.
            let counts = Reliability.countsByType(cloudDir)
            if let expected { #expect(counts == expected, "cycle \(cycle)") } else { expected = counts }
            let plan = TerraceProcess.run(["plan", "-env=dev", "-detailed-exitcode", "-no-color"], cwd: dir.path, env: env)
            #expect(plan.status == 0, "cycle \(cycle): \(plan.stdout.suffix(1500))\(plan.stderr)")
            let destroy = TerraceProcess.run(["destroy", "-env=dev", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
            #expect(destroy.status == 0, "cycle \(cycle): \(destroy.stderr)")
            #expect(Reliability.createdObjects(cloudDir).map { "\($0.kind) \($0.id)" } == [], "cycle \(cycle): left after destroy")
            #expect(try Reliability.instanceCount(dir.file(Self.statePath)) == 0, "cycle \(cycle)")
            seconds.append(Int(Date().timeIntervalSince(t).rounded()))
        }
        print("fault soak (Social Flow dev, \(expected?.values.reduce(0, +) ?? 0) cloud objects, throttle=0.2,error=0.1,latency=5ms): \(cycles) apply/destroy cycles, seeds \(seed)–\(seed + cycles - 1), all converged; seconds per cycle min \(seconds.min() ?? 0), max \(seconds.max() ?? 0); \(Int(Date().timeIntervalSince(started)))s")
    }

    /// A whole destroy leaves an empty state, data sources included, as Terraform's does.
    @Test func aDestroyLeavesNoDataSourcesInState() throws {
        let dir = TempDirectory("terrace-destroy-data")
        dir.write("main.tf", """
        data "null_data_source" "d" {
          inputs = { a = "b" }
        }
        resource "null_resource" "r" {
          triggers = { x = data.null_data_source.d.outputs["a"] }
        }
        """)
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        #expect(try Reliability.instanceCount(dir.file("terrace.tfstate")) == 2)
        #expect(TerraceProcess.run(["destroy", "-auto-approve"], cwd: dir.path).status == 0)
        #expect(try Reliability.instanceCount(dir.file("terrace.tfstate")) == 0)
    }

    /// Two AWS rules no retry gets past: names already taken by objects Terrace does not
    /// manage (an S3 bucket name in another account, a log group name in this one). The apply
    /// fails for those resources and what depends on them, does everything else, and the
    /// state records exactly that. Once the objects in the way are deleted, the next apply
    /// finishes. Then a database with deletion protection stops a destroy; the state keeps
    /// exactly what is left, and after an apply that lifts the protection the destroy ends.
    @Test func permanentFailuresLeaveExactlyWhatWasDoneAndTheNextRunFinishes() throws {
        let dir = Reliability.socialFlow("terrace-permanent")
        let cloudDir = dir.file(".terrace/cloud")
        let env = Self.faults(seed: 77)
        func run(_ args: [String], extra: [String: String] = [:]) -> TerraceProcess.Result {
            TerraceProcess.run(args + (args.first == "cloud" ? [] : ["-no-color"]), cwd: dir.path, env: env.merging(extra) { $1 })
        }
        let other = ["TERRACE_ACCOUNT_ID": "210987654321"]
        let bucket = run(["cloud", "create", "aws_s3_bucket", "bucket=social-flow-dev-videos-123456789012"], extra: other)
        try #require(bucket.status == 0, "\(bucket.stderr)")
        let logs = run(["cloud", "create", "aws_cloudwatch_log_group", "name=/ecs/social-flow-dev/app"])
        try #require(logs.status == 0, "\(logs.stderr)")
        let inTheWay = Set(Reliability.cloudObjects(cloudDir).map(\.id))

        let failed = run(["apply", "-env=dev", "-auto-approve"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("BucketAlreadyExists"), "\(failed.stderr)")
        #expect(failed.stderr.contains("ResourceAlreadyExistsException"), "\(failed.stderr)")
        let done = try Reliability.instanceCount(dir.file(Self.statePath))
        let created = Reliability.countsByType(cloudDir)
        #expect(done > 50 && done < 141, "\(done) instances after the failed apply")
        #expect(try Reliability.differences(statePath: dir.file(Self.statePath), cloudDir: cloudDir, ignoring: inTheWay) == [])
        #expect(!FileSystem.exists(dir.file(Self.statePath + ".journal")))
        // Until the cause is removed, every run fails the same way and creates nothing more
        // (it may read a data source whose inputs are known now).
        let again = run(["apply", "-env=dev", "-auto-approve"])
        #expect(again.status == 1)
        #expect(Reliability.countsByType(cloudDir) == created)
        #expect(try Reliability.differences(statePath: dir.file(Self.statePath), cloudDir: cloudDir, ignoring: inTheWay) == [])

        // Remove the causes: the bucket (with the public access block AWS gives it) and the log group.
        let deleteBucket = run(["cloud", "delete", "-type=aws_s3_bucket", "social-flow-dev-videos-123456789012"], extra: other)
        #expect(deleteBucket.status == 0, "\(deleteBucket.stderr)")
        let deleteLogs = run(["cloud", "delete", "-type=aws_cloudwatch_log_group", "/ecs/social-flow-dev/app"])
        #expect(deleteLogs.status == 0, "\(deleteLogs.stderr)")
        let finish = run(["apply", "-env=dev", "-auto-approve"])
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(try Reliability.instanceCount(dir.file(Self.statePath)) > done)
        #expect(try Reliability.differences(statePath: dir.file(Self.statePath), cloudDir: cloudDir) == [])
        #expect(run(["plan", "-env=dev", "-detailed-exitcode"]).status == 0)

        // Deletion protection: the destroy removes what it can and keeps the rest in state.
        let protect = run(["apply", "-env=dev", "-auto-approve", "-var", "db_deletion_protection=true"])
        #expect(protect.status == 0, "\(protect.stderr)")
        let blocked = run(["destroy", "-env=dev", "-auto-approve", "-var", "db_deletion_protection=true"])
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("deletion protection") || blocked.stderr.contains("DeletionProtection"), "\(blocked.stderr)")
        let left = try Reliability.stateObjects(dir.file(Self.statePath))
        #expect(left.contains { $0.type == "aws_db_instance" })
        #expect(left.count > 0 && left.count < 100, "\(left.count) left after the blocked destroy")
        #expect(try Reliability.differences(statePath: dir.file(Self.statePath), cloudDir: cloudDir) == [])
        let lift = run(["apply", "-env=dev", "-auto-approve"])
        #expect(lift.status == 0, "\(lift.stderr)")
        let destroy = run(["destroy", "-env=dev", "-auto-approve"])
        #expect(destroy.status == 0, "\(destroy.stderr)")
        #expect(Reliability.createdObjects(cloudDir).filter { !inTheWay.contains($0.id) }.map(\.id) == [])
    }
}
