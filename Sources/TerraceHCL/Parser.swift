import TerraceBasics

/// Recursive-descent parser for the HCL native syntax, a port of hashicorp/hcl's `hclsyntax`
/// parser (v2.10, the version Terraform 1.0 uses): the same grammar, the same diagnostics with
/// the same source ranges, and the same recovery, so one run reports every independent problem
/// and returns a partial tree with `.invalid` placeholders.
///
/// Like hclsyntax, the parser reads a token stream through a "peeker" that skips comments and,
/// depending on a stack of modes, newlines: newlines end attributes in bodies and separate
/// object items, but are insignificant inside parentheses, brackets and template sequences.
public struct Parser {
    let toks: [Token]
    var nextIndex = 0
    var includeNewlines: [Bool] = [true]
    /// Set once the parser has tried to recover from an error; further "bad token" errors are
    /// then suppressed because the recovery heuristics may have left us somewhere odd.
    var recovery = false
    let src: [UInt8]
    let filename: String
    /// Where `src` starts in its file (non-zero for a template inside a JSON string).
    let base: Int
    var diagnostics = Diagnostics()
    /// Whether to build expression trees; when not, expressions are placeholders with their
    /// ranges, and the parse only checks the syntax and finds the structure.
    var buildTree = true
    /// Nesting of expressions and blocks, bounded so that hostile input cannot exhaust the stack.
    var depth = 0
    static let maxDepth = 100

    init(tokens: [Token], src: [UInt8], filename: String, base: Int = 0) {
        toks = tokens
        self.src = src
        self.filename = filename
        self.base = base
    }

    /// Parses a whole file. Diagnostics start with the scanner's.
    public static func parse(_ src: [UInt8], filename: String, sources: SourceFiles? = .shared) -> (File, Diagnostics) {
        sources?.register(filename, bytes: src)
        let (file, diags, _) = parseWithTokens(src, filename: filename)
        sources?.registerContexts(filename, file.body.blocks.map {
            SourceFiles.BlockContext(header: $0.header, body: $0.body.range, block: $0.range)
        })
        return (file, diags)
    }

    public static func parse(_ text: String, filename: String, sources: SourceFiles? = .shared) -> (File, Diagnostics) {
        parse(Array(text.utf8), filename: filename, sources: sources)
    }

    /// Parses a whole file and also returns its tokens (for the formatter).
    static func parseWithTokens(_ src: [UInt8], filename: String, buildTree: Bool = true) -> (File, Diagnostics, [Token]) {
        let (tokens, scanDiags) = Lexer.scan(src, filename: filename)
        var parser = Parser(tokens: tokens, src: src, filename: filename)
        parser.buildTree = buildTree
        let body = parser.parseBody(end: .eof)
        var diags = scanDiags
        diags += parser.diagnostics
        return (File(filename: filename, body: body), diags, tokens)
    }

    /// Parses a standalone expression (for `console`, `-var` values and traversals in flags).
    /// Newlines are insignificant, as if the expression were in parentheses.
    public static func parseExpression(_ text: String, filename: String, sources: SourceFiles? = .shared) -> (Expr, Diagnostics) {
        let src = Array(text.utf8)
        sources?.register(filename, bytes: src)
        let (tokens, scanDiags) = Lexer.scan(src, filename: filename)
        var parser = Parser(tokens: tokens, src: src, filename: filename)
        parser.pushNewlines(false)
        let e = parser.parseExpression()
        let next = parser.peek()
        if next.kind != .eof && !parser.recovery {
            parser.error("Extra characters after expression",
                         "An expression was successfully parsed, but extra characters were found after it.",
                         subject: parser.rng(next))
        }
        parser.popNewlines()
        var diags = scanDiags
        diags += parser.diagnostics
        return (e, diags)
    }

    /// Parses a bare template, as `templatefile` reads one: literal text with `${…}`
    /// interpolations and `%{…}` directives, no quotes.
    public static func parseTemplate(_ text: String, filename: String, sources: SourceFiles? = .shared) -> (Expr, Diagnostics) {
        let src = Array(text.utf8)
        sources?.register(filename, bytes: src)
        return parseTemplate(src, filename: filename, origin: .start)
    }

    /// A bare template whose text starts at `origin` in its file (a JSON string's content).
    static func parseTemplate(_ src: [UInt8], filename: String, origin: SourcePos) -> (Expr, Diagnostics) {
        let tokens = Lexer.scanBareTemplate(src, filename: filename, origin: origin)
        var parser = Parser(tokens: tokens, src: src, filename: filename, base: origin.byte)
        let e = parser.parseTemplate(end: .eof, flushHeredoc: false)
        var diags = Lexer.checkInvalidTokens(tokens, src: src, filename: filename, base: origin.byte)
        diags += parser.diagnostics
        return (e, diags)
    }

    // MARK: - Peeker

    /// The offsets of a token's text in `src`.
    func local(_ t: Token) -> Range<Int> { (t.start.byte - base)..<(t.end.byte - base) }

