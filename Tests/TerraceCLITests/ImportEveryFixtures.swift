import Foundation
import Testing
import TerraceBasics
import TerraceCloud
import TerraceEngine
import TerraceHCL
import TerraceLang
import TerraceTestSupport

/// Objects made in a simulated cloud with `terrace cloud create`, as a person would in the
/// console, from a `.tf` fixture: each resource block in file order, its references to earlier
/// blocks resolved from what the cloud reports, every argument passed as `key=value`.
struct CloudFixture {
    /// One object made from a resource block.
    struct Object {
        var type: String
        var name: String
        var id: String
        /// The object's attributes as `terrace cloud show -json` reports them.
        var value: Value
        /// The ID `terrace import` takes for it.
        var importID: String
        var address: String { "\(type).\(name)" }
    }

    /// The directory of the fixtures, one `TYPE.tf` per resource type.
    static let directory = (TerraceProcess.packageRoot as NSString).appendingPathComponent("Tests/Fixtures/import")

    /// The import ID of each type whose ID is not its `id`, as the AWS provider documents it:
    /// `{name}` stands for the object's attribute `name`.
    static let importIDs: [String: String] = [
        "aws_appautoscaling_policy": "{service_namespace}/{resource_id}/{scalable_dimension}/{name}",
        "aws_appautoscaling_target": "{service_namespace}/{resource_id}/{scalable_dimension}",
        "aws_ecs_service": "{cluster}/{name}",
        "aws_ecs_task_definition": "{arn}",
        "aws_iam_role_policy_attachment": "{role}/{policy_arn}",
        "aws_route": "{route_table_id}_{destination_cidr_block}",
        "aws_route_table_association": "{subnet_id}/{route_table_id}",
        "aws_security_group_rule": "{security_group_id}_{type}_{protocol}_{from_port}_{to_port}_{source}",
        "aws_secretsmanager_secret_version": "{secret_id}|{version_id}",
        "aws_db_instance": "{identifier}",
    ]

    let text: String
    let file: File

    init(_ text: String, filename: String) throws {
        self.text = text
        let (file, diags) = Parser.parse(text, filename: filename, sources: nil)
        if diags.hasErrors { throw Failure("\(filename): \(diags.items.map(\.summary))") }
        self.file = file
    }

    /// The fixture for `type`, nil when there is none.
    static func load(_ type: String) throws -> CloudFixture? {
        let path = (directory as NSString).appendingPathComponent("\(type).tf")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return try CloudFixture(text, filename: "\(type).tf")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The resource blocks in file order.
    var resources: [Block] { file.body.blocks.filter { $0.type == "resource" && $0.labels.count == 2 } }

    /// Creates every resource block's object in the cloud at `cloudDir`, in file order.
    func create(cloudDir: String, in dir: TempDirectory) throws -> [Object] {
        var made: [Object] = []
        var scope: [String: [String: Value]] = [:]
        for block in resources {
            let (type, name) = (block.labels[0], block.labels[1])
            guard let r = AWSCatalog.resource(type) else { throw Failure("\(type) is not an aws resource type") }
            let schema = r.schema.block
            let ctx = EvalContext(variables: scope.mapValues { Value.object($0) }, functions: Builtins.table())
            let (value, diags) = BodyDecoder.decode(block.body, schema: schema, ctx: ctx, ignoring: BodyDecoder.metaArguments)
            if diags.hasErrors { throw Failure("\(type).\(name): \(diags.items.map { "\($0.summary): \($0.detail)" })") }
            var args = ["cloud", "create", type]
            for (key, v) in (value.unmarkedDeep.attributes ?? [:]).sorted(by: { $0.key < $1.key }) where !v.isNull {
                if let e = v.elements, e.isEmpty, schema.blockTypes[key] != nil { continue }
                if case .string(let s) = v.kind { args.append("\(key)=\(s)") } else { args.append("\(key)=\(Self.hcl(v))") }
            }
            let created = TerraceProcess.run(args, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": cloudDir])
            guard created.status == 0 else { throw Failure("terrace \(args.joined(separator: " ")):\n\(created.stderr)") }
            let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let shown = TerraceProcess.run(["cloud", "show", "-type=\(type)", "-json", id], cwd: dir.path, env: ["TERRACE_CLOUD_DIR": cloudDir])
            guard shown.status == 0 else { throw Failure("terrace cloud show \(id):\n\(shown.stderr)") }
            let json = try JSONParser.parse(shown.stdout)
            let object = try ValueJSON.decode(json["attributes"] ?? .null, as: schema.impliedType)
            scope[type, default: [:]][name] = object
            made.append(Object(type: type, name: name, id: id, value: object, importID: Self.importID(type, object)))
        }
        return made
    }

    /// The import ID of an object, from `importIDs`.
    static func importID(_ type: String, _ v: Value) -> String {
        guard let template = importIDs[type] else { return v["id"]?.stringValue ?? "" }
        var out = template
        var attributes = v.attributes ?? [:]
        // A security group rule's source: its CIDR blocks, or the group it admits.
        let cidrs = (v["cidr_blocks"]?.elements ?? []).compactMap(\.stringValue)
        attributes["source"] = .string(cidrs.isEmpty ? v["source_security_group_id"]?.stringValue ?? "" : cidrs.joined(separator: "_"))
        for (k, a) in attributes {
            let text: String
            switch a.kind {
            case .string(let s): text = type == "aws_ecs_service" && k == "cluster" ? String(s.split(separator: "/").last ?? "") : s
            case .number(let n): text = n.description
            case .list(let items, _), .set(let items, _): text = items.compactMap(\.stringValue).joined(separator: "_")
            default: continue
            }
            out = out.replacingOccurrences(of: "{\(k)}", with: text)
        }
        return out
    }

    /// A value written as an HCL expression on one line, as `terrace cloud create` reads it.
    static func hcl(_ v: Value) -> String {
        switch v.kind {
        case .null, .unknown: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s): return ConfigGenerator.quote(s)
        case .list(let items, _), .set(let items, _), .tuple(let items): return "[" + items.map(hcl).joined(separator: ",") + "]"
        case .map(let m, _), .object(let m):
            return "{" + m.keys.sorted().map { "\(ConfigGenerator.quote($0))=\(hcl(m[$0] ?? .null(.dynamic)))" }.joined(separator: ",") + "}"
        }
    }
}
