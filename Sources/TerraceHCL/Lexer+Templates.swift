import TerraceBasics

/// The template modes of the scanner: quoted strings, heredocs and bare templates (template
/// files), whose literal text runs until a `${` or `%{` sequence, and the sequences themselves.
extension Lexer {
    /// `${` or `%{`, optionally with `~`, entering an interpolated expression.
    mutating func scanTemplateOpener() -> Bool {
        let start = i
        let b = src[i]
        guard b == UInt8(ascii: "$") || b == UInt8(ascii: "%"), at(i + 1) == UInt8(ascii: "{") else { return false }
        i += 2
        if at(i) == UInt8(ascii: "~") { i += 1 }
        emit(b == UInt8(ascii: "$") ? .templateInterp : .templateControl, start, i)
        braces += 1
        retBraces.append(braces)
        if !heredocs.isEmpty { heredocs[heredocs.count - 1].startOfLine = false }
        modes.append(.main)
        return true
    }

    /// The length of `$`/`%` not starting a sequence: `$${` (or `$${~`) escapes, and a lone `$`
    /// before any other character. Zero at the end of input, where the character is invalid.
    func introducerLiteralLength(at k: Int) -> Int {
        let b = src[k]
        guard k + 1 < src.count else { return 0 }
        if src[k + 1] == b, k + 2 < src.count, src[k + 2] == UInt8(ascii: "{") {
            return k + 3 < src.count && src[k + 3] == UInt8(ascii: "~") ? 4 : 3
        }
        return 1
    }

    // MARK: - Quoted templates

    mutating func scanQuoted() {
        let start = i
        let b = src[i]
        if scanTemplateOpener() { return }
        switch b {
        case UInt8(ascii: "\""):
            i += 1; emit(.cQuote, start, i); modes.removeLast()
        case 0x0A, 0x0D:
            while i < src.count, src[i] == 0x0A || src[i] == 0x0D { i += 1 }
            emit(.quotedNewline, start, i)
        case UInt8(ascii: "$"), UInt8(ascii: "%"):
            let n = introducerLiteralLength(at: i)
            if n == 0 { i += 1; emit(.invalid, start, i) } else { i += n; emit(.quotedLit, start, i) }
        default:
            var j = i
            while j < src.count {
                let c = src[j]
                if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") || c == UInt8(ascii: "\"") || c == 0x0A || c == 0x0D { break }
                if c == UInt8(ascii: "\\") {
                    guard j + 1 < src.count, src[j + 1] != 0x0A, src[j + 1] != 0x0D,
                          let n = utf8Length(at: j + 1) else { break }
                    j += 1 + n
                    continue
                }
                if c < 0x80 { j += 1; continue }
                guard let n = utf8Length(at: j) else { break }
                j += n
            }
            if j > i {
                i = j; emit(.quotedLit, start, i)
            } else if let n = utf8Length(at: i) {
                i += n; emit(.invalid, start, i)
            } else {
                i += 1; emit(.badUTF8, start, i)
            }
        }
    }

    // MARK: - Heredoc templates

    /// Scans one heredoc token; false when the input cannot be scanned further (a lone carriage
    /// return), in which case the rest of the input has become one invalid token.
    mutating func scanHeredoc() -> Bool {
        let start = i
        if scanTemplateOpener() { return true }
        let b = src[i]
        var j = i
        if b == UInt8(ascii: "$") || b == UInt8(ascii: "%") {
            let n = introducerLiteralLength(at: i)
            if n == 0 {
                i += 1
                heredocs[heredocs.count - 1].startOfLine = false
                emit(.stringLit, start, i)
                return true
            }
            j += n
        } else {
            while j < src.count {
                let c = src[j]
                if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") || c == 0x0A || c == 0x0D { break }
                if c < 0x80 { j += 1; continue }
                guard let n = utf8Length(at: j) else { break }
                j += n
            }
        }
        var eol = 0
        if j < src.count, src[j] == 0x0A { eol = 1 } else if j + 1 < src.count, src[j] == 0x0D, src[j + 1] == 0x0A { eol = 2 }
        if eol > 0 {
            let doc = heredocs[heredocs.count - 1]
            if doc.startOfLine, trimmedEquals(i..<j, doc.marker) {
                // The closing marker (with its indentation) and, separately, the newline after it,
                // which ends the attribute definition.
                i = j
                emit(.cHeredoc, start, i)
                i = j + eol
                emit(.newline, j, i)
                heredocs.removeLast()
                modes.removeLast()
                return true
            }
            heredocs[heredocs.count - 1].startOfLine = true
            i = j + eol
            emit(.stringLit, start, i)
            return true
        }
        if j > i {
            heredocs[heredocs.count - 1].startOfLine = false
            i = j
            emit(.stringLit, start, i)
            return true
        }
        if src[i] == 0x0D {
            // No heredoc rule matches a lone carriage return: the scanner gives up here.
            i = src.count
            emit(.invalid, start, i)
            return false
        }
        i += 1
        emit(.badUTF8, start, i)
        return true
    }

    /// Bare template text: like a heredoc's lines, without a closing marker.
    mutating func scanBare() {
        let start = i
        if scanTemplateOpener() { return }
        let b = src[i]
        var j = i
        if b == UInt8(ascii: "$") || b == UInt8(ascii: "%") {
            j += max(1, introducerLiteralLength(at: i))
        } else {
            while j < src.count {
                let c = src[j]
                if c == UInt8(ascii: "$") || c == UInt8(ascii: "%") || c == 0x0A || c == 0x0D { break }
                if c < 0x80 { j += 1; continue }
                guard let n = utf8Length(at: j) else { break }
                j += n
            }
        }
        if j < src.count, src[j] == 0x0A { j += 1 } else if j + 1 < src.count, src[j] == 0x0D, src[j + 1] == 0x0A { j += 2 }
        if j > i {
            i = j
            emit(.stringLit, start, i)
        } else if src[i] == 0x0D {
            // As in hclsyntax, what the scanner cannot match at the top of a template is literal.
            i = src.count
            emit(.stringLit, start, i)
        } else {
            i += 1
            emit(.badUTF8, start, i)
        }
    }

    /// Whether `src[r]` with surrounding white space removed equals `src[marker]`.
    func trimmedEquals(_ r: Range<Int>, _ marker: Range<Int>) -> Bool {
        var lo = r.lowerBound
        var hi = r.upperBound
        while lo < hi, Lexer.isSpaceByte(src[lo]) { lo += 1 }
        while hi > lo, Lexer.isSpaceByte(src[hi - 1]) { hi -= 1 }
        guard hi - lo == marker.count else { return false }
        var k = 0
        while k < marker.count {
            if src[lo + k] != src[marker.lowerBound + k] { return false }
            k += 1
        }
        return true
    }

    static func isSpaceByte(_ b: UInt8) -> Bool {
        b == 0x20 || (b >= 0x09 && b <= 0x0D)
    }
}
