/// A syntax error with Go's error code text and the offending part of the pattern.
struct RegexError: Error, Sendable {
    var code: String
    var expr: String

    static let missingParen = "missing closing )"
    static let unexpectedParen = "unexpected )"
    static let missingBracket = "missing closing ]"
    static let invalidCharRange = "invalid character class range"
    static let invalidEscape = "invalid escape sequence"
    static let invalidNamedCapture = "invalid named capture"
    static let invalidPerlOp = "invalid or unsupported Perl syntax"
    static let invalidRepeatOp = "invalid nested repetition operator"
    static let invalidRepeatSize = "invalid repeat count"
    static let missingRepeatArgument = "missing argument to repetition operator"
    static let trailingBackslash = "trailing backslash at end of expression"
}

/// Parses RE2 syntax as Go's `regexp/syntax.Parse` with the Perl flags: `(?flags)`, `(?:…)`,
/// `(?P<name>…)`, `\d\s\w`, `[[:alpha:]]`, `\pL`, `\Q…\E`, `\A \z \b \B`, non-greedy
/// repetition, and Go's error messages.
struct RegexParser {
    struct Flags {
        var foldCase = false
        var oneLine = true
        var dotNL = false
        var nonGreedy = false
    }

    /// One pending group on the parse stack.
    private struct Frame {
        var capture: Int?
        var savedFlags: Flags
        var alternatives: [[RegexNode]] = []
        var current: [RegexNode] = []
    }

    let pattern: [Unicode.Scalar]
    let whole: String
    var i = 0
    var flags = Flags()
    var captureCount = 0
    var names: [String?] = []

    init(_ pattern: String) {
        self.pattern = Array(pattern.unicodeScalars)
        whole = pattern
    }

