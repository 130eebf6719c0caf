/// The syntax tree of a regular expression in RE2 syntax, as Go's `regexp/syntax` parses it.
indirect enum RegexNode {
    case empty
    /// One character; `fold` matches its other cases too (`(?i)`).
    case literal(Unicode.Scalar, fold: Bool)
    case charClass(CharClass)
    case anyChar
    case anyCharNotNL
    case beginLine, endLine, beginText, endText, wordBoundary, noWordBoundary
    case capture(index: Int, RegexNode)
    /// `min`…`max` repetitions (`max` -1: unbounded); greedy prefers more.
    case repetition(RegexNode, min: Int, max: Int, greedy: Bool)
    case concat([RegexNode])
    case alternate([RegexNode])
}

/// A set of characters as sorted, disjoint, inclusive ranges of code points.
struct CharClass {
    var ranges: [(UInt32, UInt32)] = []

    static let maxRune: UInt32 = 0x10FFFF

    mutating func add(_ lo: UInt32, _ hi: UInt32) { ranges.append((lo, hi)) }

    mutating func add(_ other: CharClass) { ranges.append(contentsOf: other.ranges) }

    /// Adds the range and the other cases of each character in it.
    mutating func addFolded(_ lo: UInt32, _ hi: UInt32) {
        add(lo, hi)
        // Folding only concerns letters; large ranges that include them all need no more.
        if lo <= 0x41 && hi >= 0x1E943 { return }
        let start = max(lo, 0x41), end = min(hi, 0x1E943)
        guard start <= end else { return }
        for c in start...end {
            guard let u = Unicode.Scalar(c) else { continue }
            for f in CaseFold.orbit(u) where f.value != c { add(f.value, f.value) }
        }
    }

    /// Sorted and merged.
    func cleaned() -> CharClass {
        let sorted = ranges.sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 > $1.1) }
        var out: [(UInt32, UInt32)] = []
        for r in sorted {
            if let last = out.last, r.0 <= last.1 &+ 1 {
                if r.1 > last.1 { out[out.count - 1].1 = r.1 }
            } else {
                out.append(r)
            }
        }
        return CharClass(ranges: out)
    }

    func negated() -> CharClass {
        let c = cleaned()
        var out: [(UInt32, UInt32)] = []
        var next: UInt32 = 0
        for (lo, hi) in c.ranges {
            if lo > next { out.append((next, lo - 1)) }
            next = hi &+ 1
            if hi == Self.maxRune { next = Self.maxRune + 1 }
        }
        if next <= Self.maxRune { out.append((next, Self.maxRune)) }
        return CharClass(ranges: out)
    }

    /// Binary search; the class must be cleaned.
    func contains(_ c: UInt32) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if c > ranges[mid].1 { lo = mid + 1 } else if c < ranges[mid].0 { hi = mid } else { return true }
        }
        return false
    }
}

/// Case folding: the characters considered equal to a character under `(?i)` (Go's
/// `unicode.SimpleFold` orbit, approximated from the simple case mappings).
enum CaseFold {
    static func orbit(_ u: Unicode.Scalar) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = [u]
        func add(_ s: String) {
            let scalars = Array(s.unicodeScalars)
            if scalars.count == 1, !out.contains(scalars[0]) { out.append(scalars[0]) }
        }
        let p = u.properties
        add(p.lowercaseMapping)
        add(p.uppercaseMapping)
        add(p.titlecaseMapping)
        // Characters whose upper case is shared (k, K and the Kelvin sign; s, S and long s).
        for v in out {
            add(v.properties.lowercaseMapping)
            add(v.properties.uppercaseMapping)
        }
        switch u.value {
        case 0x6B, 0x4B: if !out.contains("\u{212A}") { out.append("\u{212A}") }
        case 0x73, 0x53: if !out.contains("\u{17F}") { out.append("\u{17F}") }
        default: break
        }
        return out
    }
}

/// Character classes named by `\d`, `[:alpha:]` and `\pL`.
enum RegexClasses {
    static func ranges(_ pairs: [(UInt32, UInt32)]) -> CharClass { CharClass(ranges: pairs) }

    static let perl: [String: CharClass] = [
        "d": ranges([(0x30, 0x39)]),
        "s": ranges([(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)]),
        "w": ranges([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]),
    ]

    static let posix: [String: CharClass] = [
        "alnum": ranges([(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)]),
        "alpha": ranges([(0x41, 0x5A), (0x61, 0x7A)]),
        "ascii": ranges([(0x00, 0x7F)]),
        "blank": ranges([(0x09, 0x09), (0x20, 0x20)]),
        "cntrl": ranges([(0x00, 0x1F), (0x7F, 0x7F)]),
        "digit": ranges([(0x30, 0x39)]),
        "graph": ranges([(0x21, 0x7E)]),
        "lower": ranges([(0x61, 0x7A)]),
        "print": ranges([(0x20, 0x7E)]),
        "punct": ranges([(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)]),
        "space": ranges([(0x09, 0x0D), (0x20, 0x20)]),
        "upper": ranges([(0x41, 0x5A)]),
        "word": ranges([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]),
        "xdigit": ranges([(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)]),
    ]

