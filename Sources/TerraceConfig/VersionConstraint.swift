/// A version constraint as Terraform writes them (`">= 1.0, < 2.0"`, `"~> 1.2.3"`), following
/// hashicorp/go-version: comma-separated clauses, each an optional operator and a version.
public struct VersionConstraint: Sendable, Hashable, CustomStringConvertible {
    public enum Op: String, Sendable, Hashable {
        case equal = "=", notEqual = "!=", greater = ">", less = "<"
        case greaterEqual = ">=", lessEqual = "<=", pessimistic = "~>"
    }

    public struct Clause: Sendable, Hashable {
        public var op: Op
        public var version: [Int]
        public var prerelease: String
    }

    public var clauses: [Clause]
    public var description: String

    /// Parses a constraint string; nil when it is not valid syntax.
    public init?(parsing text: String) {
        var clauses: [Clause] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            var s = Substring(part.trimmingWhitespace())
            var op = Op.equal
            for candidate in [Op.greaterEqual, .lessEqual, .notEqual, .pessimistic, .greater, .less, .equal] where s.hasPrefix(candidate.rawValue) {
                op = candidate
                s = s.dropFirst(candidate.rawValue.count)
                break
            }
            guard let (version, pre) = Self.parseVersion(String(s.trimmingWhitespace())) else { return nil }
            clauses.append(Clause(op: op, version: version, prerelease: pre))
        }
        guard !clauses.isEmpty else { return nil }
        self.clauses = clauses
        description = text
    }

    /// `1`, `1.2`, `v1.2.3`, `1.2.3-beta1`, `1.2.3+build`: numeric segments and a pre-release.
    static func parseVersion(_ s: String) -> ([Int], String)? {
        var text = Substring(s)
        if text.hasPrefix("v") { text = text.dropFirst() }
        if let plus = text.firstIndex(of: "+") {
            let meta = text[text.index(after: plus)...]
            guard !meta.isEmpty, meta.allSatisfy(Self.isIdentChar) else { return nil }
            text = text[..<plus]
        }
        var pre = ""
        if let dash = text.firstIndex(of: "-") {
            pre = String(text[text.index(after: dash)...])
            guard !pre.isEmpty, pre.allSatisfy({ Self.isIdentChar($0) || $0 == "." }) else { return nil }
            text = text[..<dash]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var nums: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy(\.isASCIIDigit), let n = Int(p) else { return nil }
            nums.append(n)
        }
        return (nums, pre)
    }

    static func isIdentChar(_ c: Character) -> Bool { c.isASCIILetter || c.isASCIIDigit || c == "-" || c == "~" }

    /// Whether a version (`1.0.3`) satisfies every clause.
    public func allows(_ version: String) -> Bool {
        guard let (v, pre) = Self.parseVersion(version) else { return false }
        return clauses.allSatisfy { $0.allows(v, prerelease: pre) }
    }
}

extension VersionConstraint.Clause {
    func allows(_ v: [Int], prerelease: String) -> Bool {
        let c = Self.compare(v, prerelease, version, self.prerelease)
        switch op {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .greater: return c > 0
        case .less: return c < 0
        case .greaterEqual: return c >= 0
        case .lessEqual: return c <= 0
        case .pessimistic:
            // `~> 1.2.3` allows >= 1.2.3 and < 1.3; `~> 1.2` allows >= 1.2 and < 2.0.
            guard c >= 0 else { return false }
            let fixed = max(1, version.count - 1)
            let padded = v + Array(repeating: 0, count: max(0, 3 - v.count))
            return Array(padded.prefix(fixed)) == Array(version.prefix(fixed))
        }
    }

    static func compare(_ a: [Int], _ ap: String, _ b: [Int], _ bp: String) -> Int {
        for i in 0..<3 {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        // A pre-release sorts before its release.
        if ap == bp { return 0 }
        if ap.isEmpty { return 1 }
        if bp.isEmpty { return -1 }
        return ap < bp ? -1 : 1
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var s = self[...]
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}
