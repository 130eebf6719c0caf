/// Go's `strconv.Quote`, which Terraform uses to print strings in the console and cty uses in
/// set hashes: printable characters as they are, the usual backslash escapes, `\x`, `\u` or
/// `\U` for the rest.
enum GoQuote {
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if isPrint(u) {
                    out.unicodeScalars.append(u)
                    continue
                }
                switch u {
                case "\u{07}": out += "\\a"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{0B}": out += "\\v"
                default:
                    if u.value < 0x20 {
                        out += "\\x" + hex(u.value, width: 2)
                    } else if u.value < 0x10000 {
                        out += "\\u" + hex(u.value, width: 4)
                    } else {
                        out += "\\U" + hex(u.value, width: 8)
                    }
                }
            }
        }
        return out + "\""
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x20 && u.value < 0x7F }
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

    static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
