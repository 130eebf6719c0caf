import TerraceBasics

/// The HCL native-syntax scanner. It produces every token, comments and newlines included, so
/// the formatter can work from tokens while the parser skips what it does not need. Templates
/// (quoted strings and heredocs) are scanned in their own modes, tracked on a stack so that
/// interpolations nest to any depth.
public struct Lexer {
    private enum Mode {
        case normal
        case brace
        case interp
        case quoted
        case heredoc(marker: [UInt8], atLineStart: Bool)
    }

    private let src: [UInt8]
    private let filename: String
    private var i = 0
    private var line = 1
    private var col = 1
    private var modes: [Mode] = [.normal]
    private var tokens: [Token] = []
    public private(set) var diagnostics = Diagnostics()

    public init(_ src: [UInt8], filename: String) {
        self.src = src
        self.filename = filename
    }

    /// Scans a whole file into tokens ending with `.eof`.
    public static func scan(_ src: [UInt8], filename: String) -> ([Token], Diagnostics) {
        var lx = Lexer(src, filename: filename)
        lx.run()
        return (lx.tokens, lx.diagnostics)
    }

    private var pos: SourcePos { SourcePos(line: line, column: col, byte: i) }

    private func at(_ k: Int) -> UInt8? { i + k < src.count ? src[i + k] : nil }

    private mutating func advance(_ n: Int = 1) {
        for _ in 0..<n where i < src.count {
            let b = src[i]
            i += 1
            if b == 0x0A {
                line += 1
                col = 1
            } else if b & 0xC0 != 0x80 {
                col += 1
            }
        }
    }

    private mutating func emit(_ kind: TokenKind, from start: SourcePos) {
        tokens.append(Token(kind: kind, range: SourceRange(filename: filename, start: start, end: pos),
                            bytes: start.byte..<i))
    }

    private mutating func run() {
        if src.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        checkUTF8()
        while i < src.count {
            switch modes.last! {
            case .quoted: scanQuoted()
            case .heredoc: scanHeredoc()
            default: scanNormal()
            }
        }
        emit(.eof, from: pos)
    }

