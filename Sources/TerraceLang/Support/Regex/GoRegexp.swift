/// A compiled regular expression with Go's `regexp` semantics: RE2 syntax, leftmost-first
/// matching (the first alternative that matches wins, as in Perl), linear time (a Pike VM,
/// no backtracking). Positions are indexes into the string's Unicode scalars.
struct GoRegexp: Sendable {
    enum Inst: Sendable {
        case char(Unicode.Scalar, fold: Bool)
        case cls(CharClass)
        case any
        case anyNotNL
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case assert(Assertion)
        case match
    }

    enum Assertion: Sendable { case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary }

    let program: [Inst]
    /// Number of capture groups (not counting the whole match).
    let groupCount: Int
    /// Names of groups 1…n (nil for unnamed).
    let groupNames: [String?]

    init(_ pattern: String) throws(RegexError) {
        var parser = RegexParser(pattern)
        let tree = try parser.parse()
        var c = Compiler()
        c.emit(.save(0))
        c.compile(tree)
        c.emit(.save(1))
        c.emit(.match)
        program = c.code
        groupCount = parser.captureCount
        groupNames = parser.names
    }

    struct Compiler {
        var code: [Inst] = []

        @discardableResult
        mutating func emit(_ i: Inst) -> Int {
            code.append(i)
            return code.count - 1
        }

