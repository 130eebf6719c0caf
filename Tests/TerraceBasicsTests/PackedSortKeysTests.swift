import Testing
import TerraceBasics

@Suite struct PackedSortKeysTests {
    /// Keys of strings and numbers sort as the tuples they encode sort with Swift's own
    /// comparisons: prefixes first, negative numbers, non-ASCII text, ties in input order.
    @Test func ordersAsTheTuplesTheyEncode() {
        var rng = SplitMix64(seed: 7)
        let words = ["", "a", "ab", "abc", "b", "module.x", "module.x[1]", "module.x[10]", "module.x[2]", "é", "e", "z", "日本"]
        var items: [(String, Int, String)] = []
        for _ in 0..<2_000 {
            items.append((words[rng.below(words.count)], rng.below(41) - 20, words[rng.below(words.count)]))
        }
        var keys = PackedSortKeys(capacity: items.count)
        for (a, n, b) in items { keys.append { k in k.string(a); k.int(n); k.string(b) } }
        let expected = items.indices.sorted { x, y in
            let l = items[x], r = items[y]
            if l.0 != r.0 { return l.0 < r.0 }
            if l.1 != r.1 { return l.1 < r.1 }
            if l.2 != r.2 { return l.2 < r.2 }
            return x < y
        }
        #expect(keys.count == items.count)
        #expect(keys.sortedIndices() == expected)
    }

    @Test func extremesAndEmptyKeys() {
        var keys = PackedSortKeys()
        for n in [Int.max, 0, Int.min, -1, 1] { keys.append { $0.int(n) } }
        #expect(keys.sortedIndices() == [2, 3, 1, 4, 0])
        var empty = PackedSortKeys()
        for _ in 0..<3 { empty.append { _ in } }
        #expect(empty.sortedIndices() == [0, 1, 2])
        #expect(PackedSortKeys().sortedIndices() == [])
    }
}

extension PackedSortKeysTests {
    /// Text written in pieces (`text`, `decimal`, `end`) orders as the whole string would.
    @Test func piecesOrderAsTheirText() {
        let numbers = [0, 7, 10, 2, -5, 123, Int.min, Int.max]
        var keys = PackedSortKeys()
        for n in numbers { keys.append { k in k.text("m["); k.decimal(n); k.text("]"); k.end() } }
        let texts = numbers.map { "m[\($0)]" }
        #expect(keys.sortedIndices() == texts.indices.sorted { texts[$0] < texts[$1] })
    }
}
