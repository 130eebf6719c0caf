import TerraceBasics

/// Recursive-descent parser for the HCL native syntax (hashicorp/hcl `hclsyntax`). It recovers
/// after an error by skipping to the end of the offending line or block, so one run reports
/// every independent problem, and returns a partial tree with `.invalid` placeholders.
public struct Parser {
    var toks: [Token]
    var p = 0
    let src: [UInt8]
    let filename: String
    var diagnostics = Diagnostics()
    /// Whether newlines are significant at the current nesting (they are in bodies and object
    /// constructors, not inside parentheses, brackets, interpolations or `for` expressions).
    var newlines: [Bool] = [true]
    /// Set once an expression has reported an error, so a statement reports it only once.
    var exprFailed = false
    var depth = 0
    static let maxDepth = 200

    public init(tokens: [Token], src: [UInt8], filename: String) {
        toks = tokens.filter { $0.kind != .comment }
        self.src = src
        self.filename = filename
    }

    /// Parses a whole file. Diagnostics include the scanner's.
    public static func parse(_ src: [UInt8], filename: String, sources: SourceFiles? = .shared) -> (File, Diagnostics) {
        sources?.register(filename, bytes: src)
        let (tokens, scanDiags) = Lexer.scan(src, filename: filename)
        var parser = Parser(tokens: tokens, src: src, filename: filename)
        parser.diagnostics = scanDiags
        let body = parser.parseBody(closing: .eof, start: parser.toks.first!.range.start)
        if parser.peekRaw().kind == .cBrace {
            parser.error("Argument or block definition required",
                         "An argument or block definition is required here.", at: parser.peekRaw().range)
        }
        sources?.registerContexts(filename, body.blocks.map {
            SourceFiles.BlockContext(header: $0.header, body: $0.range)
        })
        return (File(filename: filename, body: body), parser.diagnostics)
    }

    public static func parse(_ text: String, filename: String, sources: SourceFiles? = .shared) -> (File, Diagnostics) {
        parse(Array(text.utf8), filename: filename, sources: sources)
    }

    /// Parses a standalone expression (for `console`, `-var` values and traversals in flags).
    public static func parseExpression(_ text: String, filename: String, sources: SourceFiles? = .shared) -> (Expr, Diagnostics) {
        let src = Array(text.utf8)
        sources?.register(filename, bytes: src)
        let (tokens, scanDiags) = Lexer.scan(src, filename: filename)
        var parser = Parser(tokens: tokens, src: src, filename: filename)
        parser.diagnostics = scanDiags
        parser.newlines = [false]
        let e = parser.parseExpression()
        if !parser.exprFailed, parser.peek().kind != .eof {
            parser.error("Extra characters after expression",
                         "An expression was successfully parsed, but extra characters were found after it.",
                         at: parser.peek().range)
        }
        return (e, parser.diagnostics)
    }

    // MARK: - Token access

    func text(_ t: Token) -> String { String(decoding: src[t.bytes], as: UTF8.self) }

    func peekRaw() -> Token { toks[min(p, toks.count - 1)] }

    mutating func peek() -> Token {
        if newlines.last == false {
            while p < toks.count - 1, toks[p].kind == .newline { p += 1 }
        }
        return toks[min(p, toks.count - 1)]
    }

    /// The token after the next one, with the same newline rule.
    mutating func peek2() -> Token {
        _ = peek()
        var q = p + 1
        if newlines.last == false {
            while q < toks.count - 1, toks[q].kind == .newline { q += 1 }
        }
        return toks[min(q, toks.count - 1)]
    }

    @discardableResult
    mutating func next() -> Token {
        let t = peek()
        if p < toks.count - 1 { p += 1 }
        return t
    }

    mutating func error(_ summary: String, _ detail: String, at range: SourceRange) {
        diagnostics.append(.error(summary, detail, at: range))
    }

    /// Reports an expression error once per statement.
    mutating func exprError(_ summary: String, _ detail: String, at range: SourceRange) {
        if exprFailed { return }
        exprFailed = true
        error(summary, detail, at: range)
    }

    /// Skips to the end of the current line, respecting bracket nesting; stops before a closing
    /// brace that would end the enclosing block.
    mutating func recoverToLineEnd() {
        var nest = 0
        while p < toks.count - 1 {
            let t = toks[p]
            switch t.kind {
            case .oBrace, .oBrack, .oParen, .templateInterp, .templateControl, .oQuote, .oHeredoc: nest += 1
            case .cBrack, .cParen, .templateSeqEnd, .cQuote, .cHeredoc: nest = max(0, nest - 1)
            case .cBrace:
                if nest == 0 { return }
                nest -= 1
            case .newline where nest == 0:
                p += 1
                return
            default: break
            }
            p += 1
        }
    }

    /// Skips to just after the brace closing the block whose body we are in.
    mutating func recoverToBlockEnd() {
        var nest = 0
        while p < toks.count - 1 {
            let t = toks[p]
            p += 1
            switch t.kind {
            case .oBrace: nest += 1
            case .cBrace:
                if nest == 0 { return }
                nest -= 1
            default: break
            }
        }
    }

    func range(_ a: SourceRange, _ b: SourceRange) -> SourceRange { a.union(b) }

    // MARK: - Bodies

