import TerraceBasics

/// The HCL native-syntax scanner, a hand-written equivalent of hclsyntax's Ragel scanner
/// (`scan_tokens.rl`): the same token kinds, the same token boundaries (the formatter depends on
/// them) and positions whose columns count grapheme clusters, as HCL counts them.
///
/// It produces every token, comments and newlines included. Quoted strings, heredocs and the
/// expressions interpolated into them are scanned in nested modes kept on a stack, so templates
/// nest to any depth. Scanning never fails: bytes that fit no rule become `.invalid` or
/// `.badUTF8` tokens, which `checkInvalidTokens` reports.
public struct Lexer {
    enum Mode {
        case main
        case quoted
        case heredoc
        /// A template file's text outside `${…}` and `%{…}` sequences.
        case bare
    }

    struct Heredoc {
        var marker: Range<Int>
        var startOfLine: Bool
    }

    let src: [UInt8]
    let filename: String
    /// Where `src` starts in its file (non-zero for a template inside a JSON string).
    let base: Int
    var i = 0
    /// Position just after the last emitted token (or the BOM).
    var line = 1
    var col = 1
    var byte = 0
    var modes: [Mode] = [.main]
    var braces = 0
    var retBraces: [Int] = []
    var heredocs: [Heredoc] = []
    var tokens: [Token] = []

    init(_ src: [UInt8], filename: String, origin: SourcePos = .start) {
        self.src = src
        self.filename = filename
        base = origin.byte
        line = origin.line
        col = origin.column
        // Configuration runs about 3.5 bytes per token; capacity never touched costs no memory
        // (the pages are not faulted in), while growing a large array copies it.
        tokens.reserveCapacity(src.count / 2 + 16)
    }

    /// Scans a whole file into tokens ending with `.eof`, with diagnostics for tokens that can
    /// never be valid (hclsyntax's `LexConfig`).
    public static func scan(_ src: [UInt8], filename: String) -> ([Token], Diagnostics) {
        let tokens = scanTokens(src, filename: filename)
        return (tokens, checkInvalidTokens(tokens, src: src, filename: filename))
    }

    /// Scans without validating.
    static func scanTokens(_ src: [UInt8], filename: String) -> [Token] {
        var lx = Lexer(src, filename: filename)
        lx.run()
        return lx.tokens
    }

    /// Scans a bare template (the contents of a template file).
    static func scanBareTemplate(_ src: [UInt8], filename: String, origin: SourcePos = .start) -> [Token] {
        var lx = Lexer(src, filename: filename, origin: origin)
        lx.modes = [.bare]
        lx.run()
        return lx.tokens
    }

    // MARK: - Driver

    mutating func run() {
        if src.count >= 3, src[0] == 0xEF, src[1] == 0xBB, src[2] == 0xBF {
            i = 3
            byte = 3
        }
        loop: while i < src.count {
            switch modes[modes.count - 1] {
            case .main: scanMain()
            case .quoted: scanQuoted()
            case .heredoc:
                if !scanHeredoc() { break loop }
            case .bare:
                scanBare()
            }
        }
        emit(.eof, i, i)
    }

