import TerraceBasics
import TerraceLang
import TerraceProviders

/// `data "aws_iam_policy_document"`: an IAM policy document as JSON, byte for byte as the AWS
/// provider writes it (`json.MarshalIndent` of its policy model: `Sid` always present, single
/// values as strings, several in reverse order, principal and condition keys sorted), with
/// source documents merged first and override documents last, statements replacing those with
/// the same `sid`, and `&{var}` turned into `${var}`.
public struct IAMPolicyDocumentDataSource: AWSDataSource {
    public static let typeName = "aws_iam_policy_document"
    public let serviceName = "IAM Policy Document"
    public static var isGlobal: Bool { true }
    public init() {}

    static let principals = SchemaBlock(attributes: ["identifiers": .required(.set(.string)), "type": .required(.string)])
    static let condition = SchemaBlock(attributes: [
        "test": .required(.string), "values": .required(.list(.string)), "variable": .required(.string),
    ])

    static let statement = SchemaBlock(attributes: [
        "actions": .optional(.set(.string)),
        "effect": .optional(.string, default: .string("Allow")),
        "not_actions": .optional(.set(.string)),
        "not_resources": .optional(.set(.string)),
        "resources": .optional(.set(.string)),
        "sid": .optional(.string),
    ], blockTypes: [
        "condition": NestedBlock(.set, condition),
        "not_principals": NestedBlock(.set, principals),
        "principals": NestedBlock(.set, principals),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "json": .computed(.string),
        "minified_json": .computed(.string),
        "override_policy_documents": .optional(.list(.string)),
        "policy_id": .optional(.string),
        "source_policy_documents": .optional(.list(.string)),
        "version": .optional(.string, default: .string("2012-10-17")),
    ], blockTypes: [
        "statement": NestedBlock(.list, statement),
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("version", ["2008-10-17", "2012-10-17"])
        for s in config.items("statement") {
            var sv = Validate(s)
            sv.oneOf("effect", ["Allow", "Deny"])
            v.diags += sv.diags
        }
        return v.diags
    }

    /// One statement as the provider's `IAMPolicyStatement`: fields in its order, each either a
    /// string (one value) or a list.
    struct Statement {
        var sid = ""
        var fields: [(String, JSON)] = []

        var json: JSON { .object([("Sid", .string(sid))] + fields) }
    }

    /// `iamPolicyDecodeConfigStringList`: one value as a string, several reverse-sorted.
    static func stringOrList(_ items: [String]) -> JSON {
        if items.count == 1 { return .string(items[0]) }
        return .array(items.sorted(by: >).map(JSON.string))
    }

    static func replaceVars(_ s: String, version: String) -> String {
        version == "2012-10-17" ? s.replacingOccurrences(of: "&{", with: "${") : s
    }

    static func principalJSON(_ blocks: [Value], version: String) -> JSON? {
        if blocks.isEmpty { return nil }
        if blocks.count == 1, blocks[0].str("type") == "*", blocks[0].strings("identifiers") == ["*"] { return .string("*") }
        var byType: [String: [String]] = [:]
        var single: [String: Bool] = [:]
        for b in blocks {
            let type = b.str("type") ?? ""
            let ids = b.strings("identifiers").map { replaceVars($0, version: version) }
            if ids.count == 1 && byType[type] == nil { single[type] = true } else { single[type] = false }
            byType[type, default: []] += ids.count == 1 ? ids : ids.sorted(by: >)
        }
        return .object(byType.keys.sorted().map { t in
            let ids = byType[t] ?? []
            return (t, single[t] == true && ids.count == 1 ? .string(ids[0]) : .array(ids.map(JSON.string)))
        })
    }

    static func conditionJSON(_ blocks: [Value], version: String) -> JSON? {
        if blocks.isEmpty { return nil }
        var tests: [String: [(String, JSON)]] = [:]
        for b in blocks {
            let values = b.strings("values").map { replaceVars($0, version: version) }
            var vars = tests[b.str("test") ?? ""] ?? []
            let value = stringOrList(values)
            if let i = vars.firstIndex(where: { $0.0 == b.str("variable") }) {
                let existing = vars[i].1.arrayValue ?? [vars[i].1]
                vars[i].1 = .array(existing + (value.arrayValue ?? [value]))
            } else {
                vars.append((replaceVars(b.str("variable") ?? "", version: version), value))
            }
            tests[b.str("test") ?? ""] = vars
        }
        return .object(tests.keys.sorted().map { t in (t, .object((tests[t] ?? []).sorted { $0.0 < $1.0 })) })
    }

    static func statement(_ s: Value, version: String) -> Statement {
        var st = Statement(sid: s.str("sid") ?? "")
        func list(_ name: String) -> [String] { s.strings(name).map { replaceVars($0, version: version) } }
        st.fields.append(("Effect", .string(s.str("effect") ?? "Allow")))
        if !list("actions").isEmpty { st.fields.append(("Action", stringOrList(list("actions")))) }
        if !list("not_actions").isEmpty { st.fields.append(("NotAction", stringOrList(list("not_actions")))) }
        if !list("resources").isEmpty { st.fields.append(("Resource", stringOrList(list("resources")))) }
        if !list("not_resources").isEmpty { st.fields.append(("NotResource", stringOrList(list("not_resources")))) }
        if let p = principalJSON(s.items("principals"), version: version) { st.fields.append(("Principal", p)) }
        if let p = principalJSON(s.items("not_principals"), version: version) { st.fields.append(("NotPrincipal", p)) }
        if let c = conditionJSON(s.items("condition"), version: version) { st.fields.append(("Condition", c)) }
        return st
    }

    /// A statement of a source or override document, re-marshalled in the model's order.
    static func statement(json s: JSON) -> Statement {
        var st = Statement(sid: s["Sid"]?.stringValue ?? "")
        for key in ["Effect", "Action", "NotAction", "Resource", "NotResource"] {
            guard let v = s[key] else { continue }
            if case .array(let items) = v, items.count == 1 { st.fields.append((key, items[0])) } else { st.fields.append((key, v)) }
        }
        for key in ["Principal", "NotPrincipal"] {
            guard let v = s[key] else { continue }
            switch v {
            case .object(let members):
                st.fields.append((key, .object(members.sorted { $0.0 < $1.0 }.map { k, ids in
                    if case .array(let items) = ids { return (k, .array(items.compactMap(\.stringValue).sorted(by: >).map(JSON.string))) }
                    return (k, ids)
                })))
            default:
                st.fields.append((key, .string("*")))
            }
        }
        if case .object(let tests)? = s["Condition"] {
            st.fields.append(("Condition", .object(tests.sorted { $0.0 < $1.0 }.map { t, vars in
                guard case .object(let vs) = vars else { return (t, vars) }
                return (t, .object(vs.sorted { $0.0 < $1.0 }.map { k, v in
                    if case .string = v { return (k, .array([v])) }
                    return (k, v)
                }))
            })))
        }
        return st
    }

    static func merge(_ into: inout [Statement], _ new: [Statement]) {
        for s in new {
            if !s.sid.isEmpty, let i = into.firstIndex(where: { $0.sid == s.sid }) { into[i] = s } else { into.append(s) }
        }
    }

    static func parse(_ text: String, what: String) throws -> (version: String?, id: String?, statements: [Statement]) {
        guard let doc = try? JSONParser.parse(Array(text.utf8)), case .object = doc else {
            throw DataSourceError("writing IAM Policy Document: merging \(what): invalid JSON")
        }
        let raw = doc["Statement"]?.arrayValue ?? doc["Statement"].map { [$0] } ?? []
        return (doc["Version"]?.stringValue, doc["Id"]?.stringValue, raw.map(statement(json:)))
    }

    public func read(_ config: Value, context: AWSContext) throws -> Value {
        var version = config.str("version") ?? "2012-10-17"
        var id = config.str("policy_id")
        var statements: [Statement] = []
        for src in config.strings("source_policy_documents") {
            let d = try Self.parse(src, what: "source document")
            if let v = d.version, v > version { version = v }
            if let i = d.id, !i.isEmpty { id = i }
            Self.merge(&statements, d.statements)
        }
        let own = config.items("statement").map { Self.statement($0, version: version) }
        var sids: Set<String> = []
        for s in own where !s.sid.isEmpty {
            if !sids.insert(s.sid).inserted { throw DataSourceError("duplicate Sid (\(s.sid)). Remove the Sid or ensure the Sid is unique.") }
        }
        Self.merge(&statements, own)
        for o in config.strings("override_policy_documents") {
            let d = try Self.parse(o, what: "override document")
            if let v = d.version, v > version { version = v }
            if let i = d.id, !i.isEmpty { id = i }
            Self.merge(&statements, d.statements)
        }
        var members: [(String, JSON)] = [("Version", .string(version))]
        if let id, !id.isEmpty { members.append(("Id", .string(id))) }
        members.append(("Statement", .array(statements.map(\.json))))
        let doc = JSON.object(members)
        let pretty = JSONWriter.pretty(doc)
        return filled(config, [
            "json": .string(pretty),
            "minified_json": .string(JSONWriter.compact(doc)),
            "id": .string(String(CRC32.hashcode(pretty))),
        ])
    }
}