    mutating func parseBody(closing: TokenKind, start: SourcePos) -> Body {
        var attributes: [Attribute] = []
        var blocks: [Block] = []
        var seen: [String: SourceRange] = [:]
        while true {
            let t = peekRaw()
            if t.kind == .newline { p += 1; continue }
            if t.kind == closing || t.kind == .eof { break }
            if closing == .eof && t.kind == .cBrace { break }
            guard t.kind == .ident else {
                error("Argument or block definition required",
                      "An argument or block definition is required here.", at: t.range)
                if t.kind == .cBrace { p += 1 } else { recoverToLineEnd() }
                continue
            }
            exprFailed = false
            if let item = parseBodyItem(oneLine: false) {
                switch item {
                case .attribute(let a):
                    if let prev = seen[a.name] {
                        error("Attribute redefined",
                              "The argument \"\(a.name)\" was already set at \(prev.filename):\(prev.start.line),\(prev.start.column)-\(prev.end.column). Each argument may be set only once.",
                              at: a.nameRange)
                    } else {
                        seen[a.name] = a.nameRange
                    }
                    attributes.append(a)
                case .block(let b):
                    blocks.append(b)
                }
            }
        }
        let end = peekRaw().range.start
        return Body(attributes: attributes, blocks: blocks,
                    range: SourceRange(filename: filename, start: start, end: closing == .eof ? peekRaw().range.end : end))
    }

    enum BodyItem {
        case attribute(Attribute)
        case block(Block)
    }

    mutating func parseBodyItem(oneLine: Bool) -> BodyItem? {
        let nameTok = next()
        let name = text(nameTok)
        let after = peekRaw()
        if after.kind == .equal {
            p += 1
            let expr = parseExpression()
            let attr = Attribute(name: name, nameRange: nameTok.range, expr: expr, range: nameTok.range.union(expr.range))
            if exprFailed {
                recoverToLineEnd()
                return .attribute(attr)
            }
            let end = peekRaw()
            switch end.kind {
            case .newline: p += 1
            case .eof: break
            case .cBrace where oneLine: break
            default:
                error("Missing newline after argument",
                      "An argument definition must end with a newline.", at: end.range)
                recoverToLineEnd()
            }
            return .attribute(attr)
        }
        // A block: labels, then a brace.
        var labels: [String] = []
        var labelRanges: [SourceRange] = []
        while true {
            let t = peekRaw()
            if t.kind == .oBrace { break }
            if t.kind == .ident {
                p += 1
                labels.append(text(t))
                labelRanges.append(t.range)
                continue
            }
            if t.kind == .oQuote {
                let e = parseQuoted()
                if let s = e.asStaticString {
                    labels.append(s)
                    labelRanges.append(e.range)
                    continue
                }
                error("Invalid block label", "Template sequences are not allowed in block labels.", at: e.range)
                recoverToLineEnd()
                return nil
            }
            if labels.isEmpty {
                error("Argument or block definition required",
                      "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.",
                      at: t.range)
            } else {
                error("Invalid block definition",
                      "Either a quoted string block label or an opening brace (\"{\") is expected here.", at: t.range)
            }
            recoverToLineEnd()
            return nil
        }
        let open = next()
        let bodyStart = open.range.start
        var body: Body
        let first = peekRaw()
        if first.kind == .newline {
            body = parseBody(closing: .cBrace, start: bodyStart)
        } else if first.kind == .cBrace {
            body = Body(range: SourceRange(filename: filename, start: bodyStart, end: first.range.end))
        } else if first.kind == .ident, !oneLine {
            // A single-line block holds at most one argument.
            exprFailed = false
            let item = parseBodyItem(oneLine: true)
            var attrs: [Attribute] = []
            var blocks: [Block] = []
            switch item {
            case .attribute(let a)?: attrs = [a]
            case .block(let b)?:
                error("Invalid single-argument block definition",
                      "A single-line block definition can contain only a single argument. A nested block definition is not allowed.",
                      at: b.typeRange)
                blocks = [b]
            case nil: break
            }
            if peekRaw().kind != .cBrace {
                if !exprFailed {
                    error("Invalid single-argument block definition",
                          "A single-line block definition can contain only a single argument. If you meant to define argument, use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.",
                          at: peekRaw().range)
                }
                recoverToBlockEnd()
                p -= 1
            }
            body = Body(attributes: attrs, blocks: blocks,
                        range: SourceRange(filename: filename, start: bodyStart, end: peekRaw().range.end))
        } else {
            error("Invalid single-argument block definition",
                  "A single-line block definition must end with a closing brace immediately after its single argument definition.",
                  at: first.range)
            recoverToBlockEnd()
            p -= 1
            body = Body(range: SourceRange(filename: filename, start: bodyStart, end: peekRaw().range.end))
        }
        let close = peekRaw()
        var blockEnd = close.range
        if close.kind == .cBrace {
            p += 1
            body.range.end = close.range.end
            let after = peekRaw()
            switch after.kind {
            case .newline: p += 1
            case .eof: break
            case .cBrace where oneLine: break
            default:
                if !oneLine {
                    error("Missing newline after block definition",
                          "A block definition must end with a newline.", at: after.range)
                    recoverToLineEnd()
                }
            }
        } else {
            error("Unclosed configuration block",
                  "There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
                  at: open.range)
            blockEnd = close.range
        }
        let block = Block(type: name, labels: labels, typeRange: nameTok.range, labelRanges: labelRanges,
                          body: body, range: nameTok.range.union(blockEnd))
        return .block(block)
    }
}
