import TerraceBasics

extension Parser {
    /// A flat template item, before `if` and `for` directives are nested (hclsyntax's
    /// "template tokens").
    enum TemplateItem {
        case literal(String, SourceRange)
        case interp(Expr, SourceRange)
        case ifOpen(Expr, SourceRange)
        case forOpen(key: String?, value: String, Expr, SourceRange)
        case endCtrl(String, SourceRange)
        case end(SourceRange)
    }

    /// A bare template: the whole input up to the end of the file.
    mutating func parseTemplate(end: TokenKind, flushHeredoc: Bool) -> Expr {
        let (parts, passthru, rng) = parseTemplateInner(end: end, flushHeredoc: flushHeredoc)
        if passthru, parts.count == 1, case .interpolation(let inner) = parts[0] {
            return node(.templateWrap(inner), rng)
        }
        return node(.template(parts), rng)
    }

    /// Parses template items up to the `end` token, applies the flush-heredoc rule and nests
    /// the directives. `passthru` is set for a template of exactly one interpolation.
    mutating func parseTemplateInner(end: TokenKind, flushHeredoc: Bool) -> ([TemplatePart], Bool, SourceRange) {
        var (items, rng) = parseTemplateParts(end: end)
        if flushHeredoc { Parser.flushHeredoc(&items) }
        var pos = 0
        var parts: [TemplatePart] = []
        while true {
            if case .end = items[pos] { break }
            parts.append(parseTemplateExpr(items, &pos))
        }
        var passthru = false
        if items.count == 2, case .interp = items[0] { passthru = true }
        return (parts, passthru, rng)
    }

