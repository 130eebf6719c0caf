import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Secrets never shown: a whole Social Flow environment goes through every command that
/// prints something (plan, apply, show, state, output, console, cost, graph, refresh, destroy,
/// human and `-json` UI output alike), and no output contains any secret value. The secrets
/// are read from the state: every value at a path the state marks sensitive (random passwords,
/// secret strings, the database's master password, the Redis auth token) and sensitive outputs.
/// Only the commands that exist to print raw values (`state pull`, `output -json`, `-raw`)
/// show them, and they serve as the check that the search would find a leak.
@Suite(.serialized) struct SecretsNeverShownTests {
    /// Attributes that hold secrets whether or not the state marks them.
    static let secretAttributes: Set<String> = ["result", "bcrypt_hash", "secret_string", "secret_binary", "password",
                                                "master_password", "auth_token", "private_key"]

    /// The secret strings of a state file, and the strings it shows openly (a value marked
    /// sensitive only where an output passes it on, such as the database's user name, is
    /// not a secret when the resource it comes from shows it, as Terraform's plan does).
    static func secrets(_ statePath: String) throws -> Set<String> {
        let s = try JSONParser.parse(FileSystem.read(statePath))
        var secret: Set<String> = [], open: Set<String> = []
        func strings(_ j: JSON, into set: inout Set<String>) {
            switch j {
            case .string(let v): set.insert(v)
            case .array(let items): for i in items { strings(i, into: &set) }
            case .object(let members): for (_, v) in members { strings(v, into: &set) }
            default: break
            }
        }
        for r in s["resources"]?.arrayValue ?? [] {
            for i in r["instances"]?.arrayValue ?? [] {
                let marked = Set((i["sensitive_attributes"]?.arrayValue ?? []).compactMap { $0.arrayValue?.first?["value"]?.stringValue })
                for (k, v) in i["attributes"]?.objectValue ?? [] {
                    if marked.contains(k) || secretAttributes.contains(k) { strings(v, into: &secret) } else { strings(v, into: &open) }
                }
            }
        }
        var outputs: Set<String> = []
        for (_, o) in s["outputs"]?.objectValue ?? [] where o["sensitive"]?.boolValue == true { strings(o["value"] ?? .null, into: &outputs) }
        // Short strings ("587", "true") would match by chance; every real secret is longer.
        return secret.union(outputs.subtracting(open)).filter { $0.count >= 8 }
    }

    /// The forms a string takes in output: as is, and escaped as JSON (Go escapes <, > and &)
    /// and as an HCL string literal.
    static func forms(_ s: String) -> [String] {
        let json = String(JSONWriter.quote(s).dropFirst().dropLast())
        let hcl = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
        return Array(Set([s, json, hcl]))
    }

    /// The secrets (by a short prefix, so a failure does not print them whole) found in `text`.
    static func leaks(_ secrets: Set<String>, in text: String) -> [String] {
        secrets.filter { s in forms(s).contains { text.contains($0) } }.map { String($0.prefix(4)) + "…" }.sorted()
    }

