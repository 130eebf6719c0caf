import TerraceBasics
import TerraceHCL
import TerraceLang
import TerraceProviders

/// Writes configuration for an existing object, as `plan -generate-config-out` and import
/// discovery do: the arguments a user can set (required and optional, non-null), nested blocks
/// as blocks, values as literals or — where a value is another object's ID — as a reference,
/// laid out as `terraform fmt` would.
///
/// Sensitive values are never written: they become `null # sensitive`, and a
/// `lifecycle { ignore_changes = […] }` keeps the plan from changing them until the user fills
/// them in. `fitted(to:)` then checks the configuration against the provider and leaves out
/// (or writes) top-level arguments until it validates and plans with no changes.
public struct ConfigGenerator {
    /// Values that should be written as references instead of literals (`"vpc-0a1…"` → `aws_vpc.main.id`).
    public var references: [String: String]
    /// Top-level arguments and blocks left out although the object has them: the provider
    /// decides them by itself, and writing them conflicts with other arguments.
    public var omitted: Set<String> = []
    /// Top-level arguments written although the rules below would leave them out (an empty
    /// string or a default the provider does not fill in by itself).
    public var kept: Set<String> = []
    /// Top-level arguments holding JSON written with `jsonencode` although that changes the
    /// string (key order, spacing): the provider compares them as JSON documents.
    public var jsonDocuments: Set<String> = []
    /// Objects that IDs, ARNs and names may refer to (discovery's other objects).
    public var index = ReferenceIndex([])
    /// Addresses not to refer to (the reference would close a cycle).
    public var unreferenced: Set<String> = []
    /// The resource being written, `TYPE.NAME`, which references never point to.
    var sourceType = ""
    var sourceAddress = ""

    public init(references: [String: String] = [:]) { self.references = references }

    public static let header = """
    # __generated__ by Terrace
    # Please review these resources and move them into your main configuration files.

    """

    /// The resource block, with `provider = …` first when `provider` is given.
    public func resource(type: String, name: String, value: Value, schema: SchemaBlock, importID: String?, provider: String? = nil) -> String {
        var out = ""
        if let importID { out += "# __generated__ by Terrace from \(ValueFormatter.goQuote(importID))\n" }
        out += "resource \"\(type)\" \"\(name)\" {\n"
        if let provider { out += "  provider = \(provider)\n\n" }
        out += writing(type: type, name: name).body(value, schema, indent: "  ", topLevel: true)
        let hidden = sensitiveArguments(value, schema)
        if !hidden.isEmpty {
            out += "\n  lifecycle {\n"
            out += "    # Terrace does not write sensitive values: set them above, then remove them here.\n"
            out += "    ignore_changes = [\(hidden.joined(separator: ", "))]\n"
            out += "  }\n"
        }
        return out + "}\n"
    }

    /// This generator set to write resource `type`.`name`.
    public func writing(type: String, name: String) -> ConfigGenerator {
        var g = self
        g.sourceType = type
        g.sourceAddress = "\(type).\(name)"
        return g
    }

    // MARK: Which arguments are written

    /// An argument the generated block sets: its value, or nil when it is sensitive (written as
    /// `null # sensitive`).
    struct Argument {
        var name: String
        var value: Value?
    }

    func arguments(_ v: Value, _ schema: SchemaBlock, topLevel: Bool) -> [Argument] {
        guard let attrs = v.unmarkedDeep.attributes else { return [] }
        var out: [Argument] = []
        for name in schema.attributes.keys.sorted() {
            guard let a = schema.attributes[name] else { continue }
            guard a.required || a.optional, !(topLevel && name == "id") else { continue }
            if topLevel && omitted.contains(name) { continue }
            guard let value = attrs[name], !value.isNull, value.isWhollyKnown else { continue }
            if !(topLevel && kept.contains(name)) && !a.required {
                if case .string("") = value.kind { continue }
                if let e = value.elements, e.isEmpty { continue }
                if let m = value.attributes, m.isEmpty { continue }
                if let d = a.defaultValue, Evaluator.valuesEqual(d, value) { continue }
            }
            let sensitive = a.sensitive || (v.attributes?[name]?.containsSensitive ?? false)
            out.append(Argument(name: name, value: sensitive ? nil : value))
        }
        return out
    }

