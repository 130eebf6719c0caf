import TerraceBasics

extension Parser {
    /// A flat template item before directives are nested.
    enum TemplateItem {
        case literal(String, SourceRange)
        case interp(Expr, stripLeft: Bool, stripRight: Bool)
        case ifOpen(Expr, SourceRange, stripLeft: Bool, stripRight: Bool)
        case elseMark(SourceRange, stripLeft: Bool, stripRight: Bool)
        case endIf(SourceRange, stripLeft: Bool, stripRight: Bool)
        case forOpen(key: String?, value: String, Expr, SourceRange, stripLeft: Bool, stripRight: Bool)
        case endFor(SourceRange, stripLeft: Bool, stripRight: Bool)

        var strip: (Bool, Bool) {
            switch self {
            case .literal: return (false, false)
            case .interp(_, let l, let r), .ifOpen(_, _, let l, let r), .elseMark(_, let l, let r),
                 .endIf(_, let l, let r), .forOpen(_, _, _, _, let l, let r), .endFor(_, let l, let r):
                return (l, r)
            }
        }
    }

    mutating func parseQuoted() -> Expr {
        let open = next()
        var items: [TemplateItem] = []
        var end = open.range
        loop: while true {
            let t = peekRaw()
            switch t.kind {
            case .cQuote:
                p += 1
                end = t.range
                break loop
            case .quotedLit:
                p += 1
                items.append(.literal(unescapeQuoted(t), t.range))
            case .templateInterp, .templateControl:
                guard let item = parseTemplateSequence() else { return invalid(open.range.union(t.range)) }
                items.append(item)
            default:
                exprError("Unterminated template string", "No closing marker was found for the string.", at: open.range)
                return invalid(open.range)
            }
        }
        let r = open.range.union(end)
        guard let parts = nestTemplate(items, strip: true) else { return invalid(r) }
        if parts.count == 1, case .interpolation(let inner) = parts[0] {
            return Expr(.templateWrap(inner), r)
        }
        return Expr(.template(parts), r)
    }

    mutating func parseHeredoc() -> Expr {
        let open = next()
        let opener = text(open)
        let indented = opener.hasPrefix("<<-")
        var items: [TemplateItem] = []
        var lineStarts: [Bool] = []
        var atLineStart = true
        var end = open.range
        loop: while true {
            let t = peekRaw()
            switch t.kind {
            case .cHeredoc:
                p += 1
                end = t.range
                break loop
            case .stringLit:
                p += 1
                let s = text(t).replacingOccurrences(of: "$${", with: "${").replacingOccurrences(of: "%%{", with: "%{")
                items.append(.literal(s, t.range))
                lineStarts.append(atLineStart)
                atLineStart = s.hasSuffix("\n")
            case .templateInterp, .templateControl:
                guard let item = parseTemplateSequence() else { return invalid(open.range.union(t.range)) }
                items.append(item)
                lineStarts.append(atLineStart)
                atLineStart = false
            default:
                exprError("Unterminated template string",
                          "No closing marker was found for the heredoc begun here.", at: open.range)
                return invalid(open.range)
            }
        }
        if indented { items = flushHeredoc(items, lineStarts) }
        let r = open.range.union(end)
        guard let parts = nestTemplate(items, strip: true) else { return invalid(r) }
        return Expr(.template(parts), r)
    }

    /// `<<-` heredocs drop the smallest indentation of their lines from every line.
    func flushHeredoc(_ items: [TemplateItem], _ lineStarts: [Bool]) -> [TemplateItem] {
        var minIndent = Int.max
        for (item, starts) in zip(items, lineStarts) where starts {
            guard case .literal(let s, _) = item else { minIndent = 0; continue }
            let spaces = s.prefix { $0 == " " || $0 == "\t" }.count
            let rest = s.dropFirst(spaces)
            if rest.isEmpty || rest == "\n" || rest == "\r\n" { continue }
            minIndent = min(minIndent, spaces)
        }
        if minIndent == Int.max || minIndent == 0 { return items }
        return zip(items, lineStarts).map { item, starts in
            guard starts, case .literal(let s, let r) = item else { return item }
            let spaces = min(minIndent, s.prefix { $0 == " " || $0 == "\t" }.count)
            return .literal(String(s.dropFirst(spaces)), r)
        }
    }

