import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// The Social Flow stack at the repository's top level (seed 001, issue 8), checked as a
/// newcomer would use it from a fresh clone: it is formatted, it validates, and each
/// environment plans exactly as the golden plan output (`Golden/socialflow/plan-NAME.txt`,
/// re-recorded with `TERRACE_RECORD=1`) says.
@Suite struct SocialFlowTests {
    /// `terrace fmt -check -recursive` over a copy of the stack and the examples: every file
    /// is written as `terraform fmt` writes it.
    @Test func stackAndExamplesAreFormatted() {
        let stack = SocialFlowStack(withExamples: true)
        let r = stack.run("fmt", "-check", "-recursive")
        #expect(r.status == 0 && r.stdout.isEmpty, "unformatted: \(r.stdout)\(r.stderr)")
    }

    /// The whole repository, as CI and a newcomer run it at the top level: test fixtures that
    /// must stay malformed are named so that fmt does not read them.
    @Test func repositoryIsFormatted() {
        let r = TerraceProcess.run(["fmt", "-check", "-recursive"], cwd: SocialFlowStack.root)
        #expect(r.status == 0 && r.stdout.isEmpty, "unformatted: \(r.stdout)\(r.stderr.prefix(2000))")
    }

    /// The same check with Terraform 1.0.3 itself, when it is installed.
    @Test(.enabled(if: Oracles.terraform != nil, "terraform is not installed (shared/tools/oracles.sh)"))
    func terraformFmtAgrees() {
        let stack = SocialFlowStack(withExamples: true)
        let r = Oracles.runTerraform(["fmt", "-check", "-recursive", "-no-color"], cwd: stack.path)
        #expect(r.status == 0, "terraform fmt -check: \(r.stdout)\(r.stderr)")
    }

    @Test func stackValidates() {
        let stack = SocialFlowStack()
        let r = stack.run("validate", "-no-color")
        #expect(r.status == 0 && r.stdout == "Success! The configuration is valid.\n\n", "\(r.stdout)\(r.stderr)")
    }

    /// `terrace plan -env=NAME` from a fresh copy: the whole plan, word for word. The plan
    /// reads nothing that changes between runs (no state, no timestamps, no random IDs), so the
    /// golden file pins every planned argument of every resource of the environment.
    @Test(arguments: SocialFlowStack.environments)
    func planMatchesGolden(_ env: String) throws {
        let stack = SocialFlowStack()
        let r = stack.run("plan", "-env=\(env)", "-no-color")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        if let d = Golden.check(r.stdout, "socialflow/plan-\(env).txt") { Issue.record(Comment(rawValue: d)) }
        // A plan writes no state and creates nothing in the cloud.
        #expect(!FileSystem.exists(stack.file("terrace.tfstate.d/\(env)/terrace.tfstate")))
        #expect(stack.run("cloud", "list").stdout == "No objects.\n")
    }
}

/// A copy of the Social Flow stack (root module, modules, environments) in a temporary
/// directory, so that tests never write state or a simulated cloud into the repository. Every
/// command run in it shares one simulated cloud, `.terrace/cloud` under the copy.
struct SocialFlowStack {
    static let root = TerraceProcess.packageRoot
    static let environments = ["dev", "staging", "prod"]
    static let files = ["main.tf", "variables.tf", "outputs.tf", "versions.tf", "modules", "environments"]

    let dir: TempDirectory
    var path: String { dir.path }

    init(withExamples: Bool = false) {
        dir = TempDirectory("terrace-socialflow")
        for name in Self.files + (withExamples ? ["Examples"] : []) {
            let src = "\(Self.root)/\(name)"
            if FileSystem.isDirectory(src) {
                try? FileSystem.createDirectory(dir.file(name))
                TempDirectory.copyTree(from: src, to: dir.file(name))
            } else {
                try? FileSystem.copy(src, to: dir.file(name))
            }
        }
    }

    func file(_ name: String) -> String { dir.file(name) }

    func run(_ args: String...) -> TerraceProcess.Result { run(args) }

    func run(_ args: [String]) -> TerraceProcess.Result {
        TerraceProcess.run(args, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.file(".terrace/cloud")])
    }

    /// The state of an environment's workspace.
    func state(_ env: String) throws -> StateFile {
        try StateFile(text: FileSystem.readString(file("terrace.tfstate.d/\(env)/terrace.tfstate")))
    }

    /// Everything the simulated cloud holds, as `terrace cloud list -json` shows it.
    func cloud() throws -> [CloudObjectEntry] {
        let r = run("cloud", "list", "-json")
        guard r.status == 0 else { throw StackError(message: "cloud list failed: \(r.stderr)") }
        if r.stdout == "No objects.\n" { return [] }
        return try (JSONParser.parse(r.stdout).arrayValue ?? []).map(CloudObjectEntry.init)
    }
}