    /// The nested blocks written, by block type, in name order.
    func blocks(_ v: Value, _ schema: SchemaBlock, topLevel: Bool) -> [(name: String, block: NestedBlock, items: [Value])] {
        guard let attrs = v.attributes else { return [] }
        var out: [(String, NestedBlock, [Value])] = []
        for name in schema.blockTypes.keys.sorted() {
            guard let nb = schema.blockTypes[name], !(topLevel && omitted.contains(name)) else { continue }
            guard let value = attrs[name], !value.isNull else { continue }
            let items: [Value] = value.elements ?? (nb.nesting == .single ? [value] : [])
            if !items.isEmpty { out.append((name, nb, items)) }
        }
        return out
    }

    /// The top-level arguments written as `null # sensitive` although the object has a value.
    func sensitiveArguments(_ v: Value, _ schema: SchemaBlock) -> [String] {
        arguments(v, schema, topLevel: true).filter { $0.value == nil }.map(\.name)
    }

    // MARK: Text

    func body(_ v: Value, _ schema: SchemaBlock, indent: String, topLevel: Bool) -> String {
        let lines = arguments(v, schema, topLevel: topLevel).map { arg in
            let loose = topLevel && jsonDocuments.contains(arg.name)
            let text: String
            if let value = arg.value {
                text = loose ? value.stringValue.flatMap { JSONLiteral.expression($0, indent: indent, loose: true, reference: reference) }
                    ?? literal(value, indent: indent, key: arg.name)
                    : literal(value, indent: indent, key: arg.name)
            } else {
                text = "null # sensitive"
            }
            return (name: arg.name, value: text)
        }
        var out = ""
        // Consecutive single-line attributes are aligned; a multi-line one stands alone.
        var group: [(String, String)] = []
        func flush() {
            let w = group.map(\.0.count).max() ?? 0
            for (n, val) in group { out += indent + n + String(repeating: " ", count: w - n.count) + " = " + val + "\n" }
            group = []
        }
        for (n, val) in lines {
            if val.contains("\n") {
                flush()
                out += indent + n + " = " + val + "\n"
            } else {
                group.append((n, val))
            }
        }
        flush()
        for (name, nb, items) in blocks(v, schema, topLevel: topLevel) {
            for item in items {
                if !out.isEmpty && !out.hasSuffix("{\n") { out += "\n" }
                out += indent + name + " {\n" + body(item, nb.block, indent: indent + "  ", topLevel: false) + indent + "}\n"
            }
        }
        return out
    }

    /// The reference for a string written as `key`, if it stands for another object.
    func reference(_ s: String, _ key: String) -> String? {
        references[s] ?? index.reference(for: s, key: key, sourceType: sourceType, source: sourceAddress, excluding: unreferenced)
    }

    /// A value as an expression; `key` is the argument (or map key) it is written for.
    func literal(_ v: Value, indent: String, key: String) -> String {
        switch v.kind {
        case .null: return "null"
        case .unknown: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s):
            if let r = reference(s, key) { return r }
            if let json = JSONLiteral.expression(s, indent: indent, reference: reference) { return json }
            return Self.quote(s)
        case .list(let items, _), .set(let items, _), .tuple(let items):
            let parts = items.map { literal($0, indent: indent + "  ", key: key) }
            if parts.contains(where: { $0.contains("\n") }) {
                return "[\n" + parts.map { indent + "  " + $0 + ",\n" }.joined() + indent + "]"
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let m, _), .object(let m):
            if m.isEmpty { return "{}" }
            let keys = m.keys.sorted()
            let names = keys.map { Identifier.isValid($0) ? $0 : Self.quote($0) }
            var out = "{\n"
            var group: [(String, String)] = []
            func flush() {
                let w = group.map(\.0.count).max() ?? 0
                for (n, val) in group { out += indent + "  " + n + String(repeating: " ", count: w - n.count) + " = " + val + "\n" }
                group = []
            }
            for (k, n) in zip(keys, names) {
                let val = literal(m[k] ?? .null(.dynamic), indent: indent + "  ", key: k)
                if val.contains("\n") { flush(); out += indent + "  " + n + " = " + val + "\n" } else { group.append((n, val)) }
            }
            flush()
            return out + indent + "}"
        }
    }

    /// An HCL string literal: escapes, and `${`/`%{` doubled so they stay literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\u" + String(format: "%04X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        out = out.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
        return out + "\""
    }

    /// A configuration name from a tag or an ID: lowercase letters, digits and underscores.
    public static func name(from s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            if ch.isLetter && ch.isASCII || ch.isNumber && ch.isASCII { out.append(ch) } else if !out.hasSuffix("_") { out.append("_") }
        }
        while out.hasSuffix("_") { out.removeLast() }
        while out.hasPrefix("_") { out.removeFirst() }
        if out.first?.isNumber ?? true { out = "r_" + out }
        return out
    }
}
