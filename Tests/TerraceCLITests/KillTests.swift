import Foundation
import Glibc
import Testing
import TerraceBasics
import TerraceTestSupport

/// Kills a real `terrace apply` (and `destroy`) with SIGKILL at seeded random instants and
/// checks that the resumed run converges: every cloud object exists exactly once, the state
/// matches the cloud, and a plan shows no changes. The long matrix is `scripts/reliability/`.
@Suite(.serialized) struct KillTests {
    static let config = """
    provider "aws" {
      region = "us-east-1"
    }

    resource "aws_vpc" "v" {
      count      = 3
      cidr_block = "10.${count.index}.0.0/16"
    }

    resource "aws_subnet" "s" {
      count      = 6
      vpc_id     = aws_vpc.v[count.index % 3].id
      cidr_block = cidrsubnet(aws_vpc.v[count.index % 3].cidr_block, 8, count.index)
    }

    resource "aws_s3_bucket" "b" {
      count  = 4
      bucket = "terrace-kill-${count.index}-SUFFIX"
    }
    """

    static let expected = ["aws_vpc": 3, "aws_subnet": 6, "aws_s3_bucket": 4]

    /// The matrix's size: `TERRACE_KILL_ROUNDS` rounds (default 6) of a configuration of
    /// `TERRACE_KILL_VPCS` VPCs with 5 subnets each and as many buckets again (default 3 VPCs,
    /// 2 subnets each, 4 buckets); the long run in docs/reliability.md uses 50 rounds of 500.
    static var rounds: Int { Int(ProcessInfo.processInfo.environment["TERRACE_KILL_ROUNDS"] ?? "") ?? 6 }
    static var scale: Int? { Int(ProcessInfo.processInfo.environment["TERRACE_KILL_VPCS"] ?? "") }

    static func synthetic(vpcs: Int) -> (String, [String: Int]) {
        let config = """
        provider "aws" {
          region = "us-east-1"
        }

        resource "aws_vpc" "v" {
          count      = \(vpcs)
          cidr_block = "10.${count.index}.0.0/16"
        }

        resource "aws_subnet" "s" {
          count      = \(vpcs * 5)
          vpc_id     = aws_vpc.v[count.index % \(vpcs)].id
          cidr_block = cidrsubnet(aws_vpc.v[count.index % \(vpcs)].cidr_block, 8, (count.index - count.index % \(vpcs)) / \(vpcs))
        }

        resource "aws_s3_bucket" "b" {
          count  = \(vpcs * 4)
          bucket = "terrace-kill-${count.index}-SUFFIX"
        }
        """
        return (config, ["aws_vpc": vpcs, "aws_subnet": vpcs * 5, "aws_s3_bucket": vpcs * 4])
    }

    func cloudIDs(_ dir: TempDirectory, _ kind: String) -> [String] {
        // Objects are the `.json` files; a temporary file left by a write cut short is not one.
        FileSystem.list(dir.file(".terrace/cloud/accounts/123456789012/us-east-1/\(kind)")).filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
    }

    func stateIDs(_ dir: TempDirectory) throws -> [String: [String]] {
        let s = try JSONParser.parse(dir.read("terrace.tfstate") ?? "{}")
        var out: [String: [String]] = [:]
        for r in s["resources"]?.arrayValue ?? [] {
            for i in r["instances"]?.arrayValue ?? [] {
                out[r["type"]?.stringValue ?? "", default: []].append(i["attributes"]?["id"]?.stringValue ?? "")
            }
        }
        return out
    }

