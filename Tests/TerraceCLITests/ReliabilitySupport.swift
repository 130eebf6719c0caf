import Foundation
import Glibc
import TerraceBasics
import TerraceTestSupport

/// What the reliability tests share: a copy of the Social Flow stack, the check that a state
/// and the simulated cloud describe the same objects, each exactly once, and seeded figures.
enum Reliability {
    /// A private copy of the Social Flow stack at the repository root (its own cloud under
    /// `.terrace/cloud`), so a test can apply, kill and destroy it freely.
    static func socialFlow(_ prefix: String = "terrace-sf") -> TempDirectory {
        let dir = TempDirectory(prefix)
        let root = TerraceProcess.packageRoot
        for f in ["main.tf", "outputs.tf", "variables.tf", "versions.tf"] {
            if let text = try? FileSystem.readString("\(root)/\(f)") { dir.write(f, text) }
        }
        for sub in ["modules", "environments"] { copyTree("\(root)/\(sub)", to: dir.file(sub)) }
        return dir
    }

    /// A number from the environment, else the default (for the long runs of the scripts).
    static func setting(_ name: String, _ fallback: Int) -> Int {
        Int(ProcessInfo.processInfo.environment[name] ?? "") ?? fallback
    }

    static func setting(_ name: String, _ fallback: Double) -> Double {
        Double(ProcessInfo.processInfo.environment[name] ?? "") ?? fallback
    }

    /// One cloud object as stored: `accounts/ACCOUNT/REGION/KIND/ID.json`.
    struct CloudEntry {
        var kind: String
        var id: String
        var attributes: JSON
        var token: String?
        var managedBy: String?
    }

    /// Every object in a simulated cloud directory.
    static func cloudObjects(_ cloudDir: String) -> [CloudEntry] {
        var out: [CloudEntry] = []
        let accounts = "\(cloudDir)/accounts"
        for account in FileSystem.list(accounts) {
            for region in FileSystem.list("\(accounts)/\(account)") {
                for kind in FileSystem.list("\(accounts)/\(account)/\(region)") {
                    let kindDir = "\(accounts)/\(account)/\(region)/\(kind)"
                    for file in FileSystem.list(kindDir) where file.hasSuffix(".json") {
                        guard let bytes = try? FileSystem.read("\(kindDir)/\(file)"), let j = try? JSONParser.parse(bytes),
                              let id = j["id"]?.stringValue else { continue }
                        out.append(CloudEntry(kind: kind, id: id, attributes: j["attributes"] ?? .null,
                                              token: j["token"]?.stringValue, managedBy: j["managed_by"]?.stringValue))
                    }
                }
            }
        }
        return out
    }

    /// One managed `aws_*` instance of a state file (current or deposed).
    struct StateEntry {
        var address: String
        var type: String
        var attributes: JSON
    }

    static func stateObjects(_ statePath: String) throws -> [StateEntry] {
        guard FileSystem.exists(statePath) else { return [] }
        let s = try JSONParser.parse(FileSystem.read(statePath))
        var out: [StateEntry] = []
        for r in s["resources"]?.arrayValue ?? [] where r["mode"]?.stringValue == "managed" {
            let type = r["type"]?.stringValue ?? ""
            guard type.hasPrefix("aws_") else { continue }
            let base = [r["module"]?.stringValue, "\(type).\(r["name"]?.stringValue ?? "")"].compactMap { $0 }.joined(separator: ".")
            for i in r["instances"]?.arrayValue ?? [] {
                let key = i["index_key"].map { k in k.stringValue.map { "[\"\($0)\"]" } ?? "[\(k.intValue ?? 0)]" } ?? ""
                out.append(StateEntry(address: base + key, type: type, attributes: i["attributes"] ?? .null))
            }
        }
        return out
    }

    /// How many resource instances (of every provider) a state file holds.
    static func instanceCount(_ statePath: String) throws -> Int {
        let s = try JSONParser.parse(FileSystem.read(statePath))
        return (s["resources"]?.arrayValue ?? []).reduce(0) { $0 + ($1["instances"]?.arrayValue?.count ?? 0) }
    }

    /// Whether a state instance records this cloud object: its `id` is the object's ID (or
    /// the `id` attribute the cloud keeps for it), or its `arn` is (task definitions).
    static func records(_ s: StateEntry, _ o: CloudEntry) -> Bool {
        guard s.type == o.kind, let id = s.attributes["id"]?.stringValue else { return false }
        return id == o.id || id == o.attributes["id"]?.stringValue || s.attributes["arn"]?.stringValue == o.id
    }

    /// The differences between a state and the cloud, empty when they agree: every object the
    /// cloud holds for a call Terrace made (it carries the call's idempotency token; objects
    /// AWS makes by itself, such as a VPC's default security group, do not) is recorded by
    /// exactly one state instance, and every state instance records exactly one object. An
    /// object created twice, an orphan unknown to state, or a state entry whose object is gone
    /// each show up here. Objects whose IDs are in `ignoring` (made outside Terrace) are left out.
    static func differences(statePath: String, cloudDir: String, ignoring: Set<String> = []) throws -> [String] {
        let state = try stateObjects(statePath)
        let cloud = createdObjects(cloudDir).filter { !ignoring.contains($0.id) }
        var problems: [String] = []
        var tokens: [String: Int] = [:]
        for o in cloud { tokens[o.token ?? "", default: 0] += 1 }
        for (t, n) in tokens where n > 1 { problems.append("\(n) cloud objects carry the token \(t)") }
        for o in cloud {
            let n = state.filter { records($0, o) }.count
            if n != 1 { problems.append("cloud \(o.kind) \(o.id) is recorded by \(n) state instances") }
        }
        for s in state {
            let n = cloud.filter { records(s, $0) }.count
            if n != 1 { problems.append("state \(s.address) records \(n) cloud objects") }
        }
        return problems.sorted()
    }