    /// Parses `${ expr }` or `%{ directive }` starting at the opener token.
    mutating func parseTemplateSequence() -> TemplateItem? {
        let open = next()
        let stripLeft = text(open).hasSuffix("~")
        newlines.append(false)
        defer { newlines.removeLast() }
        func closeSeq(_ what: String) -> (Bool, SourceRange)? {
            let c = peek()
            guard c.kind == .templateSeqEnd else {
                exprError("Extra characters after \(what)",
                          "Expected a closing brace to end the \(what), but found extra characters.", at: c.range)
                return nil
            }
            next()
            return (text(c).hasPrefix("~"), c.range)
        }
        if open.kind == .templateInterp {
            let e = parseExpression()
            if exprFailed { return nil }
            guard let (stripRight, _) = closeSeq("interpolation expression") else { return nil }
            return .interp(e, stripLeft: stripLeft, stripRight: stripRight)
        }
        let kw = peek()
        guard kw.kind == .ident else {
            exprError("Invalid template directive",
                      "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ sequence.", at: kw.range)
            return nil
        }
        next()
        switch text(kw) {
        case "if":
            let cond = parseExpression()
            if exprFailed { return nil }
            guard let (sr, end) = closeSeq("template directive") else { return nil }
            return .ifOpen(cond, open.range.union(end), stripLeft: stripLeft, stripRight: sr)
        case "else":
            guard let (sr, end) = closeSeq("template directive") else { return nil }
            return .elseMark(open.range.union(end), stripLeft: stripLeft, stripRight: sr)
        case "endif":
            guard let (sr, end) = closeSeq("template directive") else { return nil }
            return .endIf(open.range.union(end), stripLeft: stripLeft, stripRight: sr)
        case "endfor":
            guard let (sr, end) = closeSeq("template directive") else { return nil }
            return .endFor(open.range.union(end), stripLeft: stripLeft, stripRight: sr)
        case "for":
            let first = peek()
            guard first.kind == .ident else {
                exprError("Invalid 'for' directive", "For directive requires variable name after 'for'.", at: first.range)
                return nil
            }
            next()
            var key: String?
            var value = text(first)
            if peek().kind == .comma {
                next()
                let second = peek()
                guard second.kind == .ident else {
                    exprError("Invalid 'for' directive", "Key variable name must be followed by a value variable name.", at: second.range)
                    return nil
                }
                next()
                key = value
                value = text(second)
            }
            guard peek().kind == .ident, text(peek()) == "in" else {
                exprError("Invalid 'for' directive", "For directive requires 'in' keyword after names.", at: peek().range)
                return nil
            }
            next()
            let coll = parseExpression()
            if exprFailed { return nil }
            guard let (sr, end) = closeSeq("template directive") else { return nil }
            return .forOpen(key: key, value: value, coll, open.range.union(end), stripLeft: stripLeft, stripRight: sr)
        default:
            exprError("Invalid template control keyword",
                      "\"\(text(kw))\" is not a valid template control keyword.", at: kw.range)
            return nil
        }
    }

    /// Applies strip markers, then nests `if` and `for` directives.
    mutating func nestTemplate(_ flat: [TemplateItem], strip: Bool) -> [TemplatePart]? {
        var items = flat
        for k in items.indices {
            let (l, r) = items[k].strip
            if l, k > 0, case .literal(let s, let range) = items[k - 1] {
                items[k - 1] = .literal(String(s.reversed().drop { $0.isWhitespace }.reversed()), range)
            }
            if r, k + 1 < items.count, case .literal(let s, let range) = items[k + 1] {
                items[k + 1] = .literal(String(s.drop { $0.isWhitespace }), range)
            }
        }
        var index = 0
        let (parts, stop) = nestParts(items, &index)
        if let stop {
            exprError("Unexpected \(stop.0) directive", "There is no matching opening directive for this \(stop.0).", at: stop.1)
            return nil
        }
        return exprFailed ? nil : parts
    }

