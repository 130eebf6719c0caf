import TerraceBasics

extension Parser {
    /// Extends a traversal with a step, or starts a relative traversal from another expression.
    func makeRelativeTraversal(_ e: Expr, _ step: TraversalStep, _ rng: SourceRange) -> Expr {
        switch e.kind {
        case .traversal(var t):
            t.steps.append(step)
            return node(.traversal(t), between(e.range, rng))
        case .relativeTraversal(let source, var steps):
            steps.append(step)
            return node(.relativeTraversal(source, steps), between(e.range, rng))
        default:
            return node(.relativeTraversal(e, [step]), between(e.range, rng))
        }
    }

    /// The legacy index `.N`, or nil (after reporting it) for `.N.M`, which scans as one number.
    mutating func legacyIndex(_ numTok: Token, subject: SourceRange, splat: Bool) -> LiteralKey {
        let s = text(numTok)
        if let dot = s.firstIndex(of: ".") {
            let first = s[..<dot], second = s[s.index(after: dot)...]
            let how = splat ? "Use the proper index syntax with a full splat expression [*] instead" : "Use the proper index syntax instead"
            error("Invalid legacy index syntax",
                  "When using the legacy index syntax, chaining two indexes together is not permitted. \(how), like [\(first)][\(second)].",
                  subject: subject)
            return .number(String(first))
        }
        if !Parser.isValidNumber(s) {
            error("Invalid number literal", "Failed to recognize the value of this number literal.", subject: rng(numTok))
        }
        return .number(s)
    }

    /// Attribute access, indexes and splats after a term.
    mutating func parseExpressionTraversals(_ from: Expr) -> Expr {
        var ret = from
        traversal: while true {
            let next = peek()
            switch next.kind {
            case .dot:
                let dot = read()
                let attrTok = peek()
                switch attrTok.kind {
                case .ident:
                    read()
                    // The expression's range includes the dot, as HCL's; the step's covers the
                    // name only (the evaluator adds the dot back where HCL reports it).
                    let rng = between(rng(dot), rng(attrTok))
                    ret = makeRelativeTraversal(ret, .attr(text(attrTok), self.rng(attrTok)), rng)
                case .numberLit:
                    // `foo.0`, an index written as an attribute, inherited from HIL.
                    let numTok = read()
                    let key = legacyIndex(numTok, subject: rng(numTok), splat: false)
                    let rng = between(rng(dot), rng(numTok))
                    ret = makeRelativeTraversal(ret, .index(key, self.rng(numTok)), rng)
                case .star:
                    // The attribute-only splat `foo.*.bar`, which allows only attribute and
                    // legacy index steps after it.
                    let marker = read()
                    var trav: [TraversalStep] = []
                    let firstRange = rng(peek())
                    var lastRange = rng(marker)
                    while peek().kind == .dot {
                        read()  // the dot
                        if peek().kind == .numberLit {
                            let numTok = read()
                            let key = legacyIndex(numTok, subject: rng(attrTok), splat: true)
                            trav.append(.index(key, rng(numTok)))
                            lastRange = rng(numTok)
                            continue
                        }
                        if peek().kind != .ident {
                            if !recovery {
                                if peek().kind == .star {
                                    error("Nested splat expression not allowed",
                                          "A splat expression (*) cannot be used inside another attribute-only splat expression.",
                                          subject: rng(peek()))
                                } else {
                                    error("Invalid attribute name", "An attribute name is required after a dot.", subject: rng(attrTok))
                                }
                            }
                            recovery = true
                            continue traversal
                        }
                        let name = read()
                        trav.append(.attr(text(name), rng(name)))
                        lastRange = rng(name)
                    }
                    let item = node(.splatItem, between(rng(dot), rng(marker)))
                    var each = item
                    if !trav.isEmpty {
                        each = node(.relativeTraversal(item, trav), between(firstRange, lastRange))
                    }
                    ret = node(.splat(source: ret, each: each), between(from.range, lastRange))
                default:
                    error("Invalid attribute name", "An attribute name is required after a dot.", subject: rng(attrTok))
                    recovery = true
                }

            case .oBrack:
                let open = read()
                if peek().kind == .star {
                    // The full splat `foo[*]…` applies every following step to each element.
                    read()
                    var close = read()
                    if close.kind != .cBrack && !recovery {
                        // hclsyntax reports the token recovery stops at (its subject points at
                        // the variable that recovery then reassigns).
                        close = recover(.cBrack)
                        error("Missing close bracket on splat index",
                              "The star for a full splat operator must be immediately followed by a closing bracket (\"]\").",
                              subject: rng(close))
                    }
                    let item = node(.splatItem, between(rng(open), rng(close)))
                    depth += 1
                    defer { depth -= 1 }
                    if depth > Parser.maxDepth {
                        tooDeep(rng(close))
                        return ret
                    }
                    let each = parseExpressionTraversals(item)
                    ret = node(.splat(source: ret, each: each), between(from.range, each.range))
                    continue
                }
                var close: Token
                pushNewlines(false)
                let m = mark
                let key = parseExpression()
                if recovery && failed(since: m) {
                    close = recover(.cBrack)
                } else {
                    close = read()
                    if close.kind != .cBrack && !recovery {
                        close = recover(.cBrack)
                        error("Missing close bracket on index", "The index operator must end with a closing bracket (\"]\").",
                              subject: rng(close))
                    }
                }
                popNewlines()
                let rng = between(rng(open), rng(close))
                switch key.kind {
                case .literal(.number(let n)):
                    ret = makeRelativeTraversal(ret, .index(.number(n), rng), rng)
                case .template(let parts) where parts.count == 1:
                    if case .literal(let s, _) = parts[0] {
                        ret = makeRelativeTraversal(ret, .index(.string(s), rng), rng)
                    } else {
                        ret = node(.index(collection: ret, key: key), between(from.range, rng))
                    }
                default:
                    ret = node(.index(collection: ret, key: key), between(from.range, rng))
                }

            default:
                break traversal
            }
        }
        return ret
    }
}
