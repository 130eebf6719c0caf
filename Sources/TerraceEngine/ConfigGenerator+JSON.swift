import TerraceBasics
import TerraceHCL
import TerraceLang

/// How generated configuration writes a string that holds a JSON document (an IAM policy, a
/// container definition, a dashboard): as `jsonencode({ … })`, the way people write them,
/// when that expression evaluates to exactly the same string; otherwise the caller quotes it.
/// Multi-line strings that are not JSON become heredocs.
enum JSONLiteral {
    /// The expression for `s` at `indent`, or nil when `s` is best written as a quoted string.
    /// With `loose`, a JSON document is written with `jsonencode` even when that gives a
    /// different string for the same document (other key order or spacing), for arguments
    /// the provider compares as JSON.
    /// Strings inside the document that `reference` knows (an ARN in a policy) are written as
    /// references, after checking the literal form.
    static func expression(_ s: String, indent: String, loose: Bool = false,
                           reference: (String, String) -> String? = { _, _ in nil }) -> String? {
        if let json = document(s) {
            let text = "jsonencode(" + hcl(json, indent: indent) + ")"
            guard loose || evaluates(text, to: s) else { return nil }
            return "jsonencode(" + hcl(json, indent: indent, key: "", reference: reference) + ")"
        }
        return heredoc(s)
    }

    /// The JSON document `s` holds, when it is an object or an array.
    static func document(_ s: String) -> JSON? {
        guard let first = s.first(where: { !$0.isWhitespace }), first == "{" || first == "[" else { return nil }
        return try? JSONParser.parse(s)
    }

    /// The string `jsonencode` makes of the document `s` holds (keys sorted, no spaces).
    static func encoded(_ s: String) -> String? {
        guard let json = document(s) else { return nil }
        let text = "jsonencode(" + hcl(json, indent: "") + ")"
        let (expr, d) = Parser.parseExpression(text + "\n", filename: "<generated>", sources: nil)
        guard !d.hasErrors else { return nil }
        let (v, ed) = Evaluator.evaluate(expr, in: EvalContext(functions: Builtins.table()))
        return ed.hasErrors ? nil : v.stringValue
    }

    /// A `<<EOT` heredoc for text of several lines ending in a newline, when it reads back
    /// unchanged.
    static func heredoc(_ s: String) -> String? {
        guard s.hasSuffix("\n"), s.dropLast().contains("\n"),
              !s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) else { return nil }
        var marker = "EOT"
        while s.split(separator: "\n").contains(where: { $0.trimmingCharacters(in: .whitespaces) == marker }) { marker += "_" }
        let body = s.replacingOccurrences(of: "${", with: "$${").replacingOccurrences(of: "%{", with: "%%{")
        let text = "<<\(marker)\n" + body + marker
        return evaluates(text, to: s) ? text : nil
    }

    /// Whether the HCL expression `text` evaluates to the string `s`.
    static func evaluates(_ text: String, to s: String) -> Bool {
        let (expr, d) = Parser.parseExpression(text + "\n", filename: "<generated>", sources: nil)
        guard !d.hasErrors else { return false }
        let (v, ed) = Evaluator.evaluate(expr, in: EvalContext(functions: Builtins.table()))
        return !ed.hasErrors && v.stringValue == s
    }

    /// A JSON value as an HCL expression, objects and arrays over several lines.
    static func hcl(_ j: JSON, indent: String, key: String = "", reference: (String, String) -> String? = { _, _ in nil }) -> String {
        switch j {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return reference(s, key) ?? ConfigGenerator.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .array = $0 { return false }; if case .object = $0 { return false }; return true }) {
                return "[" + items.map { hcl($0, indent: indent, key: key, reference: reference) }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { indent + "  " + hcl($0, indent: indent + "  ", key: key, reference: reference) + ",\n" }.joined() + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            var out = "{\n"
            // As `terraform fmt`: consecutive single-line members aligned, a multi-line one alone.
            var group: [(String, String)] = []
            func flush() {
                let w = group.map(\.0.count).max() ?? 0
                for (n, v) in group { out += indent + "  " + n + String(repeating: " ", count: w - n.count) + " = " + v + "\n" }
                group = []
            }
            for (key, value) in members {
                let name = Identifier.isValid(key) ? key : ConfigGenerator.quote(key)
                let v = hcl(value, indent: indent + "  ", key: key, reference: reference)
                if v.contains("\n") { flush(); out += indent + "  " + name + " = " + v + "\n" } else { group.append((name, v)) }
            }
            flush()
            return out + indent + "}"
        }
    }
}
