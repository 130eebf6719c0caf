import TerraceBasics

/// Tuple and object constructors and `for` expressions.
extension Parser {
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
