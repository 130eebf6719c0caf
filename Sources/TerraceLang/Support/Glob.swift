import Foundation

/// File globbing as `fileset` does it (bmatcuk/doublestar v1): `*` and `?` within one path
/// segment, `[…]` classes (`[!…]`/`[^…]` negated), `{a,b}` alternatives, `\` escapes, and `**`
/// for any number of directories.
enum Glob {
    struct BadPattern: Error { var message = "syntax error in pattern" }

    /// Every existing path matching the absolute, cleaned `pattern`, sorted.
    static func matches(_ pattern: String) throws(BadPattern) -> [String] {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        for p in parts where p != "**" { _ = try match(p, "") }
        var out = Set<String>()
        try walk(pattern.hasPrefix("/") ? "/" : ".", parts[...], into: &out)
        return out.sorted()
    }

    private static func walk(_ dir: String, _ parts: ArraySlice<String>, into out: inout Set<String>) throws(BadPattern) {
        guard let first = parts.first else {
            out.insert(dir)
            return
        }
        let rest = parts.dropFirst()
        if first == "**" {
            // Zero segments, or one more segment (a file or directory) and possibly more.
            try walk(dir, rest, into: &out)
            for name in entries(dir) {
                let path = child(dir, name)
                if rest.isEmpty { out.insert(path) }
                if isDirectory(path) { try walk(path, parts, into: &out) }
            }
            return
        }
        if !hasMeta(first) {
            let path = child(dir, unescape(first))
            if FileManager.default.fileExists(atPath: path) { try walk(path, rest, into: &out) }
            return
        }
        for name in entries(dir) where try match(first, name) {
            let path = child(dir, name)
            if rest.isEmpty || isDirectory(path) { try walk(path, rest, into: &out) }
        }
    }

    private static func child(_ dir: String, _ name: String) -> String { dir == "/" ? "/" + name : dir + "/" + name }

    private static func entries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    private static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    static func hasMeta(_ s: String) -> Bool { s.contains { "*?[{\\".contains($0) } }

    private static func unescape(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if c == "\\" && !escaped { escaped = true; continue }
            out.append(c)
            escaped = false
        }
        return out
    }

    /// Whether `name` matches the single-segment `pattern`.
    static func match(_ pattern: String, _ name: String) throws(BadPattern) -> Bool {
        try match(Array(pattern.unicodeScalars)[...], Array(name.unicodeScalars)[...])
    }

    private static func match(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) throws(BadPattern) -> Bool {
        var p = p, s = s
        while let c = p.first {
            switch c {
            case "*":
                let rest = p.dropFirst()
                if rest.isEmpty { return true }
                var k = s
                while true {
                    if try match(rest, k) { return true }
                    guard !k.isEmpty else { return false }
                    k = k.dropFirst()
                }
            case "?":
                guard !s.isEmpty else { return false }
                p = p.dropFirst()
                s = s.dropFirst()
            case "[":
                guard let ch = s.first else { return false }
                var q = p.dropFirst()
                var negate = false
                if let f = q.first, f == "!" || f == "^" { negate = true; q = q.dropFirst() }
                var matched = false
                var first = true
                while true {
                    guard var lo = q.first else { throw BadPattern() }
                    if lo == "]" && !first { q = q.dropFirst(); break }
                    first = false
                    q = q.dropFirst()
                    if lo == "\\" {
                        guard let e = q.first else { throw BadPattern() }
                        lo = e
                        q = q.dropFirst()
                    }
                    var hi = lo
                    if q.first == "-", let h = q.dropFirst().first, h != "]" {
                        hi = h
                        q = q.dropFirst(2)
                        if hi == "\\" {
                            guard let e = q.first else { throw BadPattern() }
                            hi = e
                            q = q.dropFirst()
                        }
                    }
                    if lo.value <= ch.value && ch.value <= hi.value { matched = true }
                }
                if matched == negate { return false }
                p = q
                s = s.dropFirst()
            case "{":
                var depth = 0
                var end: ArraySlice<Unicode.Scalar>.Index?
                var alternatives: [ArraySlice<Unicode.Scalar>] = []
                var start = p.index(after: p.startIndex)
                var k = start
                while k < p.endIndex {
                    let x = p[k]
                    if x == "\\" { k = p.index(k, offsetBy: 2, limitedBy: p.endIndex) ?? p.endIndex; continue }
                    if x == "{" { depth += 1 }
                    if x == "}" {
                        if depth == 0 { alternatives.append(p[start..<k]); end = k; break }
                        depth -= 1
                    }
                    if x == "," && depth == 0 { alternatives.append(p[start..<k]); start = p.index(after: k) }
                    k = p.index(after: k)
                }
                guard let end else { throw BadPattern() }
                let rest = p[p.index(after: end)...]
                for alt in alternatives where try match(ArraySlice(alt + rest), s) { return true }
                return false
            case "\\":
                p = p.dropFirst()
                guard let e = p.first else { throw BadPattern() }
                guard s.first == e else { return false }
                p = p.dropFirst()
                s = s.dropFirst()
            default:
                guard s.first == c else { return false }
                p = p.dropFirst()
                s = s.dropFirst()
            }
        }
        return s.isEmpty
    }
}