    mutating func parseTemplateParts(end: TokenKind) -> ([TemplateItem], SourceRange) {
        var parts: [TemplateItem] = []
        let startRange = rng(peek())
        var ltrimNext = false
        var nextCanTrimPrev = false
        var endRange: SourceRange

        func trimPrevious(_ opener: Token, _ canTrim: Bool) {
            guard canTrim, opener.bytes.count == 3, src[local(opener).lowerBound + 2] == UInt8(ascii: "~"),
                  case .literal(let s, let r)? = parts.last else { return }
            parts[parts.count - 1] = .literal(Parser.trimmingSpace(s, leading: false), r)
        }

        loop: while true {
            let next = read()
            if next.kind == end {
                endRange = rng(next)
                break
            }
            let ltrim = ltrimNext
            ltrimNext = false
            let canTrimPrev = nextCanTrimPrev
            nextCanTrimPrev = false

            switch next.kind {
            case .stringLit, .quotedLit:
                var str = parseStringLiteralToken(next)
                if ltrim { str = Parser.trimmingSpace(str, leading: true) }
                parts.append(.literal(str, rng(next)))
                nextCanTrimPrev = true

            case .templateInterp:
                trimPrevious(next, canTrimPrev)
                pushNewlines(false)
                let expr = parseExpression()
                let close = peek()
                if close.kind != .templateSeqEnd {
                    if !recovery {
                        if close.kind == .colon {
                            error("Extra characters after interpolation expression",
                                  "Template interpolation doesn't expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with \"$${\" instead of just \"${\".",
                                  subject: rng(close), context: between(startRange, rng(close)))
                        } else {
                            error("Extra characters after interpolation expression",
                                  "Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with \"$${\" instead of just \"${\".",
                                  subject: rng(close), context: between(startRange, rng(close)))
                        }
                    }
                    recover(.templateSeqEnd)
                } else {
                    read()
                    if close.bytes.count == 2 && src[local(close).lowerBound] == UInt8(ascii: "~") { ltrimNext = true }
                }
                popNewlines()
                parts.append(.interp(expr, between(rng(next), rng(close))))

            case .templateControl:
                trimPrevious(next, canTrimPrev)
                pushNewlines(false)
                let kw = peek()
                guard kw.kind == .ident else {
                    if !recovery {
                        error("Invalid template directive",
                              "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.",
                              subject: rng(kw), context: between(rng(next), rng(kw)))
                    }
                    recover(.templateSeqEnd)
                    popNewlines()
                    continue loop
                }
                read()
                let keyword = text(kw)
                switch keyword {
                case "if":
                    let cond = parseExpression()
                    parts.append(.ifOpen(cond, between(rng(next), rng(peek()))))
                case "else", "endif", "endfor":
                    parts.append(.endCtrl(keyword, between(rng(next), rng(peek()))))
                case "for":
                    guard peek().kind == .ident else {
                        if !recovery {
                            error("Invalid 'for' directive", "For directive requires variable name after 'for'.", subject: rng(peek()))
                        }
                        recover(.templateSeqEnd)
                        popNewlines()
                        continue loop
                    }
                    var valName = text(read())
                    var keyName: String?
                    if peek().kind == .comma {
                        keyName = valName
                        read()
                        guard peek().kind == .ident else {
                            if !recovery {
                                error("Invalid 'for' directive", "For directive requires value variable name after comma.", subject: rng(peek()))
                            }
                            recover(.templateSeqEnd)
                            popNewlines()
                            continue loop
                        }
                        valName = text(read())
                    }
                    guard tokenIs(peek(), "in") else {
                        if !recovery {
                            error("Invalid 'for' directive", "For directive requires 'in' keyword after names.", subject: rng(peek()))
                        }
                        recover(.templateSeqEnd)
                        popNewlines()
                        continue loop
                    }
                    read()
                    let coll = parseExpression()
                    parts.append(.forOpen(key: keyName, value: valName, coll, between(rng(next), rng(peek()))))
                default:
                    if !recovery {
                        var suggestion = ""
                        for s in ["if", "for", "else", "endif", "endfor"] where Suggestions.levenshtein(keyword, s) < 3 {
                            suggestion = " Did you mean \"\(s)\"?"
                            break
                        }
                        error("Invalid template control keyword",
                              "\(Parser.goQuote(keyword)) is not a valid template control keyword.\(suggestion)",
                              subject: rng(kw), context: between(rng(next), rng(kw)))
                    }
                    recover(.templateSeqEnd)
                    popNewlines()
                    continue loop
                }
                let close = peek()
                if close.kind != .templateSeqEnd {
                    if !recovery {
                        error("Extra characters in \(keyword) marker",
                              "Expected a closing brace to end the sequence, but found extra characters.",
                              subject: rng(close), context: between(startRange, rng(close)))
                    }
                    recover(.templateSeqEnd)
                } else {
                    read()
                    if close.bytes.count == 2 && src[local(close).lowerBound] == UInt8(ascii: "~") { ltrimNext = true }
                }
                popNewlines()

            default:
                if !recovery {
                    error("Unterminated template string", "No closing marker was found for the string.",
                          subject: rng(next), context: between(startRange, rng(next)))
                }
                let final = recover(end)
                endRange = rng(final)
                break loop
            }
        }
        if parts.isEmpty {
            // `""` is a template of one empty literal.
            parts.append(.literal("", SourceRange(filename: filename, start: startRange.end, end: startRange.end)))
        }
        parts.append(.end(endRange))
        return (parts, between(startRange, endRange))
    }

    /// hclsyntax's `TrimLeftFunc`/`TrimRightFunc` with `unicode.IsSpace`.
    static func trimmingSpace(_ s: String, leading: Bool) -> String {
        var scalars = Substring(s).unicodeScalars
        if leading {
            while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        } else {
            while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        }
        return String(scalars)
    }