    @Test func socialFlowSecretsNeverAppearInAnyOutput() throws {
        let dir = Reliability.socialFlow("terrace-secrets")
        let statePath = dir.file("terrace.tfstate.d/dev/terrace.tfstate")
        var shown: [(command: String, text: String)] = []
        @discardableResult
        func run(_ args: String..., stdin: String? = nil, expect status: Int32? = 0) -> TerraceProcess.Result {
            let r = TerraceProcess.run(args + (args.first == "cost" || args.first == "graph" ? [] : ["-no-color"]), cwd: dir.path, stdin: stdin)
            if let status { #expect(r.status == status, "\(args.joined(separator: " ")): \(r.stderr)") }
            shown.append((args.joined(separator: " "), r.stdout + r.stderr))
            return r
        }
        run("validate")
        run("plan", "-env=dev", "-out=dev.plan")
        run("show", "dev.plan")
        run("show", "-json", "dev.plan")
        run("apply", "dev.plan")
        let before = try Self.secrets(statePath)
        // The stack's secrets: four random passwords (and their hashes), six secret strings,
        // the database's password and the Redis auth token, at least.
        #expect(before.count >= 12, "only \(before.count) secrets in the state")

        run("plan", "-env=dev", "-detailed-exitcode")
        run("plan", "-env=dev", "-json")
        run("plan", "-env=dev", "-refresh-only")
        run("refresh", "-env=dev")
        run("show")
        let showJSON = run("show", "-json")
        run("state", "list")
        let secretHolders = try Reliability.stateObjects(statePath).filter { e in
            e.attributes.objectValue?.contains { Self.secretAttributes.contains($0.0) && $0.1 != .null } == true
        }.map(\.address)
        #expect(secretHolders.count >= 8)
        for addr in ["module.rds.random_password.master", "module.elasticache.random_password.auth_token"] + secretHolders {
            run("state", "show", addr)
        }
        let outputs = run("output", "-json")
        for name in (try JSONParser.parse(outputs.stdout)).objectValue?.map(\.0) ?? [] { run("output", name) }
        run("output")
        // The last two lines are errors about a sensitive value, which must not show it either.
        run("console", "-env=dev", stdin: """
        module.rds.password
        module.elasticache.auth_token
        module.rds
        module.elasticache
        { db = module.rds.password, redis = [module.elasticache.auth_token] }
        jsonencode(module.rds.password)
        upper(module.elasticache.auth_token)
        "${module.rds.password}-suffix"
        tonumber(module.rds.password)
        module.rds.password + 1
        """, expect: 1)
        run("cost", "-env=dev")
        run("cost", "-env=dev", "-format=json")
        run("graph")
        run("workspace", "show")

        // A secret replaced: the plan and the apply (as -json UI output) have the old and the
        // new value in hand.
        let replace = "-replace=module.secrets.random_password.generated[\"jwt-secret\"]"
        run("plan", "-env=dev", replace, "-out=replace.plan")
        run("show", "replace.plan")
        run("show", "-json", "replace.plan")
        run("apply", "-json", "replace.plan")
        let after = try Self.secrets(statePath)
        #expect(!after.subtracting(before).isEmpty, "the replaced password did not change")
        run("plan", "-env=dev", "-destroy")
        run("destroy", "-env=dev", "-auto-approve", "-json", expect: nil)

        let all = before.union(after)
        for (command, text) in shown {
            #expect(Self.leaks(all, in: text) == [], "terrace \(command) shows secrets")
        }
        // The search finds secrets where they are meant to be: in the raw state.
        #expect(Self.leaks(before, in: try FileSystem.readString(statePath + ".backup")).count > 0)
        // show -json marks what it redacts.
        let shownState = try JSONParser.parse(showJSON.stdout)
        let rds = Self.find(shownState, address: "module.rds.aws_db_instance.this")
        #expect(rds?["sensitive_values"]?["password"] == .bool(true))
        #expect(rds?["values"]?["password"] == .null)
        let replacePlan = try JSONParser.parse(shown.first { $0.command == "show -json replace.plan" }?.text ?? "")
        let change = replacePlan["resource_changes"]?.arrayValue?.first { $0["address"]?.stringValue == "module.secrets.random_password.generated[\"jwt-secret\"]" }
        #expect(change?["change"]?["before_sensitive"]?["result"] == .bool(true))
        #expect(change?["change"]?["after_sensitive"]?["result"] == .bool(true))
        #expect(change?["change"]?["before"]?["result"] == .null)
    }

    /// The resource `address` in `show -json` state values, searching child modules.
    static func find(_ j: JSON, address: String) -> JSON? {
        func walk(_ m: JSON?) -> JSON? {
            guard let m else { return nil }
            if let r = m["resources"]?.arrayValue?.first(where: { $0["address"]?.stringValue == address }) { return r }
            for c in m["child_modules"]?.arrayValue ?? [] { if let r = walk(c) { return r } }
            return nil
        }
        return walk(j["values"]?["root_module"])
    }
}