        mutating func compile(_ n: RegexNode) {
            switch n {
            case .empty: break
            case .literal(let c, let fold): emit(.char(c, fold: fold))
            case .charClass(let cls): emit(.cls(cls))
            case .anyChar: emit(.any)
            case .anyCharNotNL: emit(.anyNotNL)
            case .beginLine: emit(.assert(.beginLine))
            case .endLine: emit(.assert(.endLine))
            case .beginText: emit(.assert(.beginText))
            case .endText: emit(.assert(.endText))
            case .wordBoundary: emit(.assert(.wordBoundary))
            case .noWordBoundary: emit(.assert(.noWordBoundary))
            case .capture(let index, let sub):
                emit(.save(2 * index))
                compile(sub)
                emit(.save(2 * index + 1))
            case .concat(let subs):
                for s in subs { compile(s) }
            case .alternate(let subs):
                var jumps: [Int] = []
                for (k, s) in subs.enumerated() {
                    if k < subs.count - 1 {
                        let split = emit(.split(0, 0))
                        compile(s)
                        jumps.append(emit(.jump(0)))
                        code[split] = .split(split + 1, code.count)
                    } else {
                        compile(s)
                    }
                }
                for j in jumps { code[j] = .jump(code.count) }
            case .repetition(let sub, let min, let max, let greedy):
                for _ in 0..<min { compile(sub) }
                if max < 0 {
                    // sub*: L: split(body, out); body; jump L
                    let split = emit(.split(0, 0))
                    compile(sub)
                    emit(.jump(split))
                    code[split] = greedy ? .split(split + 1, code.count) : .split(code.count, split + 1)
                } else if max > min {
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(emit(.split(0, 0)))
                        compile(sub)
                    }
                    for s in splits { code[s] = greedy ? .split(s + 1, code.count) : .split(code.count, s + 1) }
                }
            }
        }
    }

    // MARK: - Matching

    /// The leftmost-first match at or after `start`: capture positions (scalar indexes, -1 for
    /// groups that did not take part), 2 × (groups + 1) of them.
    func match(_ input: [Unicode.Scalar], from start: Int) -> [Int]? {
        let slots = 2 * (groupCount + 1)
        var clist: [(Int, [Int])] = []
        var nlist: [(Int, [Int])] = []
        var visited = [Int](repeating: -1, count: program.count)
        var matched: [Int]?
        var pos = start
        while true {
            if matched == nil {
                addThread(&clist, 0, Array(repeating: -1, count: slots), pos, input, &visited, generation: pos)
            }
            if clist.isEmpty && matched != nil { break }
            let c: Unicode.Scalar? = pos < input.count ? input[pos] : nil
            nlist.removeAll(keepingCapacity: true)
            threads: for (pc, caps) in clist {
                var advance = false
                switch program[pc] {
                case .match:
                    // Lower-priority threads are cut; higher ones may still find a longer match.
                    matched = caps
                    break threads
                case .char(let x, let fold):
                    if let c { advance = c == x || (fold && CaseFold.orbit(x).contains(c)) }
                case .cls(let cls):
                    if let c { advance = cls.contains(c.value) }
                case .any:
                    advance = c != nil
                case .anyNotNL:
                    advance = c != nil && c != "\n"
                default:
                    break
                }
                if advance {
                    addThread(&nlist, pc + 1, caps, pos + 1, input, &visited, generation: pos + 1)
                }
            }
            if pos >= input.count { break }
            swap(&clist, &nlist)
            pos += 1
        }
        return matched
    }

    private func addThread(_ list: inout [(Int, [Int])], _ pc: Int, _ caps: [Int], _ pos: Int, _ input: [Unicode.Scalar],
                           _ visited: inout [Int], generation: Int) {
        if visited[pc] == generation { return }
        visited[pc] = generation
        switch program[pc] {
        case .jump(let to):
            addThread(&list, to, caps, pos, input, &visited, generation: generation)
        case .split(let a, let b):
            addThread(&list, a, caps, pos, input, &visited, generation: generation)
            addThread(&list, b, caps, pos, input, &visited, generation: generation)
        case .save(let n):
            var c = caps
            c[n] = pos
            addThread(&list, pc + 1, c, pos, input, &visited, generation: generation)
        case .assert(let a):
            if holds(a, pos, input) { addThread(&list, pc + 1, caps, pos, input, &visited, generation: generation) }
        default:
            list.append((pc, caps))
        }
    }

    private func holds(_ a: Assertion, _ pos: Int, _ input: [Unicode.Scalar]) -> Bool {
        func isWord(_ i: Int) -> Bool {
            guard i >= 0, i < input.count else { return false }
            let c = input[i]
            return c == "_" || ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
        }
        switch a {
        case .beginText: return pos == 0
        case .endText: return pos == input.count
        case .beginLine: return pos == 0 || input[pos - 1] == "\n"
        case .endLine: return pos == input.count || input[pos] == "\n"
        case .wordBoundary: return isWord(pos - 1) != isWord(pos)
        case .noWordBoundary: return isWord(pos - 1) == isWord(pos)
        }
    }

    /// Every non-overlapping match, as Go's `FindAllStringSubmatchIndex(s, -1)`.
    func allMatches(_ input: [Unicode.Scalar]) -> [[Int]] {
        var out: [[Int]] = []
        var pos = 0, prevEnd = -1
        while pos <= input.count {
            guard let m = match(input, from: pos) else { break }
            var accept = true
            if m[1] == pos {
                if m[0] == prevEnd { accept = false }
                pos += 1
            } else {
                pos = m[1]
            }
            prevEnd = m[1]
            if accept { out.append(m) }
        }
        return out
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in the replacement.
    func replaceAll(in s: String, with template: String) -> String {
        let input = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var lastEnd = 0, search = 0
        while search <= input.count {
            guard let m = match(input, from: search) else { break }
            out.append(contentsOf: input[lastEnd..<m[0]])
            if m[1] > lastEnd || m[0] == 0 { expand(template, m, input, into: &out) }
            lastEnd = m[1]
            if search + 1 > m[1] { search += 1 } else { search = m[1] }
        }
        out.append(contentsOf: input[min(lastEnd, input.count)...])
        return String(out)
    }

    private func expand(_ template: String, _ m: [Int], _ input: [Unicode.Scalar], into out: inout String.UnicodeScalarView) {
        let t = Array(template.unicodeScalars)
        var k = 0
        func group(_ n: Int) {
            if 2 * n + 1 < m.count, m[2 * n] >= 0 { out.append(contentsOf: input[m[2 * n]..<m[2 * n + 1]]) }
        }
        while k < t.count {
            guard t[k] == "$" else { out.append(t[k]); k += 1; continue }
            if k + 1 < t.count, t[k + 1] == "$" { out.append("$"); k += 2; continue }
            var j = k + 1
            let brace = j < t.count && t[j] == "{"
            if brace { j += 1 }
            let nameStart = j
            while j < t.count, t[j] == "_" || t[j].properties.isAlphabetic || t[j].properties.numericType == .decimal { j += 1 }
            if j == nameStart || (brace && (j >= t.count || t[j] != "}")) {
                out.append("$")
                k += 1
                continue
            }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: t[nameStart..<j])
            let n = String(name)
            if brace { j += 1 }
            k = j
            if let num = Int(n), n.unicodeScalars.allSatisfy({ $0.isASCII }), !(n.hasPrefix("0") && n.count > 1), num < 100_000_000 {
                group(num)
            } else if let idx = groupNames.firstIndex(where: { $0 == n }) {
                group(idx + 1)
            }
        }
    }
}