    /// Appends a token for `src[start..<end]`. Only spaces and tabs (one column each) can lie
    /// between the previous token and this one, so the start column follows from the byte gap.
    mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        let startPos = SourcePos(line: line, column: col + (start - byte), byte: base + start)
        var l = startPos.line
        var c = startPos.column
        var ascii = true
        var k = start
        while k < end {
            let b = src[k]
            if b >= 0x80 { ascii = false; break }
            if b == 0x0A {
                l += 1; c = 1
            } else if b == 0x0D, k + 1 < end, src[k + 1] == 0x0A {
                l += 1; c = 1; k += 1
            } else {
                c += 1
            }
            k += 1
        }
        if !ascii {
            if end - start == 1 || utf8Length(at: start) == end - start {
                // One scalar (or one broken byte) is one column.
                l = startPos.line
                c = startPos.column + 1
            } else {
                (l, c) = Lexer.advance(line: startPos.line, column: startPos.column, over: src[start..<end])
            }
        }
        line = l
        col = c
        byte = end
        tokens.append(Token(kind: kind, start: startPos, end: SourcePos(line: l, column: c, byte: base + end)))
    }

    /// Line and column after `bytes`, counting grapheme clusters as HCL does; `\n` and `\r\n`
    /// start a new line.
    static func advance(line: Int, column: Int, over bytes: ArraySlice<UInt8>) -> (Int, Int) {
        var l = line
        var c = column
        for ch in String(decoding: bytes, as: UTF8.self) {
            if ch == "\n" || ch == "\r\n" {
                l += 1; c = 1
            } else {
                c += 1
            }
        }
        return (l, c)
    }

    func at(_ k: Int) -> UInt8? { k < src.count ? src[k] : nil }

    // MARK: - UTF-8

    /// The length of the well-formed UTF-8 sequence at `k` by the scanner's lenient rule
    /// (lead byte and continuation bytes), or nil for a broken byte.
    func utf8Length(at k: Int) -> Int? {
        let b = src[k]
        let n: Int
        switch b {
        case 0x00...0x7F: return 1
        case 0xC0...0xDF: n = 2
        case 0xE0...0xEF: n = 3
        case 0xF0...0xF7: n = 4
        default: return nil
        }
        guard k + n <= src.count else { return nil }
        for j in 1..<n where src[k + j] & 0xC0 != 0x80 { return nil }
        return n
    }

    func scalar(at k: Int, length n: Int) -> Unicode.Scalar? {
        var v: UInt32
        switch n {
        case 1: return Unicode.Scalar(src[k])
        case 2: v = UInt32(src[k] & 0x1F)
        case 3: v = UInt32(src[k] & 0x0F)
        default: v = UInt32(src[k] & 0x07)
        }
        for j in 1..<n { v = v << 6 | UInt32(src[k + j] & 0x3F) }
        return Unicode.Scalar(v)
    }

    /// The length of an identifier starting at `k`, or 0 if none starts there.
    func identLength(at k: Int) -> Int {
        var j = k
        var first = true
        while j < src.count {
            let b = src[j]
            if b < 0x80 {
                let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
                    || (!first && ((b >= 0x30 && b <= 0x39) || b == 0x2D))
                if !ok { break }
                j += 1
            } else {
                guard let n = utf8Length(at: j), let s = scalar(at: j, length: n) else { break }
                let ok = first ? s.properties.isIDStart : s.properties.isIDContinue
                if !ok { break }
                j += n
            }
            first = false
        }
        return j - k
    }

    // MARK: - Main mode (structure and expressions)

    mutating func scanMain() {
        let start = i
        let c = src[i]
        switch c {
        case 0x20, 0x09:
            i += 1
            while i < src.count, src[i] == 0x20 || src[i] == 0x09 { i += 1 }
        case 0x0A:
            i += 1; emit(.newline, start, i)
        case 0x0D:
            if at(i + 1) == 0x0A { i += 2; emit(.newline, start, i) } else { i += 1; emit(.invalid, start, i) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            scanNumber()
        case UInt8(ascii: "#"):
            scanLineComment()
        case UInt8(ascii: "/"):
            if at(i + 1) == UInt8(ascii: "/") {
                scanLineComment()
            } else if at(i + 1) == UInt8(ascii: "*"), let end = blockCommentEnd(from: i + 2) {
                i = end; emit(.comment, start, i)
            } else {
                i += 1; emit(.slash, start, i)
            }
        case UInt8(ascii: "{"):
            i += 1; emit(.oBrace, start, i); braces += 1
        case UInt8(ascii: "}"):
            i += 1
            closeBrace(start, eatWhitespace: false)
        case UInt8(ascii: "~"):
            if at(i + 1) == UInt8(ascii: "}") {
                i += 2
                closeBrace(start, eatWhitespace: true)
            } else {
                i += 1; emit(.bitwiseNot, start, i)
            }
        case UInt8(ascii: "\""):
            i += 1; emit(.oQuote, start, i); modes.append(.quoted)
        case UInt8(ascii: "<"):
            if at(i + 1) == UInt8(ascii: "<"), scanHeredocOpen() { return }
            if at(i + 1) == UInt8(ascii: "=") { i += 2; emit(.lessThanEq, start, i) } else { i += 1; emit(.lessThan, start, i) }
        case UInt8(ascii: "="):
            if at(i + 1) == UInt8(ascii: "=") { i += 2; emit(.equalOp, start, i) }
            else if at(i + 1) == UInt8(ascii: ">") { i += 2; emit(.fatArrow, start, i) }
            else { i += 1; emit(.equal, start, i) }
        case UInt8(ascii: "!"):
            if at(i + 1) == UInt8(ascii: "=") { i += 2; emit(.notEqual, start, i) } else { i += 1; emit(.bang, start, i) }
        case UInt8(ascii: ">"):
            if at(i + 1) == UInt8(ascii: "=") { i += 2; emit(.greaterThanEq, start, i) } else { i += 1; emit(.greaterThan, start, i) }
        case UInt8(ascii: "&"):
            if at(i + 1) == UInt8(ascii: "&") { i += 2; emit(.and, start, i) } else { i += 1; emit(.bitwiseAnd, start, i) }
        case UInt8(ascii: "|"):
            if at(i + 1) == UInt8(ascii: "|") { i += 2; emit(.or, start, i) } else { i += 1; emit(.bitwiseOr, start, i) }
        case UInt8(ascii: "."):
            if at(i + 1) == UInt8(ascii: "."), at(i + 2) == UInt8(ascii: ".") { i += 3; emit(.ellipsis, start, i) }
            else { i += 1; emit(.dot, start, i) }
        case UInt8(ascii: ":"):
            // `::` (provider-defined function namespaces) is a Terraform 1.8 addition to HCL.
            if at(i + 1) == UInt8(ascii: ":") { i += 2; emit(.doubleColon, start, i) } else { i += 1; emit(.colon, start, i) }
        default:
            if let kind = Lexer.selfTokens[Int(c)] {
                i += 1; emit(kind, start, i)
                return
            }
            let n = identLength(at: i)
            if n > 0 {
                i += n; emit(.ident, start, i)
            } else if let len = utf8Length(at: i) {
                i += len; emit(.invalid, start, i)
            } else {
                i += 1; emit(.badUTF8, start, i)
            }
        }
    }

    static let selfTokens: [TokenKind?] = {
        var t = [TokenKind?](repeating: nil, count: 256)
        let pairs: [(Character, TokenKind)] = [
            ("[", .oBrack), ("]", .cBrack), ("(", .oParen), (")", .cParen), (",", .comma),
            ("*", .star), ("%", .percent), ("+", .plus), ("-", .minus), ("?", .question),
            ("^", .bitwiseXor), (";", .semicolon), ("`", .backtick), ("'", .apostrophe),
        ]
        for (ch, k) in pairs { t[Int(ch.asciiValue ?? 0)] = k }
        return t
    }()

    mutating func closeBrace(_ start: Int, eatWhitespace: Bool) {
        if let last = retBraces.last, last == braces {
            emit(.templateSeqEnd, start, i)
            braces -= 1
            retBraces.removeLast()
            modes.removeLast()
        } else {
            // A `~}` that closes no template sequence is still a sequence end, so the parser can
            // report it as unbalanced.
            emit(eatWhitespace ? .templateSeqEnd : .cBrace, start, i)
            braces -= 1
        }
    }

    /// `digit (digit | '.' | [eE][+-]?digit)*`, not ending in a dot.
    mutating func scanNumber() {
        let start = i
        var j = i + 1
        var lastValid = j
        while j < src.count {
            let b = src[j]
            if b >= 0x30 && b <= 0x39 {
                j += 1; lastValid = j
            } else if b == UInt8(ascii: ".") {
                j += 1
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                var k = j + 1
                if k < src.count, src[k] == UInt8(ascii: "+") || src[k] == UInt8(ascii: "-") { k += 1 }
                guard k < src.count, src[k] >= 0x30 && src[k] <= 0x39 else { break }
                j = k + 1; lastValid = j
            } else {
                break
            }
        }
        i = lastValid
        emit(.numberLit, start, i)
    }

    /// `#` or `//` to the end of the line, including the line end.
    mutating func scanLineComment() {
        let start = i
        while i < src.count {
            if src[i] == 0x0A { i += 1; break }
            if src[i] == 0x0D, at(i + 1) == 0x0A { i += 2; break }
            i += 1
        }
        emit(.comment, start, i)
    }

    /// The offset after the `*/` closing a block comment whose content starts at `k`.
    func blockCommentEnd(from k: Int) -> Int? {
        var j = k
        while j + 1 < src.count {
            if src[j] == UInt8(ascii: "*"), src[j + 1] == UInt8(ascii: "/") { return j + 2 }
            j += 1
        }
        return nil
    }

    /// `<<EOT` or `<<-EOT` immediately followed by a line end opens a heredoc.
    mutating func scanHeredocOpen() -> Bool {
        let start = i
        var k = i + 2
        if at(k) == UInt8(ascii: "-") { k += 1 }
        let n = identLength(at: k)
        guard n > 0 else { return false }
        var end = k + n
        if at(end) == 0x0D { end += 1 }
        guard at(end) == 0x0A else { return false }
        i = end + 1
        emit(.oHeredoc, start, i)
        heredocs.append(Heredoc(marker: k..<(k + n), startOfLine: true))
        modes.append(.heredoc)
        return true
    }
}
