import TerraceBasics

extension Parser {
    enum BodyItem {
        case attribute(Attribute)
        case block(Block)
    }

    /// Parses body items up to the token of kind `end`, which it consumes.
    mutating func parseBody(end: TokenKind) -> Body {
        var attributes: [Attribute] = []
        var blocks: [Block] = []
        // Names seen so far: searched linearly while the body is small (hashing costs more),
        // by a dictionary once it is large.
        var seen: [(String, SourceRange)] = []
        var seenIndex: [String: SourceRange] = [:]
        let startRange = prevRange
        var endRange: SourceRange
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            tooDeep(rng(peek()))
            let t = recover(end)
            return Body(range: between(startRange, rng(t)))
        }
        loop: while true {
            let next = peek()
            if next.kind == end {
                endRange = rng(next)
                read()
                break
            }
            switch next.kind {
            case .newline:
                read()
            case .ident:
                switch parseBodyItem() {
                case .attribute(let a)?:
                    let existing = seen.count < 16 ? seen.first(where: { $0.0 == a.name })?.1 : seenIndex[a.name]
                    if let existing {
                        error("Attribute redefined",
                              "The argument \"\(a.name)\" was already set at \(Parser.describe(existing)). Each argument may be set only once.",
                              subject: a.nameRange)
                    } else if seen.count < 16 {
                        seen.append((a.name, a.nameRange))
                        if seen.count == 16 { for (n, r) in seen { seenIndex[n] = r } }
                    } else {
                        seenIndex[a.name] = a.nameRange
                    }
                    attributes.append(a)
                case .block(let b)?:
                    blocks.append(b)
                case nil:
                    break
                }
            default:
                let bad = read()
                if !recovery {
                    if bad.kind == .oQuote {
                        error("Invalid argument name", "Argument names must not be quoted.", subject: rng(bad))
                    } else {
                        error("Argument or block definition required",
                              "An argument or block definition is required here.", subject: rng(bad))
                    }
                }
                endRange = prevRange
                recover(end)
                break loop
            }
        }
        return Body(attributes: attributes, blocks: blocks, range: between(startRange, endRange))
    }

    mutating func tooDeep(_ at: SourceRange) {
        if !recovery {
            error("Nesting too deep",
                  "This construct is nested more than \(Parser.maxDepth) levels deep, which Terrace does not support.",
                  subject: at)
        }
        recovery = true
    }

    mutating func parseBodyItem() -> BodyItem? {
        let ident = read()
        let next = peek()
        switch next.kind {
        case .equal:
            return .attribute(finishAttribute(ident, singleLine: false))
        case .oQuote, .oBrace, .ident:
            return .block(finishBlock(ident))
        default:
            recoverAfterBodyItem()
            error("Argument or block definition required",
                  "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.",
                  subject: rng(ident))
            return nil
        }
    }

    /// The body of a one-line block `foo { bar = baz }`: exactly one attribute.
    mutating func parseSingleAttrBody() -> Body? {
        let ident = read()
        guard ident.kind == .ident else {
            recoverAfterBodyItem()
            error("Argument or block definition required", "An argument or block definition is required here.", subject: rng(ident))
            return nil
        }
        let next = peek()
        switch next.kind {
        case .equal:
            let attr = finishAttribute(ident, singleLine: true)
            return Body(attributes: [attr], range: attr.range)
        case .oQuote, .oBrace, .ident:
            recoverAfterBodyItem()
            error("Argument definition required",
                  "A single-line block definition can contain only a single argument. If you meant to define argument \"\(text(ident))\", use an equals sign to assign it a value. To define a nested block, place it on a line of its own within its parent block.",
                  subject: between(rng(ident), rng(next)))
            return nil
        default:
            recoverAfterBodyItem()
            error("Argument or block definition required",
                  "An argument or block definition is required here. To set an argument, use the equals sign \"=\" to introduce the argument value.",
                  subject: rng(ident))
            return nil
        }
    }

    mutating func finishAttribute(_ ident: Token, singleLine: Bool) -> Attribute {
        let eq = read()
        let m = mark
        let expr = parseExpression()
        var endRange: SourceRange
        if recovery && failed(since: m) {
            endRange = prevRange
            recoverAfterBodyItem()
        } else {
            endRange = prevRange
            if !singleLine {
                let end = peek()
                if end.kind != .newline && end.kind != .eof {
                    if !recovery {
                        var summary = "Missing newline after argument"
                        var detail = "An argument definition must end with a newline."
                        if end.kind == .comma {
                            summary = "Unexpected comma after argument"
                            detail = "Argument definitions must be separated by newlines, not commas. " + detail
                        }
                        error(summary, detail, subject: rng(end), context: between(rng(ident), rng(end)))
                    }
                    endRange = prevRange
                    recoverAfterBodyItem()
                } else {
                    endRange = prevRange
                    read()
                }
            }
        }
        return Attribute(name: text(ident), nameRange: rng(ident), expr: expr,
                         range: between(rng(ident), endRange), equalsRange: rng(eq))
    }

    mutating func finishBlock(_ ident: Token) -> Block {
        let blockType = text(ident)
        var labels: [String] = []
        var labelRanges: [SourceRange] = []
        var oBrace: Token
        header: while true {
            let tok = peek()
            switch tok.kind {
            case .oBrace:
                oBrace = read()
                break header
            case .oQuote:
                let (label, range) = parseQuotedStringLiteral()
                labels.append(label)
                labelRanges.append(range)
            case .ident:
                read()
                labels.append(text(tok))
                labelRanges.append(rng(tok))
            default:
                switch tok.kind {
                case .equal:
                    error("Invalid block definition",
                          "The equals sign \"=\" indicates an argument definition, and must not be used when defining a block.",
                          subject: rng(tok), context: between(rng(ident), rng(tok)))
                case .newline:
                    error("Invalid block definition",
                          "A block definition must have block content delimited by \"{\" and \"}\", starting on the same line as the block header.",
                          subject: rng(tok), context: between(rng(ident), rng(tok)))
                default:
                    if !recovery {
                        error("Invalid block definition",
                              "Either a quoted string block label or an opening brace (\"{\") is expected here.",
                              subject: rng(tok), context: between(rng(ident), rng(tok)))
                    }
                }
                recoverAfterBodyItem()
                return Block(type: blockType, labels: labels, typeRange: rng(ident), labelRanges: labelRanges,
                             body: Body(range: rng(ident)), range: rng(ident),
                             openBraceRange: rng(ident), closeBraceRange: rng(ident))
            }
        }

        var body: Body?
        switch peek().kind {
        case .newline, .eof, .cBrace:
            body = parseBody(end: .cBrace)
        default:
            // A one-line block; its own diagnostics come before the body's, as in hclsyntax.
            let bodyMark = mark
            body = parseSingleAttrBody()
            let bodyDiags = Array(diagnostics.items[bodyMark...])
            diagnostics = Diagnostics(Array(diagnostics.items[..<bodyMark]))
            let next = peek()
            switch next.kind {
            case .cBrace:
                read()
            case .comma:
                error("Invalid single-argument block definition",
                      "Single-line block syntax can include only one argument definition. To define multiple arguments, use the multi-line block syntax with one argument definition per line.",
                      subject: rng(next))
                recover(.cBrace)
            case .newline:
                error("Invalid single-argument block definition",
                      "An argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line. Place the block's closing brace immediately after the argument definition.",
                      subject: rng(next))
                recover(.cBrace)
            default:
                if !recovery {
                    error("Invalid single-argument block definition",
                          "A single-line block definition must end with a closing brace immediately after its single argument definition.",
                          subject: rng(next))
                }
                recover(.cBrace)
            }
            diagnostics.append(contentsOf: bodyDiags)
        }
        let cBraceRange = prevRange

        let eol = peek()
        if eol.kind == .newline || eol.kind == .eof {
            read()
        } else {
            if !recovery {
                error("Missing newline after block definition", "A block definition must end with a newline.",
                      subject: rng(eol), context: between(rng(ident), rng(eol)))
            }
            recoverAfterBodyItem()
        }

        return Block(type: blockType, labels: labels, typeRange: rng(ident), labelRanges: labelRanges,
                     body: body ?? Body(range: between(rng(oBrace), cBraceRange)),
                     range: between(rng(ident), cBraceRange),
                     openBraceRange: rng(oBrace), closeBraceRange: cBraceRange)
    }

    /// A quoted string that may not contain template sequences (block labels).
    mutating func parseQuotedStringLiteral() -> (String, SourceRange) {
        let oQuote = read()
        var result = ""
        var endRange: SourceRange
        loop: while true {
            let tok = read()
            switch tok.kind {
            case .cQuote:
                endRange = rng(tok)
                break loop
            case .quotedLit:
                result += parseStringLiteralToken(tok)
            case .templateControl, .templateInterp:
                let which = tok.kind == .templateControl ? "%" : "$"
                error("Invalid string literal",
                      "Template sequences are not allowed in this string. To include a literal \"\(which)\", double it (as \"\(which)\(which)\") to escape it.",
                      subject: rng(tok), context: between(rng(oQuote), rng(tok)))
                result += which + "{ ... }"
                recover(.templateSeqEnd)
            case .eof:
                error("Unterminated string literal", "Unable to find the closing quote mark before the end of the file.",
                      subject: rng(tok), context: between(rng(oQuote), rng(tok)))
                endRange = rng(tok)
                break loop
            default:
                error("Invalid string literal", "This item is not valid in a string literal.",
                      subject: rng(tok), context: between(rng(oQuote), rng(tok)))
                recover(.cQuote)
                endRange = rng(tok)
                break loop
            }
        }
        return (result, between(rng(oQuote), endRange))
    }
}
