import Foundation
import TerraceBasics
import TerraceTestSupport

/// What Terraform 1.0.3 printed for a fixture, recorded once into the fixture's `Golden/`
/// directory (`terraform-validate.json`, `terraform-plan.txt`) so the comparison runs without
/// the oracle. A fixture opts in with an `ORACLE` file naming what Terraform can check
/// ("validate", "plan"): only configurations Terraform 1.0.3 accepts (null_resource, no
/// newer language features) qualify.
enum OracleRecord {
    static let terraform = "/tmp/oracles/terraform"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: terraform) }

    /// The kinds of record a fixture asks for.
    static func kinds(_ f: ConfigFixture) -> Set<String> {
        Set((f.file("ORACLE") ?? "").split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// A diagnostic reduced to what must agree: severity, summary, detail and range. Product
    /// names are made equal, and a trailing "Did you mean" that Terrace adds is dropped.
    struct Key: Hashable, CustomStringConvertible {
        var severity, summary, detail, range, snippet: String
        var description: String { "\(severity): \(summary) [\(range)] \(detail) \(snippet)" }
    }

    static func normalize(_ s: String) -> String {
        var t = product(s)
        if let r = t.range(of: #" Did you mean "[^"]*"\?$"#, options: .regularExpression) { t.removeSubrange(r) }
        return t
    }

    static func keys(_ json: JSON) -> Set<Key> {
        // Terraform 1.0.3 sometimes adds a copy of an error with an empty name and no source
        // (for `local` and `count` used bare); those are its bugs, not facts to match.
        let real = (json["diagnostics"]?.arrayValue ?? []).filter { $0["range"]?["filename"] != .string("") }
        return Set(real.map { d in
            var range = ""
            if let r = d["range"] {
                func pos(_ p: JSON?) -> String { "\(p?["line"]?.intValue ?? 0),\(p?["column"]?.intValue ?? 0)(\(p?["byte"]?.intValue ?? 0))" }
                range = "\(r["filename"]?.stringValue ?? ""):\(pos(r["start"]))-\(pos(r["end"]))"
            }
            var snippet = ""
            if let sn = d["snippet"] {
                snippet = "{\(sn["context"]?.stringValue ?? "null") | \(sn["code"]?.stringValue ?? "") | \(sn["start_line"]?.intValue ?? 0)"
                    + " | \(sn["highlight_start_offset"]?.intValue ?? 0)-\(sn["highlight_end_offset"]?.intValue ?? 0)}"
            }
            return Key(severity: d["severity"]?.stringValue ?? "", summary: normalize(d["summary"]?.stringValue ?? ""),
                       detail: normalize(d["detail"]?.stringValue ?? ""), range: range, snippet: snippet)
        })
    }

    /// Runs a command of the oracle in `dir` with the null provider from the local mirror.
    static func run(_ args: [String], in dir: String, env extra: [String: String] = [:]) -> (Int32, String, String) {
        let cli = (dir as NSString).appendingPathComponent(".terraformrc")
        try? "provider_installation {\n  filesystem_mirror { path = \"/tmp/oracles/plugins\" }\n}\n"
            .write(toFile: cli, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: terraform)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var env = ProcessInfo.processInfo.environment
        env["TF_CLI_CONFIG_FILE"] = cli
        env["TF_IN_AUTOMATION"] = nil
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return (-1, "", "\(error)") }
        nonisolated(unsafe) var e = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            e = readAll(err.fileHandleForReading.fileDescriptor)
            group.leave()
        }
        let o = readAll(out.fileHandleForReading.fileDescriptor)
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// `fixture.args` as Terraform takes them (it has no `-env`).
    static func terraformArguments(_ f: ConfigFixture) -> [String] {
        f.arguments.map { $0.hasPrefix("-env=") ? "-var-file=environments/\($0.dropFirst(5)).tfvars" : $0 }
    }

    /// Runs the oracle on a copy of the fixture and writes what it printed into `Golden/`.
    static func record(_ f: ConfigFixture) throws {
        let temp = f.copy()
        let kinds = kinds(f)
        _ = run(["init", "-no-color", "-backend=false", "-input=false"], in: temp.path)
        let golden = (f.dir as NSString).appendingPathComponent("Golden")
        try FileManager.default.createDirectory(atPath: golden, withIntermediateDirectories: true)
        if kinds.contains("validate") {
            let (_, out, _) = run(["validate", "-json"], in: temp.path)
            try out.write(toFile: (golden as NSString).appendingPathComponent("terraform-validate.json"), atomically: true, encoding: .utf8)
        }
        if kinds.contains("plan") {
            var env = f.environment
            env["TF_INPUT"] = "0"
            let (_, out, err) = run(["plan", "-no-color", "-input=false"] + terraformArguments(f), in: temp.path, env: env)
            try (out + err).write(toFile: (golden as NSString).appendingPathComponent("terraform-plan.txt"), atomically: true, encoding: .utf8)
        }
    }

    /// Terraform's plan output without its closing note about `-out`, in Terrace's words.
    static func planBody(_ text: String) -> String {
        var t = text
        if let r = t.range(of: "\n─") { t = String(t[..<r.lowerBound]) }
        return product(t)
    }

    /// Terraform's name for itself and its command made Terrace's; file names such as
    /// `terraform.tfvars` and `terraform.workspace` stay.
    static func product(_ s: String) -> String {
        s.replacingOccurrences(of: "Terraform", with: "Terrace").replacingOccurrences(of: "\"terraform ", with: "\"terrace ")
    }
}
