import TerraceBasics
import TerraceLang

/// JSON policy documents (bucket, key, topic and secret policies; dashboards): AWS keeps
/// them as JSON and the provider ignores differences of layout, so plans compare them by
/// meaning, not by text.
enum PolicyDocuments {
    static func parse(_ text: String) -> JSON? { try? JSONParser.parse(text) }

    /// The document in one canonical layout: keys sorted, no spaces.
    static func normalized(_ text: String) -> String {
        guard let j = parse(text) else { return text }
        return JSONWriter.compact(sorted(j))
    }

    static func sorted(_ j: JSON) -> JSON {
        switch j {
        case .object(let members):
            var d: [String: JSON] = [:]
            for (k, v) in members { d[k] = sorted(v) }
            return .sortedObject(d)
        case .array(let items): return .array(items.map(sorted))
        default: return j
        }
    }

    /// Whether two documents say the same thing.
    static func equivalent(_ a: String, _ b: String) -> Bool {
        guard let x = parse(a), let y = parse(b) else { return a == b }
        return sorted(x) == sorted(y)
    }

    /// Keeps the prior text of JSON attributes whose configured text means the same, as the
    /// provider's `SuppressEquivalentJSONDiffs` does.
    static func keepEquivalent(_ planned: inout [String: Value], prior: Value?, _ names: [String]) {
        guard let prior else { return }
        for n in names {
            if let new = planned[n]?.stringValue, let old = prior[n]?.stringValue, new != old, equivalent(new, old) {
                planned[n] = .string(old)
            }
        }
    }

    /// The statements of a policy (a lone statement object counts as one).
    static func statements(_ doc: JSON) -> [JSON] {
        switch doc["Statement"] {
        case .array(let items)?: return items
        case .object(let o)?: return [.object(o)]
        default: return []
        }
    }

    /// Whether a policy grants access to everyone: an `Allow` statement for principal `*`
    /// without conditions, which S3 Block Public Access calls public.
    static func isPublic(_ doc: JSON) -> Bool {
        statements(doc).contains { s in
            guard s["Effect"]?.stringValue == "Allow", s["Condition"] == nil else { return false }
            switch s["Principal"] {
            case .string("*")?: return true
            case .object?:
                let aws = s["Principal"]?["AWS"]
                return aws == .string("*") || (aws?.arrayValue?.contains(.string("*")) ?? false)
            default: return false
            }
        }
    }
}
