import Foundation
import Glibc
import Testing
import TerraceBasics
import TerraceTestSupport

/// The kill matrix on the Social Flow stack: an apply of the prod environment (154 resources)
/// under simulated latency, killed with SIGKILL at seeded random instants, then resumed. After
/// every resume each object of the configuration exists exactly once in the cloud, the state
/// records exactly the cloud's objects, and a plan shows no changes. CI runs a couple of
/// rounds; `scripts/reliability/kill-matrix.sh` runs 50 and docs/reliability.md records them.
@Suite(.serialized) struct ReliabilityKillTests {
    static let statePath = "terrace.tfstate.d/prod/terrace.tfstate"

    @Test func socialFlowProdKilledAtRandomInstantsResumesToExactlyTheConfiguration() throws {
        let rounds = Reliability.setting("TERRACE_KILL_SF_ROUNDS", 2)
        let seed = UInt64(Reliability.setting("TERRACE_KILL_SEED", 20261122))
        let env = ["TERRACE_SIM_FAULTS": "latency=20ms,seed=\(seed % 1000)"]
        // An uninterrupted apply: how many objects of each type the configuration makes, and
        // how long its journal grows (a begin line, then an intent and a result per operation).
        let reference = Reliability.socialFlow("terrace-kill-sf-ref")
        let ok = TerraceProcess.run(["apply", "-env=prod", "-auto-approve", "-no-color"], cwd: reference.path)
        try #require(ok.status == 0, "\(ok.stderr)")
        let expected = Reliability.countsByType(reference.file(".terrace/cloud"))
        let operations = try Reliability.instanceCount(reference.file(Self.statePath))
        var rng = SeededGenerator(seed: seed)
        var midApply = 0
        var createdAtKill: [Int] = []
        let started = Date()
        for round in 0..<rounds {
            let dir = Reliability.socialFlow("terrace-kill-sf")
            let logs = TempDirectory("terrace-kill-sf-logs")
            let point = Reliability.KillPoint.random(journalLines: 1 + 2 * operations, using: &rng)
            let p = try Reliability.start(["apply", "-env=prod", "-auto-approve"], cwd: dir.path, env: env, log: logs.file("apply"))
            let journal = dir.file(Self.statePath + ".journal")
            Reliability.kill(p, at: point, journal: journal)
            let cloudDir = dir.file(".terrace/cloud")
            if FileSystem.exists(journal) { midApply += 1 }
            createdAtKill.append(Reliability.createdObjects(cloudDir).count)
            let context = "round \(round), killed \(point) with \(createdAtKill.last ?? 0) objects created"

            let resume = TerraceProcess.run(["apply", "-env=prod", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
            #expect(resume.status == 0, "\(context): \(resume.stderr)")
            #expect(Reliability.countsByType(cloudDir) == expected, "\(context)")
            #expect(try Reliability.differences(statePath: dir.file(Self.statePath), cloudDir: cloudDir) == [], "\(context)")
            let plan = TerraceProcess.run(["plan", "-env=prod", "-detailed-exitcode", "-no-color"], cwd: dir.path, env: env)
            #expect(plan.status == 0, "\(context): \(plan.stdout.suffix(2000))\(plan.stderr)")
            #expect(!FileSystem.exists(journal), "\(context)")
            #expect(!FileSystem.exists(dir.file("terrace.tfstate.d/prod/.terrace.tfstate.lock.info")), "\(context)")
        }
        let sorted = createdAtKill.sorted()
        print("kill matrix (Social Flow prod, \(expected.values.reduce(0, +)) cloud objects): \(rounds) rounds, seed \(seed), \(midApply) kills landed mid-apply, objects created at the kill: min \(sorted.first ?? 0), median \(sorted.isEmpty ? 0 : sorted[sorted.count / 2]), max \(sorted.last ?? 0); \(Int(Date().timeIntervalSince(started)))s")
        // The kills must really fall inside the applies for the test to mean anything.
        #expect(midApply * 2 >= rounds, "only \(midApply) of \(rounds) kills interrupted an apply")
    }

    /// A copy of the small configuration of `KillTests` with names of its own.
    static func small(_ prefix: String) -> TempDirectory {
        let dir = TempDirectory(prefix)
        dir.write("main.tf", KillTests.config.replacingOccurrences(of: "SUFFIX", with: "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"))
        return dir
    }

    /// The first SIGINT or SIGTERM stops gracefully: operations in flight finish and are
    /// recorded (the state records exactly what the cloud holds), nothing new starts, the
    /// journal is folded into the saved state, the lock is released, and the exit status is 1.
    @Test(arguments: [SIGINT, SIGTERM])
    func aFirstInterruptStopsGracefully(_ signal: Int32) throws {
        let dir = Self.small("terrace-sig\(signal)")
        let logs = TempDirectory("terrace-sig-logs")
        let env = ["TERRACE_SIM_FAULTS": "latency=300ms,seed=3"]
        let p = try Reliability.start(["apply", "-auto-approve", "-parallelism=2"], cwd: dir.path, env: env, log: logs.file("run"))
        // Interrupt once some operations have finished and others are in flight.
        #expect(Reliability.kill(p, at: .init(records: 4, delay: 0.1), journal: dir.file("terrace.tfstate.journal"), signal: signal, wait: false))
        let sent = Date()
        p.waitUntilExit()
        let err = logs.read("run.err") ?? ""
        #expect(p.terminationReason == .exit && p.terminationStatus == 1, "\(err)")
        #expect(Date().timeIntervalSince(sent) < 10)
        #expect(err.contains("Interrupt received"), "\(err)")
        #expect(err.contains("Apply interrupted"), "\(err)")
        #expect(!FileSystem.exists(dir.file("terrace.tfstate.journal")))
        #expect(!FileSystem.exists(dir.file(".terrace.tfstate.lock.info")))
        let cloudDir = dir.file(".terrace/cloud")
        let partial = Reliability.createdObjects(cloudDir).count
        #expect(partial > 0 && partial < 13, "\(partial) objects after the interrupt")
        #expect(try Reliability.differences(statePath: dir.file("terrace.tfstate"), cloudDir: cloudDir) == [])
        let resume = TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
        #expect(resume.status == 0, "\(resume.stderr)")
        #expect(Reliability.countsByType(cloudDir) == KillTests.expected)
        #expect(try Reliability.differences(statePath: dir.file("terrace.tfstate"), cloudDir: cloudDir) == [])
        #expect(TerraceProcess.run(["plan", "-detailed-exitcode"], cwd: dir.path).status == 0)
    }

    /// An interrupt while the plan still refreshes stops it: reads under way finish, nothing
    /// new starts, nothing is applied, the state file is untouched and the lock released.
    @Test func anInterruptWhilePlanningStopsBeforeAnythingChanges() throws {
        let dir = Self.small("terrace-sigint-plan")
        let logs = TempDirectory("terrace-sig-logs")
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        dir.write("more.tf", "resource \"aws_vpc\" \"more\" {\n  cidr_block = \"10.9.0.0/16\"\n}\n")
        let before = try FileSystem.read(dir.file("terrace.tfstate"))
        let p = try Reliability.start(["apply", "-auto-approve", "-parallelism=1"], cwd: dir.path,
                                      env: ["TERRACE_SIM_FAULTS": "latency=300ms,seed=3"], log: logs.file("run"))
        var waited = 0
        while !(logs.read("run.out") ?? "").contains("Refreshing state") && waited < 3000 { usleep(10_000); waited += 1 }
        kill(p.processIdentifier, SIGINT)
        let sent = Date()
        p.waitUntilExit()
        let err = logs.read("run.err") ?? ""
        #expect(p.terminationStatus == 1, "\(err)")
        #expect(Date().timeIntervalSince(sent) < 5, "took \(Date().timeIntervalSince(sent))s to stop")
        #expect(err.contains("Operation interrupted"), "\(err)")
        #expect(!(logs.read("run.out") ?? "").contains("Creating..."))
        #expect(try FileSystem.read(dir.file("terrace.tfstate")) == before)
        #expect(!FileSystem.exists(dir.file(".terrace.tfstate.lock.info")))
        #expect(!FileSystem.exists(dir.file("terrace.tfstate.journal")))
        #expect(Reliability.countsByType(dir.file(".terrace/cloud")) == KillTests.expected)
    }

    /// A second interrupt exits at once (status 130) without waiting for operations in
    /// flight; nothing is corrupted: the state file is whole, and the next run reconciles the
    /// journal and finishes the job with every object once.
    @Test func aSecondInterruptExitsAtOnceAndCorruptsNothing() throws {
        let dir = Self.small("terrace-sigint2")
        let logs = TempDirectory("terrace-sig-logs")
        // Operations take 5 s each, so a graceful stop would take that long.
        let env = ["TERRACE_SIM_FAULTS": "latency=5s,seed=3"]
        let p = try Reliability.start(["apply", "-auto-approve", "-parallelism=4"], cwd: dir.path, env: env, log: logs.file("run"))
        #expect(Reliability.kill(p, at: .init(records: 2, delay: 0.2), journal: dir.file("terrace.tfstate.journal"), signal: SIGINT, wait: false))
        // The second interrupt once the first has been handled, however loaded the machine is.
        let deadline = Date().addingTimeInterval(30)
        while !(logs.read("run.err") ?? "").contains("Interrupt received") && p.isRunning && Date() < deadline { usleep(10_000) }
        let second = Date()
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let err = logs.read("run.err") ?? ""
        #expect(Date().timeIntervalSince(second) < 2, "the second interrupt took \(Date().timeIntervalSince(second))s")
        #expect(p.terminationStatus == 130, "\(err)")
        #expect(err.contains("Two interrupts received"), "\(err)")
        // Whatever is on disk is a whole state file (or none yet).
        if let bytes = try? FileSystem.read(dir.file("terrace.tfstate")) {
            #expect((try? JSONParser.parse(bytes))?["lineage"]?.stringValue != nil)
        }
        let resume = TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path)
        #expect(resume.status == 0, "\(resume.stderr)")
        let cloudDir = dir.file(".terrace/cloud")
        #expect(Reliability.countsByType(cloudDir) == KillTests.expected)
        #expect(try Reliability.differences(statePath: dir.file("terrace.tfstate"), cloudDir: cloudDir) == [])
        #expect(TerraceProcess.run(["plan", "-detailed-exitcode"], cwd: dir.path).status == 0)
    }
}
