import TerraceBasics

/// The rewrites `terraform fmt` makes before re-spacing (Terraform's `formatBody`), applied to
/// writer-token spans found from the parse tree's ranges as hclwrite finds them.
extension Formatter {
    /// `inVariable`: whether `body` is that of a top-level `variable` block, where Terraform
    /// normalises `type`.
    static func collectEdits(_ body: Body, depth: Int, inVariable: Bool, _ w: inout WriterTokens, _ edits: inout [Edit]) {
        for attr in body.attributes {
            let span = w.indices(from: attr.expr.range.start.byte, to: attr.expr.range.end.byte)
            let exprTokens = w.tokens[span]
            let replaced: [WriterToken]?
            if inVariable && attr.name == "type" {
                replaced = formatTypeExpr(exprTokens, &w)
            } else {
                replaced = formatValueExpr(exprTokens, &w)
            }
            if let replaced { edits.append(Edit(range: span, tokens: replaced)) }
        }
        for block in body.blocks {
            if let edit = labelEdit(block, &w) { edits.append(edit) }
            collectEdits(block.body, depth: depth + 1, inVariable: depth == 0 && block.type == "variable", &w, &edits)
        }
    }

    /// `"${expr}"` becomes `expr` (in parentheses if it spans lines), when the template is
    /// provably a single interpolation.
    static func formatValueExpr(_ tokens: ArraySlice<WriterToken>, _ w: inout WriterTokens) -> [WriterToken]? {
        let lo = tokens.startIndex, hi = tokens.endIndex
        guard tokens.count >= 5,
              tokens[lo].kind == .oQuote, tokens[lo + 1].kind == .templateInterp,
              tokens[hi - 2].kind == .templateSeqEnd, tokens[hi - 1].kind == .cQuote
        else { return nil }
        let inside = tokens[(lo + 2)..<(hi - 2)]
        var quotes = 0
        for t in inside {
            if t.kind == .oQuote { quotes += 1; continue }
            if t.kind == .cQuote { quotes -= 1; continue }
            // Sequences inside nested quotes belong to a nested expression.
            if quotes > 0 { continue }
            if t.kind == .templateInterp || t.kind == .templateSeqEnd || t.kind == .quotedLit { return nil }
        }
        var from = inside.startIndex, to = inside.endIndex
        while from < to, inside[from].kind == .newline { from += 1 }
        while to > from, inside[to - 1].kind == .newline { to -= 1 }
        let trimmed = Array(inside[from..<to])
        var multiLine = false, leadingParen = false, trailingParen = false
        for (i, t) in trimmed.enumerated() {
            if i == 0 && t.kind == .oParen {
                leadingParen = true
            } else if t.kind == .newline {
                multiLine = true
            } else if i == trimmed.count - 1 && t.kind == .cParen {
                trailingParen = true
            }
        }
        if multiLine && !(leadingParen && trailingParen) {
            return [w.make(.oParen, "(")] + trimmed + [w.make(.cParen, ")")]
        }
        return trimmed
    }

    /// Pre-0.12 type constraints in `variable` blocks: `list`, `map`, `set` gain `(any)`;
    /// `"string"`, `"list"`, `"map"` become `string`, `list(string)`, `map(string)`.
    static func formatTypeExpr(_ tokens: ArraySlice<WriterToken>, _ w: inout WriterTokens) -> [WriterToken]? {
        let t = Array(tokens)
        if t.count == 1 {
            guard t[0].kind == .ident else { return nil }
            for kw in ["list", "map", "set"] where w.textEquals(t[0], kw) {
                return [t[0], w.make(.oParen, "("), w.make(.ident, "any"), w.make(.cParen, ")")]
            }
            return nil
        }
        guard t.count == 3, t[0].kind == .oQuote, t[1].kind == .quotedLit, t[2].kind == .cQuote else { return nil }
        if w.textEquals(t[1], "string") { return [w.make(.ident, "string")] }
        for kw in ["list", "map"] where w.textEquals(t[1], kw) {
            return [w.make(.ident, kw), w.make(.oParen, "("), w.make(.ident, "string"), w.make(.cParen, ")")]
        }
        return nil
    }