    /// Scripts Terrace knows by code point blocks (Go knows every Unicode script).
    static let scripts: [String: [(UInt32, UInt32)]] = [
        "Latin": [(0x41, 0x5A), (0x61, 0x7A), (0xAA, 0xAA), (0xBA, 0xBA), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2B8),
                  (0x2E0, 0x2E4), (0x1D00, 0x1D25), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA722, 0xA7FF), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)],
        "Greek": [(0x370, 0x373), (0x375, 0x377), (0x37A, 0x37D), (0x37F, 0x37F), (0x384, 0x384), (0x386, 0x386), (0x388, 0x3E1),
                  (0x3F0, 0x3FF), (0x1F00, 0x1FFE)],
        "Cyrillic": [(0x400, 0x52F), (0x1C80, 0x1C88), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)],
        "Han": [(0x2E80, 0x2FD5), (0x3005, 0x3005), (0x3007, 0x3007), (0x3021, 0x3029), (0x3038, 0x303B), (0x3400, 0x4DBF),
                (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F)],
        "Hiragana": [(0x3041, 0x3096), (0x309D, 0x309F)],
        "Katakana": [(0x30A1, 0x30FA), (0x30FD, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF6F), (0xFF71, 0xFF9D)],
        "Arabic": [(0x600, 0x604), (0x606, 0x60B), (0x60D, 0x61A), (0x61C, 0x61E), (0x620, 0x63F), (0x641, 0x64A), (0x656, 0x66F),
                   (0x671, 0x6DC), (0x6DE, 0x6FF), (0x750, 0x77F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFC)],
        "Hebrew": [(0x591, 0x5C7), (0x5D0, 0x5EA), (0x5EF, 0x5F4), (0xFB1D, 0xFB4F)],
        "Hangul": [(0x1100, 0x11FF), (0x3131, 0x318E), (0xAC00, 0xD7A3)],
        "Thai": [(0xE01, 0xE3A), (0xE40, 0xE5B)],
        "Devanagari": [(0x900, 0x950), (0x955, 0x963), (0x966, 0x97F), (0xA8E0, 0xA8FF)],
    ]

    /// A Unicode class by category or script name (`L`, `Lu`, `Greek`, `Any`, `ASCII`).
    static func unicode(_ name: String) -> CharClass? {
        switch name {
        case "Any": return ranges([(0, CharClass.maxRune)])
        case "ASCII": return ranges([(0, 0x7F)])
        default: break
        }
        if let s = scripts[name] { return ranges(s) }
        let categories: Set<Unicode.GeneralCategory>
        switch name {
        case "L": categories = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
        case "Lu": categories = [.uppercaseLetter]
        case "Ll": categories = [.lowercaseLetter]
        case "Lt": categories = [.titlecaseLetter]
        case "Lm": categories = [.modifierLetter]
        case "Lo": categories = [.otherLetter]
        case "M": categories = [.nonspacingMark, .spacingMark, .enclosingMark]
        case "Mn": categories = [.nonspacingMark]
        case "Mc": categories = [.spacingMark]
        case "Me": categories = [.enclosingMark]
        case "N": categories = [.decimalNumber, .letterNumber, .otherNumber]
        case "Nd": categories = [.decimalNumber]
        case "Nl": categories = [.letterNumber]
        case "No": categories = [.otherNumber]
        case "P": categories = [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                                .initialPunctuation, .finalPunctuation, .otherPunctuation]
        case "Pc": categories = [.connectorPunctuation]
        case "Pd": categories = [.dashPunctuation]
        case "Ps": categories = [.openPunctuation]
        case "Pe": categories = [.closePunctuation]
        case "Pi": categories = [.initialPunctuation]
        case "Pf": categories = [.finalPunctuation]
        case "Po": categories = [.otherPunctuation]
        case "S": categories = [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        case "Sm": categories = [.mathSymbol]
        case "Sc": categories = [.currencySymbol]
        case "Sk": categories = [.modifierSymbol]
        case "So": categories = [.otherSymbol]
        case "Z": categories = [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        case "Zs": categories = [.spaceSeparator]
        case "Zl": categories = [.lineSeparator]
        case "Zp": categories = [.paragraphSeparator]
        case "C": categories = [.control, .format, .surrogate, .privateUse]
        case "Cc": categories = [.control]
        case "Cf": categories = [.format]
        case "Co": categories = [.privateUse]
        case "Cs": categories = [.surrogate]
        default: return nil
        }
        return byCategory(categories)
    }

    private static func byCategory(_ cats: Set<Unicode.GeneralCategory>) -> CharClass {
        var out = CharClass()
        var start: UInt32?
        var c: UInt32 = 0
        while c <= CharClass.maxRune {
            let inClass = Unicode.Scalar(c).map { cats.contains($0.properties.generalCategory) } ?? false
            if inClass, start == nil { start = c }
            if !inClass, let s = start { out.add(s, c - 1); start = nil }
            c += 1
        }
        if let s = start { out.add(s, CharClass.maxRune) }
        return out
    }
}
