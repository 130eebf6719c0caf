import Foundation
import Glibc
import Testing
import TerraceBasics
import TerraceTestSupport

/// Concurrency, beyond `KillTests`' lock tests: two applies of one workspace started together
/// (one proceeds, the other fails at once naming the holder's lock ID, operation, user, PID and
/// time), a waiter under `-lock-timeout` that proceeds once the holder is done or gives up in
/// time, and two workspaces selected with `-env` applying at once against one cloud.
@Suite(.serialized) struct ReliabilityLockTests {
    static func small(_ prefix: String) -> TempDirectory { ReliabilityKillTests.small(prefix) }

    @Test func twoAppliesOfOneWorkspaceOneProceedsTheOtherFailsAtOnceNamingTheHolder() throws {
        let dir = Self.small("terrace-two-applies")
        let logs = TempDirectory("terrace-two-applies-logs")
        let env = ["TERRACE_SIM_FAULTS": "latency=200ms,seed=2"]
        let started = Date()
        let a = try Reliability.start(["apply", "-auto-approve", "-parallelism=2"], cwd: dir.path, env: env, log: logs.file("a"))
        let b = try Reliability.start(["apply", "-auto-approve", "-parallelism=2"], cwd: dir.path, env: env, log: logs.file("b"))
        // The lock as its holder wrote it.
        var held: JSON?
        while held == nil && (a.isRunning || b.isRunning) {
            held = dir.read(".terrace.tfstate.lock.info").flatMap { try? JSONParser.parse($0) }
            usleep(2000)
        }
        var loserEnded: Date?
        while a.isRunning && b.isRunning { usleep(5000) }
        loserEnded = Date()
        a.waitUntilExit()
        b.waitUntilExit()
        let results = [(a, logs.read("a.err") ?? ""), (b, logs.read("b.err") ?? "")]
        let winners = results.filter { $0.0.terminationStatus == 0 }
        let losers = results.filter { $0.0.terminationStatus == 1 }
        try #require(winners.count == 1 && losers.count == 1, "\(results.map { "\($0.0.terminationStatus): \($0.1)" })")
        let (winner, _) = winners[0], (_, message) = losers[0]
        // The loser failed at once, while the winner was still applying.
        #expect((loserEnded ?? Date()).timeIntervalSince(started) < 5)
        #expect(message.contains("Error acquiring the state lock"), "\(message)")
        let info = try #require(held)
        #expect(info["PID"]?.intValue == Int(winner.processIdentifier))
        for (label, key) in [("ID:", "ID"), ("Operation:", "Operation"), ("Who:", "Who"), ("Created:", "Created")] {
            let value = try #require(info[key]?.stringValue)
            #expect(message.contains("\(label)\(String(repeating: " ", count: 11 - label.count))\(value)"), "\(key) \(value) not in \(message)")
        }
        #expect(message.contains("PID:       \(winner.processIdentifier)"))
        #expect(info["Operation"]?.stringValue == "OperationTypeApply")
        #expect(info["Who"]?.stringValue?.contains("@") == true)
        #expect(info["Created"]?.stringValue?.hasSuffix("+0000 UTC") == true)
        // Every object once, recorded once.
        #expect(Reliability.countsByType(dir.file(".terrace/cloud")) == KillTests.expected)
        #expect(try Reliability.differences(statePath: dir.file("terrace.tfstate"), cloudDir: dir.file(".terrace/cloud")) == [])
        #expect(!FileSystem.exists(dir.file(".terrace.tfstate.lock.info")))
    }

    @Test func aWaiterUnderLockTimeoutProceedsOnceTheHolderIsDoneOrGivesUpInTime() throws {
        let dir = Self.small("terrace-lock-wait")
        let logs = TempDirectory("terrace-lock-wait-logs")
        let holder = try Reliability.start(["apply", "-auto-approve", "-parallelism=1"], cwd: dir.path, env: ["TERRACE_SIM_FAULTS": "latency=300ms,seed=2"], log: logs.file("holder"))
        #expect(Reliability.waitFor(dir.file(".terrace.tfstate.lock.info")))
        // A short timeout gives up after about that long, naming the holder.
        let t = Date()
        let impatient = TerraceProcess.run(["apply", "-auto-approve", "-lock-timeout=1s", "-no-color"], cwd: dir.path)
        let waited = Date().timeIntervalSince(t)
        #expect(impatient.status == 1)
        #expect(impatient.stderr.contains("PID:       \(holder.processIdentifier)"), "\(impatient.stderr)")
        #expect(waited >= 0.9 && waited < 10, "gave up after \(waited)s")
        // A long one waits for the holder and then finds nothing left to do.
        let patient = TerraceProcess.run(["apply", "-auto-approve", "-lock-timeout=120s", "-no-color"], cwd: dir.path)
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0, "\(logs.read("holder.err") ?? "")")
        #expect(patient.status == 0, "\(patient.stderr)")
        #expect(patient.stdout.contains("Resources: 0 added, 0 changed, 0 destroyed."), "\(patient.stdout)")
        #expect(Reliability.countsByType(dir.file(".terrace/cloud")) == KillTests.expected)
    }

    @Test func twoWorkspacesSelectedWithEnvApplyAtOnceAgainstOneCloud() throws {
        let dir = TempDirectory("terrace-two-envs")
        let cloud = TempDirectory("terrace-two-envs-cloud")
        let logs = TempDirectory("terrace-two-envs-logs")
        dir.write("main.tf", """
        variable "n" {}
        provider "aws" {
          region = "us-east-1"
        }
        resource "aws_vpc" "v" {
          count      = 3
          cidr_block = "10.${var.n * 10 + count.index}.0.0/16"
        }
        resource "aws_s3_bucket" "b" {
          count  = 2
          bucket = "terrace-envs-${var.n}-${count.index}-\(UInt32.random(in: 0...UInt32.max))"
        }
        """)
        dir.write("environments/one.tfvars", "n = 1\n")
        dir.write("environments/two.tfvars", "n = 2\n")
        let env = ["TERRACE_CLOUD_DIR": cloud.path, "TERRACE_SIM_FAULTS": "latency=100ms,seed=5"]
        // Neither workspace exists yet: both runs create theirs at the same moment.
        let a = try Reliability.start(["apply", "-env=one", "-auto-approve"], cwd: dir.path, env: env, log: logs.file("one"))
        let b = try Reliability.start(["apply", "-env=two", "-auto-approve"], cwd: dir.path, env: env, log: logs.file("two"))
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0, "\(logs.read("one.err") ?? "")")
        #expect(b.terminationStatus == 0, "\(logs.read("two.err") ?? "")")
        #expect(Reliability.countsByType(cloud.path) == ["aws_vpc": 6, "aws_s3_bucket": 4])
        for name in ["one", "two"] {
            let state = dir.file("terrace.tfstate.d/\(name)/terrace.tfstate")
            #expect(try Reliability.stateObjects(state).count == 5, "\(name)")
            let others = Set(try Reliability.stateObjects(dir.file("terrace.tfstate.d/\(name == "one" ? "two" : "one")/terrace.tfstate")).compactMap { $0.attributes["id"]?.stringValue })
            let ignoring = Set(Reliability.createdObjects(cloud.path).filter { o in others.contains(o.id) }.map(\.id))
            #expect(try Reliability.differences(statePath: state, cloudDir: cloud.path, ignoring: ignoring) == [], "\(name)")
        }
    }
}
