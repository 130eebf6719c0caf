import TerraceBasics

/// The rewrites `terraform fmt` makes before re-spacing (Terraform's `formatBody`), applied to
/// writer-token spans found from the parse tree's ranges as hclwrite finds them.
extension Formatter {
    static func collectEdits(_ body: Body, inBlocks: [String], _ w: inout WriterTokens, _ edits: inout [Edit]) {
        for attr in body.attributes {
            let span = w.indices(from: attr.expr.range.start.byte, to: attr.expr.range.end.byte)
            let exprTokens = Array(w.tokens[span])
            let replaced: [WriterToken]?
            if inBlocks == ["variable"] && attr.name == "type" {
                replaced = formatTypeExpr(exprTokens, &w)
            } else {
                replaced = formatValueExpr(exprTokens, &w)
            }
            if let replaced { edits.append(Edit(range: span, tokens: replaced)) }
        }
        for block in body.blocks {
            if let edit = labelEdit(block, &w) { edits.append(edit) }
            collectEdits(block.body, inBlocks: inBlocks + [block.type], &w, &edits)
        }
    }

    /// `"${expr}"` becomes `expr` (in parentheses if it spans lines), when the template is
    /// provably a single interpolation.
    static func formatValueExpr(_ tokens: [WriterToken], _ w: inout WriterTokens) -> [WriterToken]? {
        guard tokens.count >= 5,
              tokens[0].kind == .oQuote, tokens[1].kind == .templateInterp,
              tokens[tokens.count - 2].kind == .templateSeqEnd, tokens[tokens.count - 1].kind == .cQuote
        else { return nil }
        let inside = tokens[2..<(tokens.count - 2)]
        var quotes = 0
        for t in inside {
            if t.kind == .oQuote { quotes += 1; continue }
            if t.kind == .cQuote { quotes -= 1; continue }
            // Sequences inside nested quotes belong to a nested expression.
            if quotes > 0 { continue }
            if t.kind == .templateInterp || t.kind == .templateSeqEnd || t.kind == .quotedLit { return nil }
        }
        var lo = inside.startIndex, hi = inside.endIndex
        while lo < hi, inside[lo].kind == .newline { lo += 1 }
        while hi > lo, inside[hi - 1].kind == .newline { hi -= 1 }
        let trimmed = Array(inside[lo..<hi])
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
    static func formatTypeExpr(_ tokens: [WriterToken], _ w: inout WriterTokens) -> [WriterToken]? {
        if tokens.count == 1 {
            guard tokens[0].kind == .ident else { return nil }
            for kw in ["list", "map", "set"] where w.textEquals(tokens[0], kw) {
                return [tokens[0], w.make(.oParen, "("), w.make(.ident, "any"), w.make(.cParen, ")")]
            }
            return nil
        }
        guard tokens.count == 3, tokens[0].kind == .oQuote, tokens[1].kind == .quotedLit, tokens[2].kind == .cQuote else { return nil }
        if w.textEquals(tokens[1], "string") { return [w.make(.ident, "string")] }
        for kw in ["list", "map"] where w.textEquals(tokens[1], kw) {
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
        var labels: [String] = []
        for r in block.labelRanges {
            let t = Array(w.tokens[w.indices(from: r.start.byte, to: r.end.byte)])
            if t.count == 1, t[0].kind == .ident {
                labels.append(String(decoding: w.text(t[0]), as: UTF8.self))
            } else if t.count == 3, t[0].kind == .oQuote, t[1].kind == .quotedLit, t[2].kind == .cQuote {
                var p = Parser(tokens: [], src: w.store, filename: "")
                let s = p.parseStringLiteralToken(Token(kind: .quotedLit, range: block.typeRange, bytes: t[1].bytes))
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