    /// `block.SetLabels(block.Labels())`: every label rewritten in quoted form. Labels hclwrite
    /// cannot read back (a quoted label split into several literal tokens, as `"a$b"` is) are
    /// dropped, and so is anything between the type and the last label, as Terraform 1.0 does.
    static func labelEdit(_ block: Block, _ w: inout WriterTokens) -> Edit? {
        guard let last = block.labelRanges.last else { return nil }
        let typeSpan = w.indices(from: block.typeRange.start.byte, to: block.typeRange.end.byte)
        let end = w.indices(from: last.start.byte, to: last.end.byte).upperBound
        if w.labelsAreCanonical(typeSpan.upperBound..<end) { return nil }
        var labels: [String] = []
        for r in block.labelRanges {
            let t = Array(w.tokens[w.indices(from: r.start.byte, to: r.end.byte)])
            if t.count == 1, t[0].kind == .ident {
                labels.append(String(decoding: w.text(t[0]), as: UTF8.self))
            } else if t.count == 3, t[0].kind == .oQuote, t[1].kind == .quotedLit, t[2].kind == .cQuote {
                var p = Parser(tokens: [], src: w.store, filename: "")
                let s = p.parseStringLiteralToken(Token(kind: .quotedLit, start: SourcePos(line: 1, column: 1, byte: t[1].bytes.lowerBound),
                                                        end: SourcePos(line: 1, column: 1, byte: t[1].bytes.upperBound)))
                if !p.diagnostics.hasErrors { labels.append(s) }
            } else if t.count == 2, t[0].kind == .oQuote, t[1].kind == .cQuote {
                labels.append("")
            }
        }
        var tokens: [WriterToken] = []
        for label in labels {
            tokens.append(w.make(.oQuote, "\""))
            let escaped = escapeQuotedStringLit(label)
            if !escaped.isEmpty { tokens.append(w.make(.quotedLit, escaped)) }
            tokens.append(w.make(.cQuote, "\""))
        }
        return Edit(range: typeSpan.upperBound..<end, tokens: tokens)
    }

    /// hclwrite's string escaping for generated quoted strings.
    static func escapeQuotedStringLit(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"")
                                && $0 != UInt8(ascii: "$") && $0 != UInt8(ascii: "%") }) {
            return s
        }
        var out = ""
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "$", "%":
                out.unicodeScalars.append(u)
                if i + 1 < scalars.count, scalars[i + 1] == "{" { out.unicodeScalars.append(u) }
            default:
                if Parser.isGoPrintable(u) {
                    out.unicodeScalars.append(u)
                } else if u.value < 0x10000 {
                    out += "\\u" + Parser.hex(u.value, 4)
                } else {
                    out += "\\U" + Parser.hex(u.value, 8)
                }
            }
        }
        return out
    }
}

extension WriterTokens {
    /// Whether the tokens of a block's labels are already what re-quoting them produces: only
    /// `"…"` labels of printable ASCII needing no escapes, nothing else between them.
    func labelsAreCanonical(_ span: Range<Int>) -> Bool {
        var k = span.lowerBound
        while k < span.upperBound {
            guard tokens[k].kind == .oQuote, k + 1 < span.upperBound else { return false }
            if tokens[k + 1].kind == .cQuote { k += 2; continue }
            guard tokens[k + 1].kind == .quotedLit, k + 2 < span.upperBound, tokens[k + 2].kind == .cQuote else { return false }
            for b in store[tokens[k + 1].bytes] {
                if b < 0x20 || b >= 0x7F || b == UInt8(ascii: "\\") || b == UInt8(ascii: "$") || b == UInt8(ascii: "%") { return false }
            }
            k += 3
        }
        return true
    }
}
