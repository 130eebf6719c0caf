import TerraceBasics

extension Parser {
    func invalid(_ r: SourceRange) -> Expr { Expr(.invalid, r) }

    /// A tree node, or only its range when the caller needs no tree (the formatter checks the
    /// syntax and needs just the ranges of attributes and blocks).
    @inline(__always)
    func node(_ kind: @autoclosure () -> Expr.Kind, _ range: SourceRange) -> Expr {
        buildTree ? Expr(kind(), range) : Expr(.invalid, range)
    }

    mutating func parseExpression() -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            let r = rng(peek())
            tooDeep(r)
            return invalid(r)
        }
        return parseTernaryConditional()
    }

    mutating func parseTernaryConditional() -> Expr {
        let startRange = rng(peek())
        var m = mark
        let cond = parseBinaryOps(0)
        if recovery && failed(since: m) { return cond }
        let question = peek()
        guard question.kind == .question else { return cond }
        read()
        m = mark
        let t = parseExpression()
        if recovery && failed(since: m) { return cond }
        let colon = peek()
        guard colon.kind == .colon else {
            error("Missing false expression in conditional",
                  "The conditional operator (...?...:...) requires a false expression, delimited by a colon.",
                  subject: rng(colon), context: between(startRange, rng(colon)))
            return cond
        }
        read()
        m = mark
        let f = parseExpression()
        if recovery && failed(since: m) { return cond }
        return node(.conditional(condition: cond, then: t, else: f), between(startRange, f.range))
    }

    /// The binary operator a token stands for, and its level in `binaryLevels`.
    static func binaryOperator(_ k: TokenKind) -> (level: Int, op: BinaryOp)? {
        switch k {
        case .or: return (0, .or)
        case .and: return (1, .and)
        case .equalOp: return (2, .equal)
        case .notEqual: return (2, .notEqual)
        case .greaterThan: return (3, .greater)
        case .greaterThanEq: return (3, .greaterEqual)
        case .lessThan: return (3, .less)
        case .lessThanEq: return (3, .lessEqual)
        case .plus: return (4, .add)
        case .minus: return (4, .subtract)
        case .star: return (5, .multiply)
        case .slash: return (5, .divide)
        case .percent: return (5, .modulo)
        default: return nil
        }
    }

    /// Binary operations with operators of `level` or tighter. hclsyntax recurses once per
    /// precedence level; precedence climbing builds the same left-associative tree, consumes the
    /// same tokens and stops at the same errors, without six calls per operand.
    mutating func parseBinaryOps(_ level: Int) -> Expr {
        let m = mark
        let lhs = parseExpressionWithTraversals()
        if recovery && failed(since: m) { return lhs }
        return climb(lhs, minLevel: level)
    }

    mutating func climb(_ first: Expr, minLevel: Int) -> Expr {
        var lhs = first
        while let (level, op) = Parser.binaryOperator(peek().kind), level >= minLevel {
            read()
            var m = mark
            var rhs = parseExpressionWithTraversals()
            if recovery && failed(since: m) { return lhs }
            while let (next, _) = Parser.binaryOperator(peek().kind), next > level {
                m = mark
                rhs = climb(rhs, minLevel: next)
                if recovery && failed(since: m) { return lhs }
            }
            lhs = node(.binary(op, lhs, rhs), between(lhs.range, rhs.range))
        }
        return lhs
    }

    mutating func parseExpressionWithTraversals() -> Expr {
        let term = parseExpressionTerm()
        return parseExpressionTraversals(term)
    }

    // MARK: - Terms

    mutating func parseExpressionTerm() -> Expr {
        let start = peek()
        switch start.kind {
        case .oParen:
            let oParen = read()
            pushNewlines(false)
            let m = mark
            let expr = parseExpression()
            if failed(since: m) {
                recover(.cParen)
                popNewlines()
                return expr
            }
            let close = peek()
            if close.kind != .cParen {
                error("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.",
                      subject: rng(close), context: between(rng(start), rng(close)))
                recovery = true
            }
            let cParen = read()
            popNewlines()
            return node(.parens(expr), between(rng(oParen), rng(cParen)))

        case .numberLit:
            let tok = read()
            return numberLiteral(tok)

        case .ident:
            let tok = read()
            let after = peek()
            if after.kind == .oParen || after.kind == .doubleColon {
                return finishFunctionCall(tok)
            }
            switch text(tok) {
            case "true": return node(.literal(.bool(true)), rng(tok))
            case "false": return node(.literal(.bool(false)), rng(tok))
            case "null": return node(.literal(.null), rng(tok))
            case let name: return node(.traversal(Traversal(root: name, rootRange: rng(tok))), rng(tok))
            }

        case .oQuote, .oHeredoc:
            let open = read()
            let closer: TokenKind = open.kind == .oQuote ? .cQuote : .cHeredoc
            let flush = open.kind == .oHeredoc && src[local(open).lowerBound + 2] == UInt8(ascii: "-")
            let (parts, passthru, _) = parseTemplateInner(end: closer, flushHeredoc: flush)
            let r = between(rng(open), prevRange)
            if passthru, parts.count == 1, case .interpolation(let inner) = parts[0] {
                return node(.templateWrap(inner), r)
            }
            return node(.template(parts), r)

        case .minus, .bang:
            let tok = read()
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth {
                tooDeep(rng(tok))
                return invalid(rng(tok))
            }
            // Only the term and its traversals: -46+5 is (-46)+5.
            let operand = parseExpressionWithTraversals()
            return node(.unary(tok.kind == .minus ? .negate : .not, operand), between(rng(tok), operand.range))

        case .oBrack:
            return parseTupleCons()

        case .oBrace:
            return parseObjectCons()

        default:
            if !recovery {
                error("Invalid expression", "Expected the start of an expression, but found an invalid expression token.",
                      subject: rng(start))
            }
            recovery = true
            return invalid(rng(start))
        }
    }

    mutating func numberLiteral(_ tok: Token) -> Expr {
        let s = text(tok)
        guard Parser.isValidNumber(s) else {
            error("Invalid number literal", "Failed to recognize the value of this number literal.", subject: rng(tok))
            return invalid(rng(tok))
        }
        return node(.literal(.number(s)), rng(tok))
    }

    /// Whether a number token is a decimal number: digits, an optional fraction, an optional
    /// exponent (what Go's `big.Float` parser accepts of the scanner's number tokens).
    static func isValidNumber(_ s: String) -> Bool {
        var it = s.utf8.makeIterator()
        var c = it.next()
        func digits() -> Int {
            var n = 0
            while let b = c, b >= 0x30, b <= 0x39 { n += 1; c = it.next() }
            return n
        }
        guard digits() > 0 else { return false }
        if c == UInt8(ascii: ".") { c = it.next(); _ = digits() }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = it.next()
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = it.next() }
            guard digits() > 0 else { return false }
        }
        return c == nil
    }

    /// Skips to an opening token of `start`'s kind, then past its closing partner.
    mutating func recoverOver(_ start: TokenKind) {
        while true {
            let t = read()
            if t.kind == start || t.kind == .eof { break }
        }
        if let end = Parser.opposite(start) { recover(end) }
    }

    mutating func finishFunctionCall(_ name: Token) -> Expr {
        var openTok = read()
        var fullName = text(name)
        var nameEnd = rng(name).end
        // `provider::NAME::FUNCTION(…)`: namespaced names are kept whole, as HCL 2.20 does.
        while openTok.kind == .doubleColon {
            let part = read()
            guard part.kind == .ident else {
                error("Missing function name",
                      "Function scope resolution symbol :: must be followed by a function name in this scope.",
                      subject: rng(part), context: between(rng(name), rng(part)))
                recoverOver(.oParen)
                return invalid(between(rng(name), rng(part)))
            }
            fullName += "::" + text(part)
            nameEnd = rng(part).end
            openTok = read()
        }
        let nameRange = SourceRange(filename: filename, start: rng(name).start, end: nameEnd)
        guard openTok.kind == .oParen else {
            error("Missing open parenthesis",
                  "Function selector must be followed by an open parenthesis to begin the function call.",
                  subject: rng(openTok), context: between(rng(name), rng(openTok)))
            recoverOver(.oParen)
            return invalid(between(rng(name), rng(openTok)))
        }

        var args: [Expr] = []
        var expandFinal = false
        var closeTok: Token
        pushNewlines(false)
        while true {
            let tok = peek()
            if tok.kind == .cParen {
                closeTok = read()
                break
            }
            let m = mark
            let arg = parseExpression()
            args.append(arg)
            if recovery && failed(since: m) {
                closeTok = recover(.cParen)
                break
            }
            let sep = read()
            if sep.kind == .cParen {
                closeTok = sep
                break
            }
            if sep.kind == .ellipsis {
                expandFinal = true
                if peek().kind != .cParen {
                    if !recovery {
                        error("Missing closing parenthesis",
                              "An expanded function argument (with ...) must be immediately followed by closing parentheses.",
                              subject: rng(sep), context: between(rng(name), rng(sep)))
                    }
                    closeTok = recover(.cParen)
                } else {
                    closeTok = read()
                }
                break
            }
            if sep.kind != .comma {
                error("Missing argument separator", "A comma is required to separate each function argument from the next.",
                      subject: rng(sep), context: between(rng(name), rng(sep)))
                closeTok = recover(.cParen)
                break
            }
            if peek().kind == .cParen {
                closeTok = read()
                break
            }
        }
        popNewlines()
        return node(.call(name: fullName, nameRange: nameRange, args: args, expandFinal: expandFinal),
                    between(rng(name), rng(closeTok)))
    }

    mutating func parseTupleCons() -> Expr {
        let open = read()
        pushNewlines(false)
        defer { popNewlines() }
        if tokenIs(peek(), "for") { return finishForExpr(open) }
        var close: Token
        var exprs: [Expr] = []
        while true {
            var next = peek()
            if next.kind == .cBrack {
                close = read()
                break
            }
            let m = mark
            let e = parseExpression()
            exprs.append(e)
            if recovery && failed(since: m) {
                close = recover(.cBrack)
                break
            }
            next = peek()
            if next.kind == .cBrack {
                close = read()
                break
            }
            if next.kind != .comma {
                if !recovery {
                    error("Missing item separator", "Expected a comma to mark the beginning of the next item.",
                          subject: rng(next), context: between(rng(open), rng(next)))
                }
                close = recover(.cBrack)
                break
            }
            read()
        }
        return node(.tuple(exprs), between(rng(open), rng(close)))
    }

    mutating func parseObjectCons() -> Expr {
        let open = read()
        // `for` expressions ignore newlines even though object constructors do not.
        pushNewlines(false)
        let isFor = tokenIs(peek(), "for")
        popNewlines()
        if isFor { return finishForExpr(open) }

        pushNewlines(true)
        defer { popNewlines() }
        var close: Token
        var items: [ObjectItem] = []
        while true {
            var next = peek()
            if next.kind == .newline {
                read()
                continue
            }
            if next.kind == .cBrace {
                close = read()
                break
            }
            // Parentheses force a key to be an expression rather than a literal name.
            let forceNonLiteral = next.kind == .oParen
            var m = mark
            var key = parseExpression()
            if recovery && failed(since: m) {
                close = recover(.cBrace)
                break
            }
            var keyIsIdentifier = false
            if !forceNonLiteral, let name = Parser.keyword(key) {
                key = node(.literal(.string(name)), key.range)
                keyIsIdentifier = true
            }
            next = peek()
            if next.kind != .equal && next.kind != .colon {
                if !recovery {
                    switch next.kind {
                    case .newline, .comma:
                        error("Missing attribute value", "Expected an attribute value, introduced by an equals sign (\"=\").",
                              subject: rng(next), context: between(rng(open), rng(next)))
                    case .ident:
                        // Perhaps an HCL 1 name with a period and a digit, like foo1.2_bar.
                        error("Missing key/value separator",
                              "Expected an equals sign (\"=\") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.",
                              subject: rng(next), context: between(rng(open), rng(next)))
                    default:
                        error("Missing key/value separator",
                              "Expected an equals sign (\"=\") to mark the beginning of the attribute value.",
                              subject: rng(next), context: between(rng(open), rng(next)))
                    }
                }
                close = recover(.cBrace)
                break
            }
            read()
            m = mark
            let value = parseExpression()
            if recovery && failed(since: m) {
                close = recover(.cBrace)
                break
            }
            items.append(ObjectItem(key: key, keyIsIdentifier: keyIsIdentifier, value: value))
            next = peek()
            if next.kind == .cBrace {
                close = read()
                break
            }
            if next.kind != .comma && next.kind != .newline {
                if !recovery {
                    error("Missing attribute separator", "Expected a newline or comma to mark the beginning of the next attribute.",
                          subject: rng(next), context: between(rng(open), rng(next)))
                }
                close = recover(.cBrace)
                break
            }
            read()
        }
        return node(.object(items), between(rng(open), rng(close)))
    }

    /// The name an object key stands for when it is a bare identifier (or `true`, `false`,
    /// `null`), as HCL's `ExprAsKeyword`.
    static func keyword(_ e: Expr) -> String? {
        switch e.kind {
        case .traversal(let t) where t.steps.isEmpty: return t.root
        case .literal(.bool(let b)): return b ? "true" : "false"
        case .literal(.null): return "null"
        default: return nil
        }
    }

    mutating func finishForExpr(_ open: Token) -> Expr {
        pushNewlines(false)
        defer { popNewlines() }
        read()  // for
        let isObject = open.kind == .oBrace
        let closeKind: TokenKind = isObject ? .cBrace : .cBrack

        func fail(_ detail: String) -> Expr {
            let at = rng(peek())
            if !recovery {
                error("Invalid 'for' expression", detail, subject: at, context: between(rng(open), at))
            }
            let close = recover(closeKind)
            return invalid(between(rng(open), rng(close)))
        }

        guard peek().kind == .ident else { return fail("For expression requires variable name after 'for'.") }
        var valName = text(read())
        var keyName: String?
        if peek().kind == .comma {
            keyName = valName
            read()
            guard peek().kind == .ident else { return fail("For expression requires value variable name after comma.") }
            valName = text(read())
        }
        guard tokenIs(peek(), "in") else { return fail("For expression requires the 'in' keyword after its name declarations.") }
        read()

        var m = mark
        let coll = parseExpression()
        if recovery && failed(since: m) {
            let close = recover(closeKind)
            return invalid(between(rng(open), rng(close)))
        }
        guard peek().kind == .colon else { return fail("For expression requires a colon after the collection expression.") }
        read()

        m = mark
        var keyExpr: Expr?
        var valExpr = parseExpression()
        if peek().kind == .fatArrow {
            read()
            keyExpr = valExpr
            valExpr = parseExpression()
        }
        if recovery && failed(since: m) {
            let close = recover(closeKind)
            return invalid(between(rng(open), rng(close)))
        }

        var group = false
        var ellipsis: Token?
        if peek().kind == .ellipsis {
            ellipsis = read()
            group = true
        }

        var condExpr: Expr?
        if tokenIs(peek(), "if") {
            read()
            m = mark
            condExpr = parseExpression()
            if recovery && failed(since: m) {
                let close = recover(closeKind)
                return invalid(between(rng(open), rng(close)))
            }
        }

        var close: Token
        if peek().kind == closeKind {
            close = read()
        } else {
            if !recovery {
                error("Invalid 'for' expression", "Extra characters after the end of the 'for' expression.",
                      subject: rng(peek()), context: between(rng(open), rng(peek())))
            }
            close = recover(closeKind)
        }
        let whole = between(rng(open), rng(close))

        if !isObject {
            if let k = keyExpr {
                error("Invalid 'for' expression", "Key expression is not valid when building a tuple.",
                      subject: k.range, context: whole)
            }
            if group, let e = ellipsis {
                error("Invalid 'for' expression", "Grouping ellipsis (...) cannot be used when building a tuple.",
                      subject: rng(e), context: whole)
            }
        } else if keyExpr == nil {
            error("Invalid 'for' expression", "Key expression is required when building an object.",
                  subject: valExpr.range, context: whole)
        }

        let fe = ForExpr(keyVar: keyName, valueVar: valName, collection: coll, keyExpr: keyExpr,
                         valueExpr: valExpr, condition: condExpr, grouping: group, isObject: isObject)
        return node(.forExpr(fe), whole)
    }
}