    /// The `<<-` rule: find the smallest indentation among the lines (blank lines aside; a line
    /// starting with an interpolation counts as unindented) and remove that many characters from
    /// the start of every line.
    static func flushHeredoc(_ items: inout [TemplateItem]) {
        var minSpaces = Int.max
        var newline = true
        var adjust: [Int] = []
        for (idx, item) in items.enumerated() {
            if newline {
                newline = false
                var spaces = 0
                if case .literal(let val, _) = item {
                    let trimmed = trimmingSpace(val, leading: true)
                    if trimmed.isEmpty && val.hasSuffix("\n") {
                        spaces = Int.max
                    } else {
                        let prefix = val.utf8.prefix(val.utf8.count - trimmed.utf8.count)
                        spaces = String(decoding: prefix, as: UTF8.self).count
                        adjust.append(idx)
                    }
                } else if case .end = item {
                    break
                }
                minSpaces = min(minSpaces, spaces)
            }
            if case .literal(let val, _) = item, val.hasSuffix("\n") { newline = true }
        }
        guard minSpaces != Int.max else { return }
        for idx in adjust {
            guard case .literal(let val, var r) = items[idx] else { continue }
            let kept = String(val.dropFirst(minSpaces))
            r.start.column += minSpaces
            r.start.byte += val.utf8.count - kept.utf8.count
            items[idx] = .literal(kept, r)
        }
    }

    /// One template part from the flat items, nesting `if` and `for` directives.
    mutating func parseTemplateExpr(_ items: [TemplateItem], _ pos: inout Int) -> TemplatePart {
        let item = items[pos]
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            // Skip the rest of the template rather than nest further.
            let r: SourceRange
            switch item {
            case .literal(_, let x), .interp(_, let x), .ifOpen(_, let x), .forOpen(_, _, _, let x), .endCtrl(_, let x), .end(let x): r = x
            }
            tooDeep(r)
            pos = items.count - 1  // the final item is always the end

            return .interpolation(invalid(r))
        }
        switch item {
        case .literal(let s, let r):
            pos += 1
            return .literal(s, r)
        case .interp(let e, _):
            pos += 1
            return .interpolation(e)
        case .ifOpen(let cond, let openRange):
            pos += 1
            var thenParts: [TemplatePart] = []
            var elseParts: [TemplatePart]?
            var inElse = false
            while true {
                switch items[pos] {
                case .end(let r):
                    error("Unexpected end of template",
                          "The if directive at \(Parser.describe(openRange)) is missing its corresponding endif directive.",
                          subject: r)
                    return .interpolation(invalid(r))
                case .endCtrl(let name, let r):
                    pos += 1
                    if name == "else" && !inElse {
                        inElse = true
                        elseParts = []
                        continue
                    }
                    if name == "endif" {
                        return .ifDirective(condition: cond, then: thenParts, else: elseParts, range: between(openRange, r))
                    }
                    if name == "else" {
                        error("Unexpected else directive",
                              "Already in the else clause for the if started at \(Parser.describe(openRange)).", subject: r)
                    } else {
                        error("Unexpected \(name) directive",
                              "Expecting an endif directive for the if started at \(Parser.describe(openRange)).", subject: r)
                    }
                    return .interpolation(invalid(r))
                default:
                    let part = parseTemplateExpr(items, &pos)
                    if inElse { elseParts?.append(part) } else { thenParts.append(part) }
                }
            }
        case .forOpen(let key, let value, let coll, let openRange):
            pos += 1
            var body: [TemplatePart] = []
            while true {
                switch items[pos] {
                case .end(let r):
                    error("Unexpected end of template",
                          "The for directive at \(Parser.describe(openRange)) is missing its corresponding endfor directive.",
                          subject: r)
                    return .interpolation(invalid(r))
                case .endCtrl(let name, let r):
                    pos += 1
                    if name == "endfor" {
                        return .forDirective(key: key, value: value, collection: coll, body: body, range: between(openRange, r))
                    }
                    if name == "else" {
                        error("Unexpected else directive", "An else clause is not expected for a for directive.", subject: r)
                    } else {
                        error("Unexpected \(name) directive",
                              "Expecting an endfor directive corresponding to the for directive at \(Parser.describe(openRange)).",
                              subject: r)
                    }
                    return .interpolation(invalid(r))
                default:
                    body.append(parseTemplateExpr(items, &pos))
                }
            }
        case .endCtrl(let name, let r):
            pos += 1
            error("Unexpected \(name) directive", "The control directives within this template are unbalanced.", subject: r)
            return .interpolation(invalid(r))
        case .end(let r):
            error("Unexpected end of template", "The control directives within this template are unbalanced.", subject: r)
            return .interpolation(invalid(r))
        }
    }
}
