import TerraceBasics
import TerraceLang
import TerraceProviders

/// Writes configuration for an existing object, as `plan -generate-config-out` and import
/// discovery do: the arguments a user can set (required and optional, non-null), nested blocks
/// as blocks, values as literals or — where a value is another object's ID — as a reference,
/// laid out as `terraform fmt` would.
public struct ConfigGenerator {
    /// Values that should be written as references instead of literals (`"vpc-0a1…"` → `aws_vpc.main.id`).
    public var references: [String: String]

    public init(references: [String: String] = [:]) { self.references = references }

    public static let header = """
    # __generated__ by Terrace
    # Please review these resources and move them into your main configuration files.

    """

    public func resource(type: String, name: String, value: Value, schema: SchemaBlock, importID: String?) -> String {
        var out = ""
        if let importID { out += "# __generated__ by Terrace from \(ValueFormatter.goQuote(importID))\n" }
        out += "resource \"\(type)\" \"\(name)\" {\n"
        out += body(value, schema, indent: "  ", topLevel: true)
        return out + "}\n"
    }

    func body(_ v: Value, _ schema: SchemaBlock, indent: String, topLevel: Bool) -> String {
        guard let attrs = v.unmarkedDeep.attributes else { return "" }
        var lines: [(name: String, value: String)] = []
        for name in schema.attributes.keys.sorted() {
            let a = schema.attributes[name]!
            guard a.required || a.optional, !(topLevel && name == "id") else { continue }
            guard let value = attrs[name], !value.isNull, value.isWhollyKnown else { continue }
            if case .string("") = value.kind, !a.required { continue }
            if let e = value.elements, e.isEmpty, !a.required { continue }
            if let m = value.attributes, m.isEmpty, !a.required { continue }
            if let d = a.defaultValue, Evaluator.valuesEqual(d, value), !a.required { continue }
            if a.sensitive || (v.attributes?[name]?.containsSensitive ?? false) {
                lines.append((name, "null # sensitive"))
                continue
            }
            lines.append((name, literal(value, indent: indent)))
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
        for name in schema.blockTypes.keys.sorted() {
            let nb = schema.blockTypes[name]!
            guard let value = attrs[name], !value.isNull else { continue }
            let items: [Value] = value.elements ?? (nb.nesting == .single ? [value] : [])
            for item in items {
                out += indent + name + " {\n" + body(item, nb.block, indent: indent + "  ", topLevel: false) + indent + "}\n"
            }
        }
        return out
    }

    func literal(_ v: Value, indent: String) -> String {
        switch v.kind {
        case .null: return "null"
        case .unknown: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s):
            if let r = references[s] { return r }
            return Self.quote(s)
        case .list(let items, _), .set(let items, _), .tuple(let items):
            let parts = items.map { literal($0, indent: indent + "  ") }
            if parts.contains(where: { $0.contains("\n") }) {
                return "[\n" + parts.map { indent + "  " + $0 + ",\n" }.joined() + indent + "]"
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let m, _), .object(let m):
            if m.isEmpty { return "{}" }
            let keys = m.keys.sorted()
            let names = keys.map { Self.isIdentifier($0) ? $0 : Self.quote($0) }
            var out = "{\n"
            var group: [(String, String)] = []
            func flush() {
                let w = group.map(\.0.count).max() ?? 0
                for (n, val) in group { out += indent + "  " + n + String(repeating: " ", count: w - n.count) + " = " + val + "\n" }
                group = []
            }
            for (k, n) in zip(keys, names) {
                let val = literal(m[k]!, indent: indent + "  ")
                if val.contains("\n") { flush(); out += indent + "  " + n + " = " + val + "\n" } else { group.append((n, val)) }
            }
            flush()
            return out + indent + "}"
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f == "_" || f.properties.isXIDStart else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "-" || $0 == "_" || $0.properties.isXIDContinue }
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
        if out.isEmpty || out.first!.isNumber { out = "r_" + out }
        return out
    }
}

import Foundation
