/// "Did you mean …?" suggestions, as Terraform's `didyoumean` package makes them.
public enum Suggestions {
    /// The candidate nearest to `name` by Levenshtein distance, if that distance is below 3;
    /// ties go to the earliest candidate in sorted order, so the answer is deterministic.
    public static func nearest<S: Sequence>(_ name: String, in candidates: S) -> String? where S.Element == String {
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let d = levenshtein(name, candidate)
            if d < 3, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// " Did you mean "x"?" or the empty string, ready to append to a detail sentence.
    public static func didYouMean<S: Sequence>(_ name: String, in candidates: S) -> String where S.Element == String {
        guard let n = nearest(name, in: candidates) else { return "" }
        return " Did you mean \"\(n)\"?"
    }

    /// Edit distance between two strings, counted in Unicode scalars.
    public static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
