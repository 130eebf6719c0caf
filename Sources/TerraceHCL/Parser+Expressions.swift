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
}
