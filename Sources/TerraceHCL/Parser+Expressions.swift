import TerraceBasics

extension Parser {
    static let binaryLevels: [[(TokenKind, BinaryOp)]] = [
        [(.or, .or)],
        [(.and, .and)],
        [(.equalOp, .equal), (.notEqual, .notEqual)],
        [(.lessThan, .less), (.lessThanEq, .lessEqual), (.greaterThan, .greater), (.greaterThanEq, .greaterEqual)],
        [(.plus, .add), (.minus, .subtract)],
        [(.star, .multiply), (.slash, .divide), (.percent, .modulo)],
    ]

    func invalid(_ r: SourceRange) -> Expr { Expr(.invalid, r) }

    mutating func parseExpression() -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            exprError("Nesting too deep", "This expression is nested too deeply to be parsed.", at: peek().range)
            return invalid(peek().range)
        }
        let cond = parseBinary(0)
        guard peek().kind == .question else { return cond }
        next()
        let t = parseExpression()
        guard peek().kind == .colon else {
            exprError("Missing false expression in conditional",
                      "The conditional operator (...?...:...) requires a false expression, delimited by a colon.",
                      at: peek().range)
            return invalid(cond.range.union(t.range))
        }
        next()
        let f = parseExpression()
        return Expr(.conditional(condition: cond, then: t, else: f), cond.range.union(f.range))
    }

    mutating func parseBinary(_ level: Int) -> Expr {
        if level == Self.binaryLevels.count { return parseUnary() }
        var lhs = parseBinary(level + 1)
        while let op = Self.binaryLevels[level].first(where: { $0.0 == peek().kind }) {
            next()
            let rhs = parseBinary(level + 1)
            lhs = Expr(.binary(op.1, lhs, rhs), lhs.range.union(rhs.range))
        }
        return lhs
    }

    mutating func parseUnary() -> Expr {
        let t = peek()
        if t.kind == .minus || t.kind == .bang {
            next()
            depth += 1
            defer { depth -= 1 }
            if depth > Self.maxDepth {
                exprError("Nesting too deep", "This expression is nested too deeply to be parsed.", at: t.range)
                return invalid(t.range)
            }
            let operand = parseUnary()
            return Expr(.unary(t.kind == .minus ? .negate : .not, operand), t.range.union(operand.range))
        }
        return parsePostfix(parseTerm(), inSplat: false)
    }

    // MARK: - Terms

    mutating func parseTerm() -> Expr {
        let t = peek()
        switch t.kind {
        case .numberLit:
            next()
            return Expr(.literal(.number(text(t))), t.range)
        case .ident:
            next()
            let name = text(t)
            switch name {
            case "true": return Expr(.literal(.bool(true)), t.range)
            case "false": return Expr(.literal(.bool(false)), t.range)
            case "null": return Expr(.literal(.null), t.range)
            default: break
            }
            var fullName = name
            var nameRange = t.range
            while peek().kind == .doubleColon {
                next()
                let part = peek()
                guard part.kind == .ident else {
                    exprError("Missing function name", "Function scope resolution symbol :: must be followed by a function name in this scope.", at: part.range)
                    return invalid(t.range)
                }
                next()
                fullName += "::" + text(part)
                nameRange = nameRange.union(part.range)
            }
            if peek().kind == .oParen { return parseCall(fullName, nameRange) }
            if fullName != name {
                exprError("Missing function call", "A function namespace must be followed by a function call.", at: nameRange)
                return invalid(nameRange)
            }
            return Expr(.traversal(Traversal(root: name, rootRange: t.range)), t.range)
        case .oQuote:
            return parseQuoted()
        case .oHeredoc:
            return parseHeredoc()
        case .oParen:
            next()
            newlines.append(false)
            let e = parseExpression()
            let close = peek()
            newlines.removeLast()
            guard close.kind == .cParen else {
                exprError("Unbalanced parentheses", "Expected a closing parenthesis to terminate the expression.", at: close.range)
                return invalid(t.range.union(e.range))
            }
            next()
            return Expr(.parens(e), t.range.union(close.range))
        case .oBrack:
            return parseTuple()
        case .oBrace:
            return parseObject()
        default:
            var detail = "Expected the start of an expression, but found an invalid expression token."
            if t.kind == .eof { detail = "Expected the start of an expression, but found the end of the file." }
            exprError("Invalid expression", detail, at: t.range)
            return invalid(t.range)
        }
    }

    mutating func parseCall(_ name: String, _ nameRange: SourceRange) -> Expr {
        next()  // (
        newlines.append(false)
        defer { newlines.removeLast() }
        var args: [Expr] = []
        var expand = false
        while true {
            let t = peek()
            if t.kind == .cParen { next(); return Expr(.call(name: name, nameRange: nameRange, args: args, expandFinal: expand), nameRange.union(t.range)) }
            if expand {
                exprError("Missing closing parenthesis",
                          "An expanded function argument (with ...) must be immediately followed by closing parentheses.", at: t.range)
                return invalid(nameRange)
            }
            let arg = parseExpression()
            if exprFailed { return invalid(nameRange.union(arg.range)) }
            args.append(arg)
            let sep = peek()
            if sep.kind == .ellipsis { next(); expand = true; if peek().kind == .comma { next() }; continue }
            if sep.kind == .comma { next(); continue }
            if sep.kind == .cParen { continue }
            exprError("Missing argument separator",
                      "A comma is required to separate each function argument from the next.", at: sep.range)
            return invalid(nameRange.union(arg.range))
        }
    }

    mutating func isForKeyword() -> Bool {
        let t = peek()
        return t.kind == .ident && text(t) == "for" && peek2().kind == .ident
    }

    mutating func parseTuple() -> Expr {
        let open = next()
        newlines.append(false)
        defer { newlines.removeLast() }
        if isForKeyword() { return parseFor(open: open, isObject: false) }
        var items: [Expr] = []
        while true {
            let t = peek()
            if t.kind == .cBrack { next(); return Expr(.tuple(items), open.range.union(t.range)) }
            if t.kind == .eof {
                exprError("Missing close bracket", "Expected a closing bracket (\"]\") to end the tuple.", at: t.range)
                return invalid(open.range)
            }
            let e = parseExpression()
            if exprFailed { return invalid(open.range.union(e.range)) }
            items.append(e)
            let sep = peek()
            if sep.kind == .comma { next(); continue }
            if sep.kind == .cBrack { continue }
            exprError("Missing item separator", "Expected a comma to mark the beginning of the next item.", at: sep.range)
            return invalid(open.range.union(e.range))
        }
    }

    mutating func parseObject() -> Expr {
        let open = next()
        newlines.append(true)
        defer { newlines.removeLast() }
        // `{for …}` ignores newlines entirely.
        var q = p
        while q < toks.count - 1, toks[q].kind == .newline { q += 1 }
        if toks[q].kind == .ident, text(toks[q]) == "for", q + 1 < toks.count, toks[q + 1].kind == .ident {
            newlines.append(false)
            defer { newlines.removeLast() }
            return parseFor(open: open, isObject: true)
        }
        var items: [ObjectItem] = []
        while true {
            var t = peek()
            while t.kind == .newline { next(); t = peek() }
            if t.kind == .cBrace { next(); return Expr(.object(items), open.range.union(t.range)) }
            if t.kind == .eof {
                exprError("Missing close brace", "Expected a closing brace (\"}\") to end the object.", at: t.range)
                return invalid(open.range)
            }
            var key: Expr
            var isIdent = false
            let after = peek2()
            if t.kind == .ident, after.kind == .equal || after.kind == .colon {
                next()
                key = Expr(.literal(.string(text(t))), t.range)
                isIdent = true
            } else {
                key = parseExpression()
                if exprFailed { return invalid(open.range) }
            }
            let sep = peek()
            guard sep.kind == .equal || sep.kind == .colon else {
                var detail = "Expected an equals sign (\"=\") to mark the beginning of the attribute value."
                if sep.kind == .newline || sep.kind == .comma || sep.kind == .cBrace {
                    detail = "Expected an equals sign (\"=\") to mark the beginning of the attribute value. If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal."
                }
                exprError("Missing key/value separator", detail, at: sep.range)
                return invalid(open.range)
            }
            next()
            let value = parseExpression()
            if exprFailed { return invalid(open.range) }
            items.append(ObjectItem(key: key, keyIsIdentifier: isIdent, value: value))
            let end = peek()
            switch end.kind {
            case .comma, .newline: next()
            case .cBrace: break
            default:
                exprError("Missing attribute separator",
                          "Expected a newline or comma to mark the beginning of the next attribute.", at: end.range)
                return invalid(open.range)
            }
        }
    }

    mutating func parseFor(open: Token, isObject: Bool) -> Expr {
        next()  // for
        let closeKind: TokenKind = isObject ? .cBrace : .cBrack
        var keyVar: String?
        let first = next()
        var valueVar = text(first)
        if peek().kind == .comma {
            next()
            let second = peek()
            guard second.kind == .ident else {
                exprError("Invalid 'for' expression", "Key variable name must be followed by a value variable name.", at: second.range)
                return invalid(open.range)
            }
            next()
            keyVar = valueVar
            valueVar = text(second)
        }
        let inTok = peek()
        guard inTok.kind == .ident, text(inTok) == "in" else {
            exprError("Invalid 'for' expression", "For expression requires the 'in' keyword after its name declarations.", at: inTok.range)
            return invalid(open.range)
        }
        next()
        let collection = parseExpression()
        if exprFailed { return invalid(open.range) }
        guard peek().kind == .colon else {
            exprError("Invalid 'for' expression", "For expression requires a colon after the collection expression.", at: peek().range)
            return invalid(open.range)
        }
        next()
        var keyExpr: Expr?
        var valueExpr = parseExpression()
        if exprFailed { return invalid(open.range) }
        var grouping = false
        if isObject {
            guard peek().kind == .fatArrow else {
                exprError("Invalid 'for' expression", "Key expression in 'for' expression must be followed by an arrow operator.", at: peek().range)
                return invalid(open.range)
            }
            next()
            keyExpr = valueExpr
            valueExpr = parseExpression()
            if exprFailed { return invalid(open.range) }
            if peek().kind == .ellipsis { next(); grouping = true }
        }
        var condition: Expr?
        if peek().kind == .ident, text(peek()) == "if" {
            next()
            condition = parseExpression()
            if exprFailed { return invalid(open.range) }
        }
        let close = peek()
        guard close.kind == closeKind else {
            exprError("Invalid 'for' expression",
                      isObject ? "Extra characters after the end of the 'for' expression." : "Extra characters after the end of the 'for' expression.",
                      at: close.range)
            return invalid(open.range)
        }
        next()
        let fe = ForExpr(keyVar: keyVar, valueVar: valueVar, collection: collection, keyExpr: keyExpr,
                         valueExpr: valueExpr, condition: condition, grouping: grouping, isObject: isObject)
        return Expr(.forExpr(fe), open.range.union(close.range))
    }

    // MARK: - Traversals, indexes and splats

    mutating func appendStep(_ e: Expr, _ step: TraversalStep) -> Expr {
        let r = e.range.union(step.range)
        switch e.kind {
        case .traversal(var t):
            t.steps.append(step)
            return Expr(.traversal(t), r)
        case .relativeTraversal(let source, var steps):
            steps.append(step)
            return Expr(.relativeTraversal(source, steps), r)
        default:
            return Expr(.relativeTraversal(e, [step]), r)
        }
    }

    mutating func parsePostfix(_ base: Expr, inSplat: Bool) -> Expr {
        var e = base
        while true {
            let t = peek()
            if t.kind == .dot {
                let after = peek2()
                if after.kind == .ident {
                    next(); next()
                    e = appendStep(e, .attr(text(after), after.range))
                } else if after.kind == .numberLit {
                    next(); next()
                    // `a.0.1` scans `0.1` as one number: split it into legacy indexes.
                    var offset = after.range.start
                    for part in text(after).split(separator: ".", omittingEmptySubsequences: false) {
                        let end = SourcePos(line: offset.line, column: offset.column + part.count, byte: offset.byte + part.utf8.count)
                        let r = SourceRange(filename: filename, start: offset, end: end)
                        guard !part.isEmpty, part.allSatisfy(\.isNumber) else {
                            exprError("Invalid legacy index syntax", "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0].", at: after.range)
                            return invalid(e.range)
                        }
                        e = appendStep(e, .index(.number(String(part)), r))
                        offset = SourcePos(line: end.line, column: end.column + 1, byte: end.byte + 1)
                    }
                } else if after.kind == .star {
                    if inSplat { return e }
                    next(); next()
                    var each = Expr(.splatItem, after.range)
                    while peek().kind == .dot, peek2().kind == .ident {
                        next()
                        let name = next()
                        each = appendStep(each, .attr(text(name), name.range))
                    }
                    e = Expr(.splat(source: e, each: each), e.range.union(each.range))
                } else {
                    exprError("Invalid attribute name", "An attribute name is required after a dot.", at: after.range)
                    next()
                    return invalid(e.range)
                }
            } else if t.kind == .oBrack {
                // A nested splat applies to the result of the outer one.
                if inSplat, peek2().kind == .star { return e }
                newlines.append(false)
                let open = next()
                if peek().kind == .star {
                    let star = next()
                    let close = peek()
                    newlines.removeLast()
                    guard close.kind == .cBrack else {
                        exprError("Missing close bracket on splat index", "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").", at: close.range)
                        return invalid(e.range)
                    }
                    next()
                    let each = parsePostfix(Expr(.splatItem, star.range), inSplat: true)
                    e = Expr(.splat(source: e, each: each), e.range.union(close.range).union(each.range))
                    continue
                }
                let key = parseExpression()
                let close = peek()
                newlines.removeLast()
                if exprFailed { return invalid(e.range) }
                guard close.kind == .cBrack else {
                    exprError("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").", at: close.range)
                    return invalid(e.range)
                }
                next()
                let r = open.range.union(close.range)
                var isStatic = false
                switch e.kind {
                case .traversal, .relativeTraversal, .splatItem: isStatic = true
                default: break
                }
                if isStatic, case .literal(.number(let n)) = key.kind {
                    e = appendStep(e, .index(.number(n), r))
                } else if isStatic, let s = key.asStaticString, case .template = key.kind {
                    e = appendStep(e, .index(.string(s), r))
                } else {
                    e = Expr(.index(collection: e, key: key), e.range.union(close.range))
                }
            } else {
                return e
            }
        }
    }
}