    private mutating func checkUTF8() {
        // Reports the first byte that is not part of valid UTF-8; decoding later replaces it.
        var it = src[i...].makeIterator()
        var decoder = UTF8()
        var offset = i
        var scalars = 0
        var lineNo = 1, colNo = 1
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                offset += UTF8.width(s)
                scalars += 1
                if s == "\n" { lineNo += 1; colNo = 1 } else { colNo += 1 }
            case .emptyInput:
                return
            case .error:
                let p = SourcePos(line: lineNo, column: colNo, byte: offset)
                diagnostics.append(.error("Invalid character encoding",
                    "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.",
                    at: SourceRange(filename: filename, start: p, end: SourcePos(line: lineNo, column: colNo + 1, byte: offset + 1))))
                return
            }
        }
    }

    // MARK: - Normal (expression and structure) mode

    private mutating func scanNormal() {
        let c = src[i]
        let start = pos
        switch c {
        case 0x20, 0x09:
            advance()
        case 0x0D where at(1) == 0x0A:
            advance(2)
            emit(.newline, from: start)
        case 0x0A:
            advance()
            emit(.newline, from: start)
        case UInt8(ascii: "#"):
            skipToLineEnd()
            emit(.comment, from: start)
        case UInt8(ascii: "/") where at(1) == UInt8(ascii: "/"):
            skipToLineEnd()
            emit(.comment, from: start)
        case UInt8(ascii: "/") where at(1) == UInt8(ascii: "*"):
            advance(2)
            var closed = false
            while i < src.count {
                if src[i] == UInt8(ascii: "*"), at(1) == UInt8(ascii: "/") { advance(2); closed = true; break }
                advance()
            }
            emit(closed ? .comment : .invalid, from: start)
            if !closed {
                diagnostics.append(.error("Unterminated comment",
                    "There is no closing marker for this multi-line comment.",
                    at: SourceRange(filename: filename, start: start, end: SourcePos(line: start.line, column: start.column + 2, byte: start.byte + 2))))
            }
        case UInt8(ascii: "{"):
            advance(); emit(.oBrace, from: start); modes.append(.brace)
        case UInt8(ascii: "}"):
            advance()
            switch modes.last! {
            case .brace: modes.removeLast(); emit(.cBrace, from: start)
            case .interp: modes.removeLast(); emit(.templateSeqEnd, from: start)
            default: emit(.cBrace, from: start)
            }
        case UInt8(ascii: "~") where at(1) == UInt8(ascii: "}"):
            if case .interp = modes.last! {
                advance(2); modes.removeLast(); emit(.templateSeqEnd, from: start)
            } else {
                invalidChar(start)
            }
        case UInt8(ascii: "["): advance(); emit(.oBrack, from: start)
        case UInt8(ascii: "]"): advance(); emit(.cBrack, from: start)
        case UInt8(ascii: "("): advance(); emit(.oParen, from: start)
        case UInt8(ascii: ")"): advance(); emit(.cParen, from: start)
        case UInt8(ascii: "\""):
            advance(); emit(.oQuote, from: start); modes.append(.quoted)
        case UInt8(ascii: "*"): advance(); emit(.star, from: start)
        case UInt8(ascii: "/"): advance(); emit(.slash, from: start)
        case UInt8(ascii: "+"): advance(); emit(.plus, from: start)
        case UInt8(ascii: "-"): advance(); emit(.minus, from: start)
        case UInt8(ascii: "%"): advance(); emit(.percent, from: start)
        case UInt8(ascii: "="):
            if at(1) == UInt8(ascii: "=") { advance(2); emit(.equalOp, from: start) }
            else if at(1) == UInt8(ascii: ">") { advance(2); emit(.fatArrow, from: start) }
            else { advance(); emit(.equal, from: start) }
        case UInt8(ascii: "!"):
            if at(1) == UInt8(ascii: "=") { advance(2); emit(.notEqual, from: start) } else { advance(); emit(.bang, from: start) }
        case UInt8(ascii: "<"):
            if at(1) == UInt8(ascii: "<"), scanHeredocOpen(start) { return }
            if at(1) == UInt8(ascii: "=") { advance(2); emit(.lessThanEq, from: start) } else { advance(); emit(.lessThan, from: start) }
        case UInt8(ascii: ">"):
            if at(1) == UInt8(ascii: "=") { advance(2); emit(.greaterThanEq, from: start) } else { advance(); emit(.greaterThan, from: start) }
        case UInt8(ascii: "&") where at(1) == UInt8(ascii: "&"): advance(2); emit(.and, from: start)
        case UInt8(ascii: "|") where at(1) == UInt8(ascii: "|"): advance(2); emit(.or, from: start)
        case UInt8(ascii: "."):
            if at(1) == UInt8(ascii: "."), at(2) == UInt8(ascii: ".") { advance(3); emit(.ellipsis, from: start) }
            else { advance(); emit(.dot, from: start) }
        case UInt8(ascii: ","): advance(); emit(.comma, from: start)
        case UInt8(ascii: "?"): advance(); emit(.question, from: start)
        case UInt8(ascii: ":"):
            if at(1) == UInt8(ascii: ":") { advance(2); emit(.doubleColon, from: start) } else { advance(); emit(.colon, from: start) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            scanNumber(start)
        default:
            if let s = scalar(), isIdentStart(s) {
                scanIdent(start)
            } else {
                invalidChar(start)
            }
        }
    }

    private mutating func invalidChar(_ start: SourcePos) {
        let s = scalar()
        advance(s.map { UTF8.width($0) } ?? 1)
        emit(.invalid, from: start)
        let shown = s.map { "\"\(String($0))\"" } ?? "this byte"
        var detail = "This character is not used within the language."
        if s == "'" { detail = "Single quotes are not valid. Use double quotes (\") to enclose strings." }
        if s == ";" { detail = "The semicolon is not used in this language. Each argument or block must be on a line of its own." }
        diagnostics.append(.error("Invalid character", "\(detail) The character was \(shown).",
                                  at: SourceRange(filename: filename, start: start, end: pos)))
    }

    private mutating func skipToLineEnd() {
        while i < src.count, src[i] != 0x0A {
            if src[i] == 0x0D, at(1) == 0x0A { break }
            advance()
        }
    }

    private func scalar() -> Unicode.Scalar? {
        var it = src[i...].makeIterator()
        var d = UTF8()
        if case .scalarValue(let s) = d.decode(&it) { return s }
        return nil
    }

    private func isIdentStart(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isXIDStart
    }

    private func isIdentContinue(_ s: Unicode.Scalar) -> Bool {
        s == "-" || s == "_" || s.properties.isXIDContinue
    }

    private mutating func scanIdent(_ start: SourcePos) {
        while i < src.count, let s = scalar(), isIdentContinue(s) { advance(UTF8.width(s)) }
        emit(.ident, from: start)
    }

    private mutating func scanNumber(_ start: SourcePos) {
        func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        while isDigit(at(0)) { advance() }
        if at(0) == UInt8(ascii: "."), isDigit(at(1)) {
            advance()
            while isDigit(at(0)) { advance() }
        }
        if at(0) == UInt8(ascii: "e") || at(0) == UInt8(ascii: "E") {
            var k = 1
            if at(1) == UInt8(ascii: "+") || at(1) == UInt8(ascii: "-") { k = 2 }
            if isDigit(at(k)) {
                advance(k)
                while isDigit(at(0)) { advance() }
            }
        }
        emit(.numberLit, from: start)
    }

    // MARK: - Templates

    /// `<<EOT` or `<<-EOT` followed by a newline opens a heredoc; anything else is two `<`.
    private mutating func scanHeredocOpen(_ start: SourcePos) -> Bool {
        var k = 2
        if at(k) == UInt8(ascii: "-") { k += 1 }
        let nameStart = i + k
        var j = nameStart
        while j < src.count {
            let b = src[j]
            let ok = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b >= 0x80
            if !ok { break }
            j += 1
        }
        guard j > nameStart, src[nameStart] < 0x30 || src[nameStart] > 0x39 else { return false }
        var end = j
        if end < src.count, src[end] == 0x0D { end += 1 }
        guard end < src.count, src[end] == 0x0A else { return false }
        let marker = Array(src[nameStart..<j])
        advance(end + 1 - i)
        emit(.oHeredoc, from: start)
        modes.append(.heredoc(marker: marker, atLineStart: true))
        return true
    }

    private mutating func scanTemplateOpener() -> Bool {
        let start = pos
        guard let b = at(0), b == UInt8(ascii: "$") || b == UInt8(ascii: "%"), at(1) == UInt8(ascii: "{") else { return false }
        advance(2)
        if at(0) == UInt8(ascii: "~") { advance() }
        emit(b == UInt8(ascii: "$") ? .templateInterp : .templateControl, from: start)
        modes.append(.interp)
        return true
    }

    private mutating func scanQuoted() {
        let start = pos
        if src[i] == UInt8(ascii: "\"") {
            advance(); modes.removeLast(); emit(.cQuote, from: start); return
        }
        if scanTemplateOpener() { return }
        if src[i] == 0x0A || (src[i] == 0x0D && at(1) == 0x0A) {
            // A newline ends the quoted template without its closing quote; the parser reports it.
            modes.removeLast()
            return
        }
        while i < src.count {
            let b = src[i]
            if b == UInt8(ascii: "\"") || b == 0x0A || (b == 0x0D && at(1) == 0x0A) { break }
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && at(1) == UInt8(ascii: "{") { break }
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && at(1) == b && at(2) == UInt8(ascii: "{") {
                advance(3); continue
            }
            if b == UInt8(ascii: "\\"), let n = at(1), n != 0x0A, n != 0x0D { advance(2); continue }
            advance()
        }
        emit(.quotedLit, from: start)
    }

    private mutating func scanHeredoc() {
        guard case .heredoc(let marker, let atLineStart) = modes.last! else { return }
        let start = pos
        if atLineStart {
            var j = i
            while j < src.count, src[j] == 0x20 || src[j] == 0x09 { j += 1 }
            if src.count - j >= marker.count, Array(src[j..<j + marker.count]) == marker {
                var e = j + marker.count
                if e < src.count, src[e] == 0x0D, e + 1 < src.count, src[e + 1] == 0x0A { e += 0 }
                if e == src.count || src[e] == 0x0A || (src[e] == 0x0D && e + 1 < src.count && src[e + 1] == 0x0A) {
                    advance(j - i)
                    let mstart = pos
                    advance(marker.count)
                    modes.removeLast()
                    emit(.cHeredoc, from: mstart)
                    _ = start
                    return
                }
            }
        }
        modes[modes.count - 1] = .heredoc(marker: marker, atLineStart: false)
        if scanTemplateOpener() { return }
        while i < src.count {
            let b = src[i]
            if b == 0x0A {
                advance()
                modes[modes.count - 1] = .heredoc(marker: marker, atLineStart: true)
                break
            }
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && at(1) == UInt8(ascii: "{") { break }
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && at(1) == b && at(2) == UInt8(ascii: "{") {
                advance(3); continue
            }
            advance()
        }
        emit(.stringLit, from: start)
    }
}
