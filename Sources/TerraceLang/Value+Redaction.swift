import Foundation
import TerraceBasics

/// Keeping sensitive values out of messages. A function that fails names the argument it
/// could not use ("failed to decode base64 data 'hunter2'"); when that argument is
/// sensitive, the message must not show it, whatever function wrote it.
extension Value {
    /// The strings and numbers inside this value that are sensitive (marked themselves or
    /// inside a marked collection), as they would be printed.
    public var sensitiveTexts: [String] {
        var out: [String] = []
        func walk(_ v: Value, _ inherited: Bool) {
            let s = inherited || v.sensitive
            switch v.kind {
            case .string(let x) where s: out.append(x)
            case .number(let n) where s: out.append(n.description)
            case .bool(let b) where s: out.append(b ? "true" : "false")
            case .list(let items, _), .set(let items, _), .tuple(let items): for i in items { walk(i, s) }
            case .map(let items, _), .object(let items): for i in items.values { walk(i, s) }
            default: break
            }
        }
        walk(self, false)
        return out
    }

    /// `message` with every sensitive text of `values` in it replaced by "(sensitive value)";
    /// when a sensitive text is too short to replace without mangling the rest (a one-letter
    /// password), the whole message gives way to a general one.
    public static func redacting(_ message: String, sensitiveIn values: [Value]) -> String {
        let texts = Set(values.flatMap(\.sensitiveTexts)).filter { !$0.isEmpty && message.contains($0) }
        guard !texts.isEmpty else { return message }
        if texts.contains(where: { $0.count < 4 }) {
            return "the reason would reveal a sensitive value, so it is not shown"
        }
        var out = message
        for t in texts.sorted(by: { $0.count > $1.count }) { out = out.replacingOccurrences(of: t, with: "(sensitive value)") }
        return out
    }
}

extension Diagnostics {
    /// These diagnostics with the sensitive texts of `values` redacted from their summaries
    /// and details: a provider's message about a resource ("invalid bucket name "…"") may
    /// quote an argument the configuration marked sensitive.
    public func redacting(sensitiveIn values: [Value?]) -> Diagnostics {
        // Most calls have nothing to report: look at the values only when there is.
        guard !isEmpty else { return self }
        let values = values.compactMap { $0 }.filter(\.containsSensitive)
        guard !values.isEmpty else { return self }
        return Diagnostics(items.map { d in
            var x = d
            x.summary = Value.redacting(d.summary, sensitiveIn: values)
            x.detail = Value.redacting(d.detail, sensitiveIn: values)
            return x
        })
    }
}