struct StackError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension TempDirectory {
    /// Copies a directory tree, skipping what a run leaves behind (state, the cloud, `.terraform`).
    static func copyTree(from src: String, to dst: String) {
        for name in FileSystem.list(src) where !name.hasPrefix(".") && !name.hasPrefix("terrace.tfstate") && !name.hasSuffix(".tfstate") {
            let s = "\(src)/\(name)", d = "\(dst)/\(name)"
            if FileSystem.isDirectory(s) {
                try? FileSystem.createDirectory(d)
                copyTree(from: s, to: d)
            } else {
                try? FileSystem.copy(s, to: d)
            }
        }
    }
}

/// A state file (format v4) indexed by resource instance address, as `terrace state list`
/// prints them: `module.rds.aws_db_instance.this`, `module.vpc.aws_subnet.public[0]`,
/// `module.s3.aws_s3_bucket.this["videos"]`.
struct StateFile {
    let instances: [String: JSON]

    init(text: String) throws {
        let doc = try JSONParser.parse(text)
        var out: [String: JSON] = [:]
        for r in doc["resources"]?.arrayValue ?? [] {
            let module = r["module"]?.stringValue.map { "\($0)." } ?? ""
            let mode = r["mode"]?.stringValue == "data" ? "data." : ""
            let base = "\(module)\(mode)\(r["type"]?.stringValue ?? "").\(r["name"]?.stringValue ?? "")"
            for i in r["instances"]?.arrayValue ?? [] {
                var key = ""
                switch i["index_key"] {
                case .number(let n)?: key = "[\(n)]"
                case .string(let s)?: key = "[\"\(s)\"]"
                default: break
                }
                out[base + key] = i["attributes"] ?? .null
            }
        }
        instances = out
    }

    /// The attributes of one instance, or an empty object when it is not in state (the
    /// expectations on its attributes then fail with the attribute's name).
    subscript(_ address: String) -> JSON { instances[address] ?? .object([]) }

    /// Addresses of managed resources (not data sources) whose address starts with `prefix`.
    func managed(_ prefix: String = "") -> [String] {
        instances.keys.filter { $0.hasPrefix(prefix) && !$0.contains("data.") }.sorted()
    }

    /// Addresses of the instances of one resource (`module.vpc.aws_subnet.public`).
    func instancesOf(_ resource: String) -> [String] {
        instances.keys.filter { $0 == resource || $0.hasPrefix(resource + "[") }.sorted()
    }
}

/// One object of `terrace cloud list -json`.
struct CloudObjectEntry: Hashable {
    let type: String
    let id: String
    /// The object another belongs to, when AWS made it along with that one (a VPC's default
    /// security group, network ACL and main route table).
    let managedBy: String?
    let attributes: JSON

    init(_ json: JSON) {
        type = json["type"]?.stringValue ?? ""
        id = json["id"]?.stringValue ?? ""
        managedBy = json["managed_by"]?.stringValue
        attributes = json["attributes"] ?? .null
    }

    static func == (a: Self, b: Self) -> Bool { a.type == b.type && a.id == b.id }
    func hash(into h: inout Hasher) { h.combine(type); h.combine(id) }

    /// Type and ID as state records them: the `id` attribute, which for some types differs from
    /// the key the cloud stores the object under (a task definition's family, not its ARN).
    var key: String { "\(type) \(attributes["id"]?.stringValue ?? id)" }

    /// What AWS keeps for a while after a delete, and says so: a deregistered task definition
    /// (`INACTIVE`), a key waiting out its deletion window, a secret in its recovery window and
    /// the versions of such a secret.
    var lifecycleNote: String? {
        switch type {
        case "aws_ecs_task_definition" where attributes["status"]?.stringValue == "INACTIVE": return "INACTIVE"
        case "aws_kms_key" where attributes["key_state"]?.stringValue == "PendingDeletion": return "PendingDeletion"
        case "aws_secretsmanager_secret" where !(attributes["deleted_date"]?.isNull ?? true): return "scheduled for deletion"
        default: return nil
        }
    }
}

extension JSON {
    /// The strings of an array, sorted (sets come back in any order).
    var sortedStrings: [String] { (arrayValue ?? []).compactMap(\.stringValue).sorted() }
    /// The first element of a nested block list (`health_check`, `versioning_configuration`).
    var block: JSON { arrayValue?.first ?? .object([]) }
    /// A number whatever its JSON spelling (`"300"` or `300`).
    var number: Double? {
        switch self {
        case .number(let n), .string(let n): return Double(n)
        default: return nil
        }
    }
}
