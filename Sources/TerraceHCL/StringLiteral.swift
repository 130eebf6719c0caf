import TerraceBasics

extension Parser {
    /// The value of a quoted-string or heredoc literal token, with escapes resolved, as
    /// hclsyntax's `ParseStringLiteralToken`: quoted strings take `\n`, `\r`, `\t`, `\"`, `\\`,
    /// `\uNNNN` and `\UNNNNNNNN`; both kinds take `$${` and `%%{` for literal `${` and `%{`.
    /// Bad escapes are reported with the range of the offending sequence.
    mutating func parseStringLiteralToken(_ tok: Token) -> String {
        let quoted = tok.kind == .quotedLit
        let lo = local(tok).lowerBound, hi = local(tok).upperBound
        // Fast path: nothing to resolve.
        var plain = true
        for k in lo..<hi {
            let b = src[k]
            if b == UInt8(ascii: "$") || b == UInt8(ascii: "%") || (quoted && b == UInt8(ascii: "\\")) {
                plain = false
                break
            }
        }
        if plain { return String(decoding: src[lo..<hi], as: UTF8.self) }

        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var k = lo
        func isHex(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46)
        }
        while k < hi {
            let b = src[k]
            if quoted && b == UInt8(ascii: "\\") {
                guard k + 1 < hi else {
                    escapeError("Backslash must be followed by an escape sequence selector character.", tok, k, hi)
                    out.append(b)
                    k += 1
                    continue
                }
                let sel = src[k + 1]
                switch sel {
                case UInt8(ascii: "n"): out.append(0x0A); k += 2
                case UInt8(ascii: "r"): out.append(0x0D); k += 2
                case UInt8(ascii: "t"): out.append(0x09); k += 2
                case UInt8(ascii: "\""): out.append(0x22); k += 2
                case UInt8(ascii: "\\"): out.append(0x5C); k += 2
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let want = sel == UInt8(ascii: "u") ? 4 : 8
                    var e = k + 2
                    while e < hi, e - (k + 2) < want, isHex(src[e]) { e += 1 }
                    guard e - (k + 2) == want else {
                        escapeError("The \\\(sel == UInt8(ascii: "u") ? "u" : "U") escape sequence must be followed by \(want == 4 ? "four" : "eight") hexadecimal digits.", tok, k, e)
                        out.append(contentsOf: src[k..<e])
                        k = e
                        continue
                    }
                    var v: UInt32 = 0
                    for d in src[(k + 2)..<e] {
                        let n = d <= 0x39 ? d - 0x30 : (d | 0x20) - 0x61 + 10
                        v = v << 4 | UInt32(n)
                    }
                    if let s = Unicode.Scalar(v) {
                        out.append(contentsOf: Array(String(Character(s)).utf8))
                    } else {
                        var hex = String(v, radix: 16)
                        if hex.count < 4 { hex = String(repeating: "0", count: 4 - hex.count) + hex }
                        escapeError("Cannot encode character U+\(hex) in UTF-8.", tok, k, e)
                        out.append(contentsOf: src[k..<e])
                    }
                    k = e
                default:
                    // One selector character (which may be several bytes).
                    var e = k + 2
                    while e < hi, src[e] & 0xC0 == 0x80 { e += 1 }
                    let symbol = String(decoding: src[(k + 1)..<e], as: UTF8.self)
                    escapeError("The symbol \(Parser.goQuote(symbol)) is not a valid escape sequence selector.", tok, k, e)
                    out.append(contentsOf: src[(k + 1)..<e])
                    k = e
                }
                continue
            }
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && k + 2 < hi && src[k + 1] == b && src[k + 2] == UInt8(ascii: "{") {
                out.append(b)
                out.append(UInt8(ascii: "{"))
                k += 3
                continue
            }
            out.append(b)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func escapeError(_ detail: String, _ tok: Token, _ from: Int, _ to: Int) {
        let (l1, c1) = Lexer.advance(line: tok.start.line, column: tok.start.column, over: src[local(tok).lowerBound..<from])
        let (l2, c2) = Lexer.advance(line: l1, column: c1, over: src[from..<to])
        error("Invalid escape sequence", detail,
              subject: SourceRange(filename: filename, start: SourcePos(line: l1, column: c1, byte: base + from),
                                   end: SourcePos(line: l2, column: c2, byte: base + to)))
    }

    /// A string quoted as Go's `%q` quotes it.
    static func goQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if isGoPrintable(u) {
                    out.unicodeScalars.append(u)
                } else if u.value < 0x80 {
                    out += "\\x" + hex(u.value, 2)
                } else if u.value < 0x10000 {
                    out += "\\u" + hex(u.value, 4)
                } else {
                    out += "\\U" + hex(u.value, 8)
                }
            }
        }
        return out + "\""
    }

    static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isGoPrintable(_ u: Unicode.Scalar) -> Bool {
        if u.value >= 0x20 && u.value < 0x7F { return true }
        if u.value < 0xA0 { return false }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
