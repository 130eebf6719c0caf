import Foundation

/// Renders values as `terraform console` prints them: Go-quoted strings, heredocs for
/// multi-line strings, one element per line, sorted quoted keys, and `tolist(…)`-style wrappers
/// for typed collections.
public enum ValueFormatter {
    public static func console(_ v: Value) -> String { format(v, indent: "", nested: false) }

    static func format(_ v: Value, indent: String, nested: Bool) -> String {
        if v.sensitive { return "(sensitive)" }
        switch v.kind {
        case .null: return "null"
        case .unknown: return "(known after apply)"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s):
            if s.contains("\n") {
                var body = s
                if body.hasSuffix("\n") { body.removeLast() }
                let marker = nested ? "<<-EOT" : "<<EOT"
                let inner = nested ? indent + "  " : ""
                let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { inner + $0 }
                return marker + "\n" + lines.joined(separator: "\n") + "\n" + (nested ? inner : "") + "EOT"
            }
            return goQuote(s)
        case .tuple(let items):
            return seq(items, indent: indent, open: "[", close: "]")
        case .list(let items, _):
            if items.isEmpty { return "tolist([])" }
            return "tolist(" + seq(items, indent: indent, open: "[", close: "]") + ")"
        case .set(let items, _):
            if items.isEmpty { return "toset([])" }
            return "toset(" + seq(items, indent: indent, open: "[", close: "]") + ")"
        case .object(let attrs):
            return obj(attrs, indent: indent)
        case .map(let attrs, _):
            if attrs.isEmpty { return "tomap({})" }
            return "tomap(" + obj(attrs, indent: indent) + ")"
        }
    }

    static func seq(_ items: [Value], indent: String, open: String, close: String) -> String {
        if items.isEmpty { return open + close }
        let inner = indent + "  "
        var out = open + "\n"
        for item in items { out += inner + format(item, indent: inner, nested: true) + ",\n" }
        return out + indent + close
    }

    static func obj(_ attrs: [String: Value], indent: String) -> String {
        if attrs.isEmpty { return "{}" }
        let inner = indent + "  "
        let keys = attrs.keys.sorted()
        let width = keys.map { goQuote($0).count }.max() ?? 0
        var out = "{\n"
        for k in keys {
            let q = goQuote(k)
            out += inner + q + String(repeating: " ", count: width - q.count) + " = " + format(attrs[k]!, indent: inner, nested: true) + "\n"
        }
        return out + indent + "}"
    }

    /// A string quoted as Go's `%q` does.
    public static func goQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += String(format: "\\x%02x", u.value)
                } else if !u.properties.isGraphemeBase && !u.properties.isGraphemeExtend && u.value > 0x7F && !u.properties.isWhitespace {
                    out += u.value > 0xFFFF ? String(format: "\\U%08x", u.value) : String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