    func text(_ t: Token) -> String { String(decoding: src[local(t)], as: UTF8.self) }

    func tokenIs(_ t: Token, _ keyword: String) -> Bool {
        guard t.kind == .ident, t.bytes.count == keyword.utf8.count else { return false }
        var k = local(t).lowerBound
        for b in keyword.utf8 {
            if src[k] != b { return false }
            k += 1
        }
        return true
    }

    var newlinesIncluded: Bool { includeNewlines[includeNewlines.count - 1] }

    mutating func pushNewlines(_ include: Bool) { includeNewlines.append(include) }
    mutating func popNewlines() { includeNewlines.removeLast() }

    /// The next significant token and the index after it. A `#` or `//` comment includes the
    /// newline that ends it, so where newlines matter it stands for a newline.
    func nextToken() -> (Token, Int) {
        var k = nextIndex
        while k < toks.count {
            let t = toks[k]
            switch t.kind {
            case .comment:
                if newlinesIncluded, t.bytes.count > 0, src[local(t).upperBound - 1] == 0x0A {
                    // The stand-in newline keeps the comment's range, as in hclsyntax.
                    return (Token(kind: .newline, start: t.start, end: t.end), k + 1)
                }
                k += 1
                continue
            case .newline:
                if !newlinesIncluded { k += 1; continue }
            default:
                break
            }
            return (t, k + 1)
        }
        return (toks[toks.count - 1], toks.count)
    }

    func peek() -> Token { nextToken().0 }

    @discardableResult
    mutating func read() -> Token {
        let (t, k) = nextToken()
        nextIndex = k
        return t
    }

    var prevRange: SourceRange {
        nextIndex == 0 ? rng(peek()) : rng(toks[nextIndex - 1])
    }

    // MARK: - Diagnostics

    mutating func error(_ summary: String, _ detail: String, subject: SourceRange, context: SourceRange? = nil) {
        diagnostics.append(Diagnostic(.error, summary: summary, detail: detail, subject: subject, context: context))
    }

    var mark: Int { diagnostics.count }
    func failed(since mark: Int) -> Bool { diagnostics.count > mark }

    /// hclsyntax's `RangeBetween`: from the start of `a` to the end of `b`.
    func between(_ a: SourceRange, _ b: SourceRange) -> SourceRange {
        SourceRange(filename: a.filename, start: a.start, end: b.end)
    }

    /// A range as HCL prints one in messages: `file:line,col-col` or `file:line,col-line,col`.
    static func describe(_ r: SourceRange) -> String {
        if r.start.line == r.end.line {
            return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.column)"
        }
        return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.line),\(r.end.column)"
    }

    // MARK: - Recovery

    static func opposite(_ k: TokenKind) -> TokenKind? {
        switch k {
        case .oBrace: return .cBrace
        case .oBrack: return .cBrack
        case .oParen: return .cParen
        case .oQuote: return .cQuote
        case .oHeredoc: return .cHeredoc
        case .cBrace: return .oBrace
        case .cBrack: return .oBrack
        case .cParen: return .oParen
        case .cQuote: return .oQuote
        case .cHeredoc: return .oHeredoc
        case .templateControl, .templateInterp: return .templateSeqEnd
        case .templateSeqEnd: return .templateInterp
        default: return nil
        }
    }

    /// Skips to just after the token of kind `end` that closes the current bracket (counting
    /// nested pairs), or to the end of the input; returns that token.
    @discardableResult
    mutating func recover(_ end: TokenKind) -> Token {
        let start = Parser.opposite(end)
        recovery = true
        var nest = 0
        while true {
            let t = read()
            var kind = t.kind
            if end == .templateSeqEnd && kind == .templateControl { kind = .templateInterp }
            if kind == start {
                nest += 1
            } else if kind == end {
                if nest < 1 { return t }
                nest -= 1
            } else if kind == .eof {
                return t
            }
        }
    }

    /// Skips to the start of the next body item: past the next newline outside brackets.
    mutating func recoverAfterBodyItem() {
        recovery = true
        var open: [TokenKind] = []
        while true {
            let t = read()
            switch t.kind {
            case .newline:
                if open.isEmpty { return }
            case .eof:
                return
            case .oBrace, .oBrack, .oParen, .oQuote, .oHeredoc, .templateInterp, .templateControl:
                open.append(t.kind)
            case .cBrace, .cBrack, .cParen, .cQuote, .cHeredoc:
                let opener = Parser.opposite(t.kind)
                while let last = open.last, last != opener { open.removeLast() }
                if !open.isEmpty { open.removeLast() }
            case .templateSeqEnd:
                while let last = open.last, last != .templateInterp, last != .templateControl { open.removeLast() }
                if !open.isEmpty { open.removeLast() }
            default:
                break
            }
        }
    }
}

extension Parser {
    /// A token's range in this file.
    func rng(_ t: Token) -> SourceRange { SourceRange(filename: filename, start: t.start, end: t.end) }
}
