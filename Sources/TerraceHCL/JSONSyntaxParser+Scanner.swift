import TerraceBasics

/// The JSON scanner of HCL's `json` package, with its way of counting columns.
extension JSONSyntaxParser {
    mutating func scan() {
        var i = 0
        var line = 1, col = 1
        func pos() -> SourcePos { SourcePos(line: line, column: col, byte: i) }
        while true {
            // White space.
            while i < src.count {
                switch src[i] {
                case 0x20: col += 1
                case 0x0A: line += 1; col = 1
                case 0x0D: break
                case 0x09: col += 2
                default: break
                }
                guard src[i] == 0x20 || src[i] == 0x0A || src[i] == 0x0D || src[i] == 0x09 else { break }
                i += 1
            }
            let start = pos()
            guard i < src.count else {
                toks.append(Tok(kind: .eof, bytes: i..<i, range: SourceRange(filename: filename, start: start, end: start)))
                return
            }
            let b = src[i]
            let kind: Kind
            let from = i
            switch b {
            case UInt8(ascii: "{"): kind = .braceO; i += 1; col += 1
            case UInt8(ascii: "}"): kind = .braceC; i += 1; col += 1
            case UInt8(ascii: "["): kind = .brackO; i += 1; col += 1
            case UInt8(ascii: "]"): kind = .brackC; i += 1; col += 1
            case UInt8(ascii: ","): kind = .comma; i += 1; col += 1
            case UInt8(ascii: ":"): kind = .colon; i += 1; col += 1
            case UInt8(ascii: "="): kind = .equals; i += 1; col += 1
            case UInt8(ascii: "\""):
                kind = .string
                i += 1; col += 1
                var escaping = false
                while i < src.count {
                    let c = src[i]
                    if c == UInt8(ascii: "\\") {
                        escaping.toggle(); i += 1; col += 1
                    } else if c == UInt8(ascii: "\"") {
                        i += 1; col += 1
                        if !escaping { break }
                        escaping = false
                    } else if c < 32 {
                        break
                    } else {
                        // One column per grapheme cluster.
                        if c >= 0x80 || (i + 1 < src.count && src[i + 1] >= 0x80) {
                            i = JSONSyntaxParser.graphemeEnd(src, i)
                        } else {
                            i += 1
                        }
                        col += 1
                        escaping = false
                    }
                }
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
                kind = .number
                while i < src.count, JSONSyntaxParser.isNumberByte(src[i]) { i += 1; col += 1 }
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                kind = .keyword
                while i < src.count, JSONSyntaxParser.isAlpha(src[i]) || src[i] == UInt8(ascii: "_") { i += 1; col += 1 }
            default:
                // An invalid character ends the scan.
                let end = SourcePos(line: line, column: col + 1, byte: i + 1)
                toks.append(Tok(kind: .invalid, bytes: i..<(i + 1), range: SourceRange(filename: filename, start: start, end: end)))
                toks.append(Tok(kind: .eof, bytes: (i + 1)..<(i + 1), range: SourceRange(filename: filename, start: end, end: end)))
                return
            }
            toks.append(Tok(kind: kind, bytes: from..<i, range: SourceRange(filename: filename, start: start, end: pos())))
        }
    }

    static func isNumberByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
    }

    static func isAlpha(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }

    /// The end of the grapheme cluster starting at `i`.
    static func graphemeEnd(_ src: [UInt8], _ i: Int) -> Int {
        // Decode a bounded window and take its first character.
        let window = src[i..<min(src.count, i + 64)]
        let s = String(decoding: window, as: UTF8.self)
        guard let first = s.first else { return i + 1 }
        let n = String(first).utf8.count
        // Replacement characters stand for one invalid byte each.
        if first == "\u{FFFD}" && !(window.count >= 3 && window.prefix(3).elementsEqual([0xEF, 0xBF, 0xBD])) { return i + 1 }
        return min(src.count, i + n)
    }
}