    func text(_ from: Int, _ to: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: pattern[from..<min(to, pattern.count)])
        return String(s)
    }

    func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < pattern.count ? pattern[i + k] : nil }

    mutating func parse() throws(RegexError) -> RegexNode {
        var stack: [Frame] = [Frame(capture: nil, savedFlags: flags)]
        var lastRepeatStart: Int?
        while i < pattern.count {
            var repeatStart: Int?
            let c = pattern[i]
            switch c {
            case "(":
                if peek(1) == "?" {
                    if let group = try parsePerlFlags() {
                        stack.append(Frame(capture: group.capture, savedFlags: group.saved))
                    }
                } else {
                    captureCount += 1
                    names.append(nil)
                    stack.append(Frame(capture: captureCount, savedFlags: flags))
                    i += 1
                }
            case "|":
                stack[stack.count - 1].alternatives.append(stack[stack.count - 1].current)
                stack[stack.count - 1].current = []
                i += 1
            case ")":
                guard stack.count > 1 else { throw RegexError(code: RegexError.unexpectedParen, expr: whole) }
                let frame = stack.removeLast()
                flags = frame.savedFlags
                var node = Self.close(frame)
                if let cap = frame.capture { node = .capture(index: cap, node) }
                stack[stack.count - 1].current.append(node)
                i += 1
            case "^":
                stack[stack.count - 1].current.append(flags.oneLine ? .beginText : .beginLine)
                i += 1
            case "$":
                stack[stack.count - 1].current.append(flags.oneLine ? .endText : .endLine)
                i += 1
            case ".":
                stack[stack.count - 1].current.append(flags.dotNL ? .anyChar : .anyCharNotNL)
                i += 1
            case "[":
                let cls = try parseClass()
                stack[stack.count - 1].current.append(.charClass(cls))
            case "*", "+", "?":
                let start = i
                i += 1
                let (min, max) = c == "*" ? (0, -1) : c == "+" ? (1, -1) : (0, 1)
                try applyRepeat(&stack[stack.count - 1].current, min, max, start: start, lastRepeat: lastRepeatStart)
                repeatStart = start
            case "{":
                let start = i
                if let (min, max, end) = parseRepeatCount() {
                    i = end
                    if min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max) {
                        throw RegexError(code: RegexError.invalidRepeatSize, expr: text(start, i))
                    }
                    try applyRepeat(&stack[stack.count - 1].current, min, max, start: start, lastRepeat: lastRepeatStart)
                    repeatStart = start
                } else {
                    stack[stack.count - 1].current.append(literal("{"))
                    i += 1
                }
            case "\\":
                let node = try parseBackslash()
                stack[stack.count - 1].current.append(contentsOf: node)
            default:
                stack[stack.count - 1].current.append(literal(c))
                i += 1
            }
            lastRepeatStart = repeatStart
        }
        guard stack.count == 1 else { throw RegexError(code: RegexError.missingParen, expr: whole) }
        return Self.close(stack[0])
    }

    private static func close(_ frame: Frame) -> RegexNode {
        let alts = frame.alternatives + [frame.current]
        let nodes = alts.map { $0.count == 1 ? $0[0] : $0.isEmpty ? RegexNode.empty : .concat($0) }
        return nodes.count == 1 ? nodes[0] : .alternate(nodes)
    }

    private func literal(_ c: Unicode.Scalar) -> RegexNode { .literal(c, fold: flags.foldCase) }

    private mutating func applyRepeat(_ current: inout [RegexNode], _ min: Int, _ max: Int, start: Int, lastRepeat: Int?) throws(RegexError) {
        var greedy = !flags.nonGreedy
        if peek() == "?" {
            i += 1
            greedy.toggle()
        }
        if let last = lastRepeat {
            throw RegexError(code: RegexError.invalidRepeatOp, expr: text(last, i))
        }
        guard let sub = current.popLast() else {
            throw RegexError(code: RegexError.missingRepeatArgument, expr: text(start, i))
        }
        if (min >= 2 || max >= 2), !Self.repeatIsValid(sub, 1000 / Swift.max(1, max >= 0 ? max : min)) {
            throw RegexError(code: RegexError.invalidRepeatSize, expr: text(start, i))
        }
        current.append(.repetition(sub, min: min, max: max, greedy: greedy))
    }

    /// Nested counted repetitions may not multiply beyond 1000.
    private static func repeatIsValid(_ n: RegexNode, _ limit: Int) -> Bool {
        switch n {
        case .repetition(let sub, let min, let max, _):
            let m = max >= 0 ? max : min
            if m == 0 { return true }
            if m > limit { return false }
            return repeatIsValid(sub, limit / m)
        case .capture(_, let sub): return repeatIsValid(sub, limit)
        case .concat(let subs), .alternate(let subs): return subs.allSatisfy { repeatIsValid($0, limit) }
        default: return true
        }
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor: (min, max (-1 unbounded), end index); nil when
    /// it is not a repetition (then `{` is a literal). Too large counts give min -1.
    private func parseRepeatCount() -> (Int, Int, Int)? {
        var j = i + 1
        func int() -> Int? {
            guard j < pattern.count, ("0"..."9").contains(pattern[j]) else { return nil }
            if pattern[j] == "0", j + 1 < pattern.count, ("0"..."9").contains(pattern[j + 1]) { return nil }
            var n = 0
            while j < pattern.count, ("0"..."9").contains(pattern[j]) {
                if n >= 100_000_000 { n = -1 } else if n >= 0 { n = n * 10 + Int(pattern[j].value - 48) }
                j += 1
            }
            return n
        }
        guard var min = int() else { return nil }
        var max = min
        guard j < pattern.count else { return nil }
        if pattern[j] == "," {
            j += 1
            guard j < pattern.count else { return nil }
            if pattern[j] == "}" {
                max = -1
            } else {
                guard let m = int() else { return nil }
                max = m
                if m < 0 { min = -1 }
            }
        }
        guard j < pattern.count, pattern[j] == "}" else { return nil }
        return (min, max, j + 1)
    }

    /// `(?flags)`, `(?flags:`, `(?:` or `(?P<name>`; returns the group to open, or nil when the
    /// flags only change the current group.
    private mutating func parsePerlFlags() throws(RegexError) -> (capture: Int?, saved: Flags)? {
        let start = i
        if peek(2) == "P", peek(3) == "<" {
            guard let end = pattern[i...].firstIndex(of: ">") else {
                throw RegexError(code: RegexError.invalidNamedCapture, expr: text(start, pattern.count))
            }
            let name = text(i + 4, end)
            let valid = !name.isEmpty && name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
            guard valid else { throw RegexError(code: RegexError.invalidNamedCapture, expr: text(start, end + 1)) }
            captureCount += 1
            names.append(name)
            i = end + 1
            return (captureCount, flags)
        }
        i += 2
        var f = flags
        var negate = false
        var sawFlag = false
        while i < pattern.count {
            let c = pattern[i]
            i += 1
            switch c {
            case "i": f.foldCase = !negate; sawFlag = true
            case "m": f.oneLine = negate; sawFlag = true
            case "s": f.dotNL = !negate; sawFlag = true
            case "U": f.nonGreedy = !negate; sawFlag = true
            case "-":
                if negate { throw RegexError(code: RegexError.invalidPerlOp, expr: text(start, i)) }
                negate = true
                sawFlag = false
            case ":", ")":
                if negate && !sawFlag { throw RegexError(code: RegexError.invalidPerlOp, expr: text(start, i)) }
                let saved = flags
                flags = f
                return c == ":" ? (nil, saved) : nil
            default:
                throw RegexError(code: RegexError.invalidPerlOp, expr: text(start, i))
            }
        }
        throw RegexError(code: RegexError.invalidPerlOp, expr: text(start, i))
    }

    private mutating func parseBackslash() throws(RegexError) -> [RegexNode] {
        switch peek(1) {
        case "A": i += 2; return [.beginText]
        case "z": i += 2; return [.endText]
        case "b": i += 2; return [.wordBoundary]
        case "B": i += 2; return [.noWordBoundary]
        case "C": throw RegexError(code: RegexError.invalidEscape, expr: text(i, i + 2))
        case "Q":
            i += 2
            var out: [RegexNode] = []
            while i < pattern.count {
                if pattern[i] == "\\", peek(1) == "E" { i += 2; break }
                out.append(literal(pattern[i]))
                i += 1
            }
            return out
        default: break
        }
        if let cls = try parseUnicodeClass() { return [.charClass(cls)] }
        if let cls = parsePerlClass() { return [.charClass(cls)] }
        return [literal(try parseEscape())]
    }

    private func folded(_ c: CharClass) -> CharClass {
        guard flags.foldCase else { return c }
        var out = CharClass()
        for (lo, hi) in c.ranges { out.addFolded(lo, hi) }
        return out.cleaned()
    }

    private mutating func parsePerlClass() -> CharClass? {
        guard let c = peek(1) else { return nil }
        let name = String(c).lowercased()
        guard c.isASCII, let base = RegexClasses.perl[name] else { return nil }
        i += 2
        let cls = folded(base)
        return c.properties.isUppercase ? cls.negated() : cls.cleaned()
    }

    private mutating func parseUnicodeClass() throws(RegexError) -> CharClass? {
        guard peek() == "\\", let p = peek(1), p == "p" || p == "P" else { return nil }
        let start = i
        var negate = p == "P"
        guard let c = peek(2) else { throw RegexError(code: RegexError.invalidCharRange, expr: text(start, i + 2)) }
        var name: String
        if c == "{" {
            guard let end = pattern[(i + 2)...].firstIndex(of: "}") else {
                throw RegexError(code: RegexError.invalidCharRange, expr: text(start, pattern.count))
            }
            name = text(i + 3, end)
            i = end + 1
        } else {
            name = String(c)
            i += 3
        }
        if name.hasPrefix("^") {
            negate.toggle()
            name.removeFirst()
        }
        guard let cls = RegexClasses.unicode(name) else {
            throw RegexError(code: RegexError.invalidCharRange, expr: text(start, i))
        }
        let f = folded(cls.cleaned())
        return negate ? f.negated() : f
    }

    private mutating func parseEscape() throws(RegexError) -> Unicode.Scalar {
        let start = i
        i += 1
        guard i < pattern.count else { throw RegexError(code: RegexError.trailingBackslash, expr: "") }
        let c = pattern[i]
        i += 1
        func invalid() -> RegexError { RegexError(code: RegexError.invalidEscape, expr: text(start, i)) }
        func octal(_ c: Unicode.Scalar) -> Bool { ("0"..."7").contains(c) }
        switch c {
        case "1"..."7" where !(peek().map(octal) ?? false):
            throw invalid()
        case "0"..."7":
            var r = c.value - 48
            for _ in 1..<3 {
                guard let d = peek(), octal(d) else { break }
                r = r * 8 + d.value - 48
                i += 1
            }
            return Unicode.Scalar(r) ?? "\0"
        case "x":
            guard let first = peek() else { throw invalid() }
            i += 1
            if first == "{" {
                var r: UInt32 = 0
                var n = 0
                while true {
                    guard let d = peek() else { throw invalid() }
                    i += 1
                    if d == "}" { break }
                    guard let v = hexValue(d) else { throw invalid() }
                    r = r * 16 + v
                    if r > CharClass.maxRune { throw invalid() }
                    n += 1
                }
                guard n > 0, let u = Unicode.Scalar(r) else { throw invalid() }
                return u
            }
            guard let second = peek() else { throw invalid() }
            i += 1
            guard let x = hexValue(first), let y = hexValue(second), let u = Unicode.Scalar(x * 16 + y) else { throw invalid() }
            return u
        case "a": return "\u{07}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        default:
            if c.isASCII && !(c.properties.isAlphabetic || ("0"..."9").contains(c)) { return c }
            throw invalid()
        }
    }

    private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 48
        case "a"..."f": return c.value - 87
        case "A"..."F": return c.value - 55
        default: return nil
        }
    }

    private mutating func parseClass() throws(RegexError) -> CharClass {
        let start = i
        i += 1
        var negate = false
        if peek() == "^" {
            negate = true
            i += 1
        }
        var cls = CharClass()
        var first = true
        while first || peek() != "]" {
            guard i < pattern.count else { throw RegexError(code: RegexError.missingBracket, expr: text(start, pattern.count)) }
            first = false
            if peek() == "[", peek(1) == ":" {
                let rest = text(i + 2, pattern.count)
                if let r = rest.range(of: ":]") {
                    let name = String(rest[..<r.lowerBound])
                    let full = "[:" + name + ":]"
                    var n = name
                    var neg = false
                    if n.hasPrefix("^") { neg = true; n.removeFirst() }
                    guard let base = RegexClasses.posix[n] else {
                        throw RegexError(code: RegexError.invalidCharRange, expr: full)
                    }
                    let f = folded(base.cleaned())
                    cls.add(neg ? f.negated() : f)
                    i += full.unicodeScalars.count
                    continue
                }
            }
            if let u = try parseUnicodeClass() { cls.add(u); continue }
            if let p = parsePerlClass() { cls.add(p); continue }
            let rangeStart = i
            let lo = try classChar(start)
            var hi = lo
            if peek() == "-", let next = peek(1), next != "]" {
                i += 1
                hi = try classChar(start)
                if hi.value < lo.value {
                    throw RegexError(code: RegexError.invalidCharRange, expr: text(rangeStart, i))
                }
            }
            if flags.foldCase { cls.addFolded(lo.value, hi.value) } else { cls.add(lo.value, hi.value) }
        }
        i += 1
        let clean = cls.cleaned()
        return negate ? clean.negated() : clean
    }

    private mutating func classChar(_ classStart: Int) throws(RegexError) -> Unicode.Scalar {
        guard let c = peek() else { throw RegexError(code: RegexError.missingBracket, expr: text(classStart, pattern.count)) }
        if c == "\\" { return try parseEscape() }
        i += 1
        return c
    }
}