    /// Nests items until an `else`, `endif` or `endfor` (returned as the stop marker).
    mutating func nestParts(_ items: [TemplateItem], _ k: inout Int) -> ([TemplatePart], (String, SourceRange)?) {
        var parts: [TemplatePart] = []
        while k < items.count {
            let item = items[k]
            k += 1
            switch item {
            case .literal(let s, let r):
                if !s.isEmpty { parts.append(.literal(s, r)) }
            case .interp(let e, _, _):
                parts.append(.interpolation(e))
            case .elseMark(let r, _, _): return (parts, ("else", r))
            case .endIf(let r, _, _): return (parts, ("endif", r))
            case .endFor(let r, _, _): return (parts, ("endfor", r))
            case .ifOpen(let cond, let r, _, _):
                let (thenParts, stop1) = nestParts(items, &k)
                var elseParts: [TemplatePart]?
                var stop = stop1
                if stop?.0 == "else" {
                    let (e, stop2) = nestParts(items, &k)
                    elseParts = e
                    stop = stop2
                }
                guard stop?.0 == "endif" else {
                    exprError("Unterminated template if", "The if directive that begins here has no corresponding endif.", at: r)
                    return (parts, nil)
                }
                parts.append(.ifDirective(condition: cond, then: thenParts, else: elseParts, range: r.union(stop!.1)))
            case .forOpen(let key, let value, let coll, let r, _, _):
                let (body, stop) = nestParts(items, &k)
                guard stop?.0 == "endfor" else {
                    exprError("Unterminated template for", "The for directive that begins here has no corresponding endfor.", at: r)
                    return (parts, nil)
                }
                parts.append(.forDirective(key: key, value: value, collection: coll, body: body, range: r.union(stop!.1)))
            }
        }
        return (parts, nil)
    }

    /// Decodes the escapes of a quoted-template literal chunk.
    mutating func unescapeQuoted(_ t: Token) -> String {
        let raw = Array(src[t.bytes])
        var out = String.UnicodeScalarView()
        var k = 0
        func hex(_ n: Int) -> UInt32? {
            guard k + n <= raw.count else { return nil }
            var v: UInt32 = 0
            for b in raw[k..<k + n] {
                guard let d = Character(Unicode.Scalar(b)).hexDigitValue else { return nil }
                v = v * 16 + UInt32(d)
            }
            return v
        }
        var bytes: [UInt8] = []
        func flush() {
            out.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            bytes.removeAll()
        }
        while k < raw.count {
            let b = raw[k]
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && k + 2 < raw.count && raw[k + 1] == b && raw[k + 2] == UInt8(ascii: "{") {
                bytes.append(b); bytes.append(UInt8(ascii: "{"))
                k += 3
                continue
            }
            guard b == UInt8(ascii: "\\"), k + 1 < raw.count else { bytes.append(b); k += 1; continue }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let n = e == UInt8(ascii: "u") ? 4 : 8
                if let v = hex(n), let s = Unicode.Scalar(v) {
                    flush()
                    out.append(s)
                    k += n
                } else {
                    let at = SourcePos(line: t.range.start.line, column: t.range.start.column + k - 2, byte: t.range.start.byte + k - 2)
                    error("Invalid escape sequence",
                          "The \\\(Character(Unicode.Scalar(e))) escape sequence must be followed by \(n) hexadecimal digits.",
                          at: SourceRange(filename: filename, start: at, end: SourcePos(line: at.line, column: at.column + 2, byte: at.byte + 2)))
                }
            default:
                let at = SourcePos(line: t.range.start.line, column: t.range.start.column + k - 2, byte: t.range.start.byte + k - 2)
                error("Invalid escape sequence",
                      "The symbol \"\(Character(Unicode.Scalar(e)))\" is not a valid escape sequence selector.",
                      at: SourceRange(filename: filename, start: at, end: SourcePos(line: at.line, column: at.column + 2, byte: at.byte + 2)))
            }
        }
        flush()
        return String(out)
    }
}
