import TerraceBasics
import TerraceLang

/// Which object an ID, ARN or name in generated configuration stands for, so discovery writes
/// `vpc_id = aws_vpc.main.id` instead of the literal ID.
///
/// IDs and ARNs are unique, but names are not (a bucket, a table and a subnet group may all be
/// called `app`), so a value becomes a reference by how well the argument's name fits the
/// object: `db_subnet_group_name` fits `aws_db_subnet_group`'s `name`, `target_group_arn` an
/// `aws_lb_target_group`'s `arn`. An ID or ARN of exactly one object is a reference wherever it
/// appears; any other match needs the argument's name to share a word with the type.
public struct ReferenceIndex: Sendable {
    /// An object that can be referred to.
    public struct Target: Sendable {
        /// `aws_vpc.main`
        public var address: String
        public var type: String
        public var value: Value
        public init(address: String, type: String, value: Value) {
            self.address = address
            self.type = type
            self.value = value
        }
    }

    struct Candidate {
        var address: String
        var type: String
        var attribute: String
    }

    /// The attributes other objects refer to, in order of preference when several hold the same value.
    static let attributes = ["id", "arn", "name", "key_id", "zone_id", "bucket_regional_domain_name"]

    var candidates: [String: [Candidate]] = [:]

    public init(_ targets: [Target]) {
        for t in targets {
            for a in Self.attributes {
                guard let s = t.value[a]?.stringValue, !s.isEmpty else { continue }
                candidates[s, default: []].append(Candidate(address: t.address, type: t.type, attribute: a))
            }
        }
    }

    public var isEmpty: Bool { candidates.isEmpty }

    static func words(_ s: String) -> Set<String> {
        var w = Set(s.lowercased().split(separator: "_").map(String.init))
        w.remove("aws")
        // Plural arguments (`subnet_ids`, `security_groups`) name the singular type.
        for x in w where x.count > 3 && x.hasSuffix("s") { w.insert(String(x.dropLast())) }
        return w
    }

    /// The reference for `value` written as argument `key` of an object of type `sourceType`
    /// at `source` (never to itself), or nil to write the literal.
    public func reference(for value: String, key: String, sourceType: String, source: String, excluding: Set<String> = []) -> String? {
        guard var all = candidates[value]?.filter({ !excluding.contains($0.address) }), !all.isEmpty else { return nil }
        // A value that is the object's own name or ID (a bucket's `bucket`) refers only to the
        // object it belongs to: `aws_s3_bucket_policy`'s `bucket` to the `aws_s3_bucket`.
        // Another object fits only if the argument's name fits it better than the object's own
        // type (a replication group's `subnet_group_name` is not its own ID).
        if all.contains(where: { $0.address == source }) {
            let own = Self.words(key).intersection(Self.words(sourceType)).count
            all = all.filter { sourceType.hasPrefix($0.type + "_") || Self.words(key).intersection(Self.words($0.type)).count > own }
        }
        all = all.filter { $0.address != source }
        guard !all.isEmpty else { return nil }
        let keyWords = Self.words(key)
        let sourceWords = Self.words(sourceType)
        let unique = Set(all.map(\.address)).count == 1
        var best: (score: Int, ref: String)?
        for c in all {
            let typeWords = Self.words(c.type)
            let fit = keyWords.intersection(typeWords).count
            let suffix = key.hasSuffix("arn") || key.hasSuffix("arns") ? "arn"
                : key.hasSuffix("name") || key.hasSuffix("names") ? "name"
                : key.hasSuffix("id") || key.hasSuffix("ids") || !value.hasPrefix("arn:") ? "id" : "arn"
            let named = c.attribute != key && c.attribute.hasSuffix("_" + key)
            guard fit > 0 || named || (unique && (c.attribute == "id" || c.attribute == "arn") && Self.looksLikeID(value)) else { continue }
            var score = fit * 100 + sourceWords.intersection(typeWords).count * 10
            if c.attribute == suffix || named { score += 5 }
            if c.attribute == "id" { score += 1 }
            if score > (best?.score ?? -1) { best = (score, "\(c.address).\(c.attribute)") }
        }
        return best?.ref
    }

    /// Whether a string is an ID or ARN that AWS made (`vpc-0a1b…`, `arn:aws:…`), not a name
    /// a person chose, which may well equal some unrelated value.
    static func looksLikeID(_ s: String) -> Bool {
        if s.hasPrefix("arn:") { return true }
        guard s.count >= 10, !s.contains(where: { $0 == "/" || $0 == " " || $0 == "." }) else { return false }
        return s.contains(where: \.isNumber) && s.contains(where: \.isLetter)
    }

    /// The addresses `value`'s strings refer to, as `reference(for:)` resolves them, for
    /// finding cycles.
    public func targets(of value: Value, key: String, sourceType: String, source: String, excluding: Set<String> = []) -> Set<String> {
        switch value.kind {
        case .string(let s):
            if let json = JSONLiteral.document(s) { return targets(of: json, key: key, sourceType: sourceType, source: source, excluding: excluding) }
            guard let r = reference(for: s, key: key, sourceType: sourceType, source: source, excluding: excluding) else { return [] }
            return [String(r[..<(r.lastIndex(of: ".") ?? r.endIndex)])]
        case .list(let items, _), .set(let items, _), .tuple(let items):
            return items.reduce(into: Set<String>()) { $0.formUnion(targets(of: $1, key: key, sourceType: sourceType, source: source, excluding: excluding)) }
        case .map(let m, _), .object(let m):
            return m.reduce(into: Set<String>()) { $0.formUnion(targets(of: $1.value, key: $1.key, sourceType: sourceType, source: source, excluding: excluding)) }
        default:
            return []
        }
    }

    func targets(of json: JSON, key: String, sourceType: String, source: String, excluding: Set<String>) -> Set<String> {
        switch json {
        case .string(let s):
            guard let r = reference(for: s, key: key, sourceType: sourceType, source: source, excluding: excluding) else { return [] }
            return [String(r[..<(r.lastIndex(of: ".") ?? r.endIndex)])]
        case .array(let items):
            return items.reduce(into: Set<String>()) { $0.formUnion(targets(of: $1, key: key, sourceType: sourceType, source: source, excluding: excluding)) }
        case .object(let members):
            return members.reduce(into: Set<String>()) { $0.formUnion(targets(of: $1.1, key: $1.0, sourceType: sourceType, source: source, excluding: excluding)) }
        default:
            return []
        }
    }

    /// The edges of `graph` that close a cycle, found by depth-first search from each node in
    /// `order`: removing them leaves the graph acyclic.
    public static func backEdges(_ graph: [String: Set<String>], order: [String]) -> [(String, String)] {
        var state: [String: Int] = [:]  // 1: on the current path, 2: done
        var out: [(String, String)] = []
        func visit(_ n: String) {
            state[n] = 1
            for m in (graph[n] ?? []).sorted() {
                switch state[m] {
                case 1: out.append((n, m))
                case nil: visit(m)
                default: break
                }
            }
            state[n] = 2
        }
        for n in order where state[n] == nil { visit(n) }
        return out
    }
}
