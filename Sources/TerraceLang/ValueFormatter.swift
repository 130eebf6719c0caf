/// Renders values as `terraform console` prints them (Terraform's `repl.FormatValue`):
/// Go-quoted strings, heredocs for multi-line strings, one element per line, sorted quoted
/// keys, `tolist(…)`-style wrappers for typed collections and typed nulls.
public enum ValueFormatter {
    public static func console(_ v: Value) -> String { format(v, indent: 0) }

    static func format(_ v: Value, indent: Int) -> String {
        if !v.isKnown { return "(known after apply)" }
        if v.sensitive { return "(sensitive)" }
        switch v.kind {
        case .null(let t):
            switch t {
            case .dynamic: return "null"
            case .string: return "tostring(null)"
            case .number: return "tonumber(null)"
            case .bool: return "tobool(null)"
            case .list(let e): return "tolist(null) /* of \(e.description) */"
            case .set(let e): return "toset(null) /* of \(e.description) */"
            case .map(let e): return "tomap(null) /* of \(e.description) */"
            default: return "null /* \(t.description) */"
            }
        case .unknown: return "(known after apply)"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s):
            return multiline(s, indent: indent) ?? GoQuote.quote(s)
        case .tuple(let items):
            return sequence(items, indent: indent)
        case .list(let items, _):
            return "tolist(" + sequence(items, indent: indent) + ")"
        case .set(let items, _):
            return "toset(" + sequence(items, indent: indent) + ")"
        case .object(let attrs):
            return mapping(attrs, indent: indent)
        case .map(let attrs, _):
            return "tomap(" + mapping(attrs, indent: indent) + ")"
        }
    }

    /// A heredoc, when the string has more than one line; `<<-` when indented. The delimiter
    /// grows underscores until no line equals it.
    static func multiline(_ s: String, indent: Int) -> String? {
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2 else { return nil }
        var delimiter = "EOT"
        while lines.contains(where: { $0.trimmingGoSpace() == delimiter }) { delimiter += "_" }
        let pad = String(repeating: " ", count: indent)
        var out = (indent > 0 ? "<<-" : "<<") + delimiter
        for line in lines { out += "\n" + pad + line }
        return out + "\n" + pad + delimiter
    }

    static func sequence(_ items: [Value], indent: Int) -> String {
        var out = "["
        let pad = String(repeating: " ", count: indent + 2)
        for item in items { out += "\n" + pad + format(item, indent: indent + 2) + "," }
        if !items.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
        return out + "]"
    }

    static func mapping(_ attrs: [String: Value], indent: Int) -> String {
        var out = "{"
        let pad = String(repeating: " ", count: indent + 2)
        for k in attrs.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }) {
            out += "\n" + pad + format(.string(k), indent: indent + 2) + " = " + format(attrs[k]!, indent: indent + 2)
        }
        if !attrs.isEmpty { out += "\n" + String(repeating: " ", count: indent) }
        return out + "}"
    }

    /// A string quoted as Go's `strconv.Quote` does.
    public static func goQuote(_ s: String) -> String { GoQuote.quote(s) }
}

extension Substring {
    /// Go's `strings.TrimSpace`: Unicode white space at both ends.
    func trimmingGoSpace() -> Substring {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }
}
