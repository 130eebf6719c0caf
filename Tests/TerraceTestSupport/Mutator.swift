/// Seeded input mutation for fuzz tests: byte flips, truncations, insertions, deletions,
/// duplications and splices of interesting tokens, reproducible from the seed.
public struct Mutator {
    var state: UInt64
    let corpus: [[UInt8]]
    /// Fragments that tend to reach parser edge cases.
    static let tokens: [[UInt8]] = ["{", "}", "[", "]", "\"", "\\", "${", "%{", "<<EOT\n", "\n", ":", ",", "null", "-1",
                                    "1e999", "\u{0}", "\u{FEFF}", "\"version\": 4", "\"serial\": -1", "é"].map { Array($0.utf8) } + [[0xED, 0xA0, 0x80], [0xFF], [0xC3]]

    public init(seed: UInt64, corpus: [[UInt8]]) {
        state = seed
        self.corpus = corpus
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    /// The next mutated input: one to four mutations of a corpus member.
    public mutating func mutate() -> [UInt8] {
        var b = corpus[below(corpus.count)]
        for _ in 0...below(4) {
            switch below(7) {
            case 0 where !b.isEmpty:
                let i = below(b.count)
                b[i] ^= UInt8(1 << below(8))
            case 1 where !b.isEmpty:
                b = Array(b.prefix(below(b.count)))
            case 2:
                let i = below(b.count + 1)
                b.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: i)
            case 3 where !b.isEmpty:
                let i = below(b.count), n = min(b.count - i, 1 + below(16))
                b.removeSubrange(i..<(i + n))
            case 4 where !b.isEmpty:
                let i = below(b.count), n = min(b.count - i, 1 + below(32))
                b.insert(contentsOf: b[i..<(i + n)], at: below(b.count + 1))
            case 5 where !b.isEmpty:
                b[below(b.count)] = UInt8(below(256))
            default:
                let other = corpus[below(corpus.count)]
                if !other.isEmpty {
                    let i = below(other.count)
                    b.insert(contentsOf: other[i..<min(other.count, i + 64)], at: below(b.count + 1))
                }
            }
        }
        return b
    }
}