    /// Objects on their way out are not there for Terraform: a deregistered task definition
    /// (`INACTIVE`), a KMS key pending deletion, a secret scheduled for deletion.
    static func isLive(_ o: CloudEntry) -> Bool {
        o.attributes["status"]?.stringValue != "INACTIVE" && o.attributes["key_state"]?.stringValue != "PendingDeletion"
            && (o.attributes["deleted_date"] ?? .null).isNull
    }

    /// The live objects Terrace's calls created (they carry the call's idempotency token).
    static func createdObjects(_ cloudDir: String) -> [CloudEntry] {
        cloudObjects(cloudDir).filter { $0.token != nil && $0.managedBy == nil && isLive($0) }
    }

    /// Starts `terrace args…` with its standard output and error going to `log.out` and
    /// `log.err` (outside the working directory, so they are not among its files).
    static func start(_ args: [String], cwd: String, env: [String: String] = [:], log: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TerraceProcess.executable)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TERRACE_SIM_FAULTS"] = nil
        environment["TF_WORKSPACE"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        _ = FileManager.default.createFile(atPath: log + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: log + ".err", contents: nil)
        p.standardOutput = FileHandle(forWritingAtPath: log + ".out")
        p.standardError = FileHandle(forWritingAtPath: log + ".err")
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Lines in a file (0 when it does not exist).
    static func lineCount(_ path: String) -> Int {
        guard let bytes = try? FileSystem.read(path) else { return 0 }
        return bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    }

    /// Where a kill lands: after `records` lines of the apply journal are on disk (the
    /// journal's `begin` line, then an intent and a result per operation), plus `delay`
    /// seconds; with `records` 0, `delay` seconds after the start (while the configuration is
    /// loaded and planned). Positions in the journal rather than wall-clock instants keep the
    /// kills spread over the whole apply however loaded the machine is.
    struct KillPoint: CustomStringConvertible {
        var records: Int
        var delay: Double
        var description: String {
            records == 0 ? String(format: "%.3fs after the start", delay)
                : String(format: "%.3fs after journal record %d", delay, records)
        }

        /// A seeded point: one kill in ten while planning, the others uniform over the
        /// `journalLines` records of an uninterrupted apply, up to 20 ms past each.
        static func random(journalLines: Int, using rng: inout some RandomNumberGenerator) -> KillPoint {
            if Int.random(in: 0..<10, using: &rng) == 0 { return KillPoint(records: 0, delay: Double.random(in: 0...0.5, using: &rng)) }
            return KillPoint(records: Int.random(in: 1...max(1, journalLines), using: &rng), delay: Double.random(in: 0...0.02, using: &rng))
        }
    }

    /// Sends `signal` (SIGKILL unless told) to `p` at `point` of the journal at `journal`, and
    /// waits for it to end unless told not to; false if it finished first.
    @discardableResult
    static func kill(_ p: Process, at point: KillPoint, journal: String, signal: Int32 = SIGKILL, wait: Bool = true) -> Bool {
        let deadline = Date().addingTimeInterval(300)
        while point.records > 0 && p.isRunning && lineCount(journal) < point.records && Date() < deadline { usleep(1000) }
        if point.delay > 0 { usleep(useconds_t(point.delay * 1_000_000)) }
        guard p.isRunning else { return false }
        Glibc.kill(p.processIdentifier, signal)
        if wait { p.waitUntilExit() }
        return true
    }

    /// How many created objects of each type the cloud holds.
    static func countsByType(_ cloudDir: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for o in createdObjects(cloudDir) { out[o.kind, default: 0] += 1 }
        return out
    }

    /// Waits (up to `seconds`) until `path` exists.
    @discardableResult
    static func waitFor(_ path: String, seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileSystem.exists(path) {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// The permission bits of a file.
    static func mode(_ path: String) -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { return -1 }
        return Int(st.st_mode & 0o777)
    }

    /// Copies a directory tree.
    static func copyTree(_ from: String, to: String) {
        try? FileSystem.createDirectory(to)
        for name in FileSystem.list(from) {
            let src = "\(from)/\(name)", dst = "\(to)/\(name)"
            if FileSystem.isDirectory(src) { copyTree(src, to: dst) } else { try? FileSystem.copy(src, to: dst) }
        }
    }

    /// Every regular file under `dir`, recursively, as absolute paths.
    static func files(under dir: String) -> [String] {
        var out: [String] = []
        for name in FileSystem.list(dir) {
            let p = "\(dir)/\(name)"
            if FileSystem.isDirectory(p) { out += files(under: p) } else { out.append(p) }
        }
        return out
    }
}