    @Test func killedAppliesAndDestroysResumeToTheSameEndState() throws {
        var rng = SeededGenerator(seed: 20261121)
        let (config, expected) = Self.scale.map { Self.synthetic(vpcs: $0) } ?? (Self.config, Self.expected)
        let big = Self.scale != nil
        let env = ["TERRACE_SIM_FAULTS": big ? "latency=20ms,seed=3" : "latency=100ms,seed=3"]
        var interrupted = 0
        let started = Date()
        for round in 0..<Self.rounds {
            let dir = TempDirectory("terrace-kill")
            dir.write("main.tf", config.replacingOccurrences(of: "SUFFIX", with: "\(round)-\(UInt32.random(in: 0...UInt32.max, using: &rng))"))
            // Apply, killed at a random instant (a seeded position in its journal: one in ten
            // while it still plans), then resumed.
            let journalLines = 1 + 2 * expected.values.reduce(0, +)
            let delay = Reliability.KillPoint.random(journalLines: journalLines, using: &rng)
            let p = try TerraceProcess.start(["apply", "-auto-approve", "-parallelism=2"], cwd: dir.path, env: env)
            let killed = Reliability.kill(p, at: delay, journal: dir.file("terrace.tfstate.journal"))
            if FileSystem.exists(dir.file("terrace.tfstate.journal")) {
                interrupted += 1
            } else if killed && delay.records > 0 && delay.records <= journalLines - 3 {
                // Three records or more still to come means at least one more provider call
                // (two at most are in flight), so the kill fell inside the apply.
                Issue.record("round \(round): killed \(delay), yet the apply left no journal")
            }
            let resume = TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
            #expect(resume.status == 0, "round \(round) killed \(delay): \(resume.stderr)")
            #expect(try Reliability.differences(statePath: dir.file("terrace.tfstate"), cloudDir: dir.file(".terrace/cloud")) == [], "round \(round) killed \(delay)")
            let ids = try stateIDs(dir)
            for (kind, n) in expected {
                #expect(cloudIDs(dir, kind).count == n, "round \(round): \(kind) in cloud")
                #expect(Set(ids[kind] ?? []) == Set(cloudIDs(dir, kind)), "round \(round): \(kind) state vs cloud")
            }
            let plan = TerraceProcess.run(["plan", "-detailed-exitcode", "-no-color"], cwd: dir.path, env: env)
            #expect(plan.status == 0, "round \(round): \(plan.stdout)\(plan.stderr)")
            #expect(!FileSystem.exists(dir.file("terrace.tfstate.journal")))

            // Destroy, killed, then resumed: nothing left behind.
            let d = try TerraceProcess.start(["destroy", "-auto-approve", "-parallelism=2"], cwd: dir.path, env: env)
            Reliability.kill(d, at: Reliability.KillPoint.random(journalLines: journalLines, using: &rng), journal: dir.file("terrace.tfstate.journal"))
            let finish = TerraceProcess.run(["destroy", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
            #expect(finish.status == 0, "round \(round): \(finish.stderr)")
            for kind in expected.keys { #expect(cloudIDs(dir, kind).isEmpty, "round \(round): \(kind) left after destroy") }
            #expect(try stateIDs(dir).isEmpty)
        }
        // The instants must really fall inside the applies for the test to mean anything. Kills
        // placed by the journal do (checked above); one in ten is placed by the clock while the
        // apply still plans, and how far a loaded machine has got by then varies, so those are
        // not counted on.
        #expect(interrupted >= 1, "no kill interrupted an apply")
        print("kill matrix: \(Self.rounds) rounds, \(expected.values.reduce(0, +)) resources, \(interrupted) applies interrupted mid-way, \(Int(Date().timeIntervalSince(started)))s")
    }

    @Test func sigintStopsGracefullyAndTheNextRunFinishes() throws {
        let dir = TempDirectory("terrace-int")
        dir.write("main.tf", Self.config.replacingOccurrences(of: "SUFFIX", with: "int-\(UInt32.random(in: 0...UInt32.max))"))
        let env = ["TERRACE_SIM_FAULTS": "latency=200ms,seed=3"]
        let p = try TerraceProcess.start(["apply", "-auto-approve", "-parallelism=2"], cwd: dir.path, env: env)
        // Interrupt once the apply is under way (its journal exists), however loaded the machine is.
        var waited = 0
        while !FileSystem.exists(dir.file("terrace.tfstate.journal")) && waited < 500 { usleep(20_000); waited += 1 }
        usleep(300_000)
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        // State saved, journal folded in, lock released.
        #expect(FileSystem.exists(dir.file("terrace.tfstate")))
        #expect(!FileSystem.exists(dir.file("terrace.tfstate.journal")))
        #expect(!FileSystem.exists(dir.file(".terrace.tfstate.lock.info")))
        let partial = try stateIDs(dir)
        #expect(partial.values.map(\.count).reduce(0, +) < 13)
        for (kind, ids) in partial { #expect(Set(ids) == Set(cloudIDs(dir, kind))) }
        let resume = TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path, env: env)
        #expect(resume.status == 0)
        for (kind, n) in Self.expected { #expect(cloudIDs(dir, kind).count == n) }
    }

    @Test func aSecondRunFailsAtOnceWithTheHoldersLockAndAKilledHolderNeverBlocks() throws {
        let dir = TempDirectory("terrace-lock")
        dir.write("main.tf", Self.config.replacingOccurrences(of: "SUFFIX", with: "lock-\(UInt32.random(in: 0...UInt32.max))"))
        let env = ["TERRACE_SIM_FAULTS": "latency=300ms,seed=1"]
        // One call at a time, so the holder keeps the lock for 13 × 300 ms, long enough for the
        // second run to start even on a loaded machine.
        let holder = try TerraceProcess.start(["apply", "-auto-approve", "-parallelism=1"], cwd: dir.path, env: env)
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }; holder.waitUntilExit() }
        try #require(Reliability.waitFor(dir.file(".terrace.tfstate.lock.info")), "the holder never took the lock")
        let start = Date()
        let second = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path)
        #expect(second.status == 1)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(second.stderr.contains("Error: Error acquiring the state lock"))
        #expect(second.stderr.contains("Operation: OperationTypeApply"))
        #expect(second.stderr.contains("PID:       \(holder.processIdentifier)"))
        if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }
        holder.waitUntilExit()
        // The dead holder's lock file is still there, but it no longer blocks anyone.
        let after = TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path)
        #expect(after.status == 0, "\(after.stderr)")
    }

    @Test func lockTimeoutWaitsAndForceUnlockReleasesALiveHolder() throws {
        let dir = TempDirectory("terrace-lock2")
        dir.write("main.tf", Self.config.replacingOccurrences(of: "SUFFIX", with: "lock2-\(UInt32.random(in: 0...UInt32.max))"))
        let holder = try TerraceProcess.start(["apply", "-auto-approve"], cwd: dir.path, env: ["TERRACE_SIM_FAULTS": "latency=100ms,seed=1"])
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }; holder.waitUntilExit() }
        try #require(Reliability.waitFor(dir.file(".terrace.tfstate.lock.info")), "the holder never took the lock")
        let waiting = TerraceProcess.run(["plan", "-lock-timeout=60s", "-no-color"], cwd: dir.path)
        #expect(waiting.status == 0, "\(waiting.stderr)")
        holder.waitUntilExit()

        // One call at a time, 500 ms each: the destroy holds the lock for over 10 s (it is killed
        // once the test is done), so both force-unlocks run while it is alive however loaded
        // the machine is.
        let slow = try TerraceProcess.start(["destroy", "-auto-approve", "-parallelism=1"], cwd: dir.path, env: ["TERRACE_SIM_FAULTS": "latency=500ms,seed=1"])
        defer { if slow.isRunning { kill(slow.processIdentifier, SIGKILL) }; slow.waitUntilExit() }
        try #require(Reliability.waitFor(dir.file(".terrace.tfstate.lock.info")), "the destroy never took the lock")
        let info = try JSONParser.parse(dir.read(".terrace.tfstate.lock.info") ?? "")
        let id = try #require(info["ID"]?.stringValue)
        let wrong = TerraceProcess.run(["force-unlock", "-force", "not-the-id"], cwd: dir.path)
        #expect(wrong.status == 1)
        let ok = TerraceProcess.run(["force-unlock", "-force", id], cwd: dir.path)
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("Terrace state has been successfully unlocked!"))
        #expect(!FileSystem.exists(dir.file(".terrace.tfstate.lock.info")))
    }
}

/// A seedable generator so the kill instants are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
