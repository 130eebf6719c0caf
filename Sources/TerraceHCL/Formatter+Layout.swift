/// hclwrite's `format`: re-spacing a token sequence in three passes over its lines, each split
/// into up to three cells: `lead` (everything up to the others), `assign` (from an attribute's
/// `=` when the rest of the line is a whole expression) and `comment` (a trailing line comment).
/// 1. Indentation: two spaces per bracket level, counting the brackets each line opens or closes.
/// 2. Spacing between the tokens of a cell, by `spaceAfter`.
/// 3. Alignment of the `=` of consecutive attribute lines, then of their trailing comments.
extension WriterTokens {
    struct Line {
        var lead: Range<Int>
        var assign: Range<Int>?
        var comment: Range<Int>?
    }

    mutating func formatAll() {
        var lines = linesForFormat()
        formatIndent(&lines)
        formatSpaces(lines)
        formatCells(lines)
    }

    /// Newline tokens and `#`/`//` comments (which include their line end) end lines.
    func isNewline(_ t: WriterToken) -> Bool {
        t.kind == .newline || (t.kind == .comment && !t.bytes.isEmpty && store[t.bytes.upperBound - 1] == 0x0A)
    }

    func linesForFormat() -> [Line] {
        var lines: [Line] = []
        var lineStart = 0
        for i in tokens.indices where isNewline(tokens[i]) {
            lines.append(Line(lead: lineStart..<(i + 1)))
            lineStart = i + 1
        }
        lines.append(Line(lead: lineStart..<tokens.count))

        for li in lines.indices {
            var line = lines[li]
            if line.lead.isEmpty { continue }
            if line.lead.count > 1, tokens[line.lead.upperBound - 1].kind == .comment {
                line.comment = (line.lead.upperBound - 1)..<line.lead.upperBound
                line.lead = line.lead.lowerBound..<(line.lead.upperBound - 1)
            }
            for i in line.lead where i > line.lead.lowerBound && tokens[i].kind == .equal {
                // Only a whole expression after `=` moves to the assign cell; a net opening
                // bracket means a multi-line expression starts here.
                var net = 0
                for k in i..<line.lead.upperBound { net += tokens[k].kind.bracketChange }
                if net == 0 {
                    line.assign = i..<line.lead.upperBound
                    line.lead = line.lead.lowerBound..<i
                }
                break
            }
            lines[li] = line
        }
        return lines
    }

    mutating func formatIndent(_ lines: inout [Line]) {
        var indents: [Int] = []
        for line in lines {
            guard !line.lead.isEmpty else { continue }
            let first = line.lead.lowerBound
            if tokens[first].kind == .newline {
                tokens[first].spacesBefore = 0
                continue
            }
            var net = 0
            for i in line.lead {
                net += tokens[i].kind.bracketChange
                if tokens[i].kind == .oHeredoc { break }
            }
            if let assign = line.assign {
                for i in assign { net += tokens[i].kind.bracketChange }
            }
            if net > 0 {
                tokens[first].spacesBefore = 2 * indents.count
                indents.append(net)
            } else {
                if net < 0 {
                    var closed = -net
                    while closed > 0, let top = indents.last {
                        if closed > top {
                            closed -= top
                            indents.removeLast()
                        } else if closed < top {
                            indents[indents.count - 1] -= closed
                            closed = 0
                        } else {
                            indents.removeLast()
                            closed = 0
                        }
                    }
                }
                tokens[first].spacesBefore = 2 * indents.count
            }
        }
    }

    mutating func formatSpaces(_ lines: [Line]) {
        for line in lines {
            spaceCell(line.lead, first: false)
            if let assign = line.assign { spaceCell(assign, first: true) }
        }
    }

    private mutating func spaceCell(_ cell: Range<Int>, first: Bool) {
        if first, !cell.isEmpty { tokens[cell.lowerBound].spacesBefore = 1 }
        for i in cell {
            let before: TokenKind? = i > cell.lowerBound ? tokens[i - 1].kind : nil
            guard i + 1 < cell.upperBound else { continue }
            tokens[i + 1].spacesBefore = spaceAfter(i, before: before, after: i + 1) ? 1 : 0
        }
    }

    /// hclwrite's `spaceAfterToken`: whether the token at `subject` is followed by a space.
    func spaceAfter(_ subject: Int, before: TokenKind?, after: Int) -> Bool {
        let s = tokens[subject].kind
        let a = tokens[after].kind
        if a == .newline { return false }
        if s == .ident && a == .oParen { return false }
        if s == .dot || a == .dot { return false }
        if s == .doubleColon || a == .doubleColon { return false }
        if a == .comma || a == .ellipsis { return false }
        if s == .comma { return true }
        if s == .quotedLit || s == .stringLit || s == .oQuote || s == .oHeredoc
            || a == .quotedLit || a == .stringLit || a == .cQuote || a == .cHeredoc { return false }
        if s == .ident && textEquals(tokens[subject], "in") && before == .ident {
            // `for x in [foo]`: the keyword, not a reference being indexed.
            return true
        }
        if a == .oBrack && (s == .ident || s == .numberLit || s.bracketChange < 0) { return false }
        if s == .bang { return false }
        if s == .minus {
            // Negation (no space) unless what comes before could end an expression.
            switch before {
            case nil, .oParen?, .oBrace?, .oBrack?, .equal?, .colon?, .comma?, .question?,
                 .plus?, .star?, .slash?, .percent?, .minus?,
                 .equalOp?, .notEqual?, .greaterThan?, .greaterThanEq?, .lessThan?, .lessThanEq?,
                 .and?, .or?, .bang?:
                return false
            default:
                return true
            }
        }
        if s == .oBrace || a == .cBrace {
            return !(s == .oBrace && a == .cBrace)
        }
        if (s == .templateInterp || s == .templateControl) && a == .oBrace { return true }
        if s == .cBrace && a == .templateSeqEnd { return true }
        if s == .templateSeqEnd && (a == .templateInterp || a == .templateControl) { return false }
        if s.bracketChange > 0 { return false }
        if a.bracketChange < 0 { return false }
        return true
    }

    /// Columns of a cell: its spaces plus the grapheme clusters of its tokens' text.
    func columns(_ cell: Range<Int>) -> Int {
        var n = 0
        for i in cell {
            let t = tokens[i]
            n += t.spacesBefore
            var ascii = true
            for b in store[t.bytes] where b >= 0x80 || b == 0x0D { ascii = false; break }
            n += ascii ? t.bytes.count : String(decoding: store[t.bytes], as: UTF8.self).count
        }
        return n
    }

    mutating func formatCells(_ lines: [Line]) {
        // The assign cells first, since moving them moves the comments too.
        var i = 0
        while i < lines.count {
            guard lines[i].assign != nil else { i += 1; continue }
            var j = i
            var maxColumns = 0
            while j < lines.count, lines[j].assign != nil {
                maxColumns = max(maxColumns, columns(lines[j].lead))
                j += 1
            }
            for line in lines[i..<j] {
                if let assign = line.assign {
                    tokens[assign.lowerBound].spacesBefore = maxColumns - columns(line.lead) + 1
                }
            }
            i = j
        }
        i = 0
        while i < lines.count {
            guard lines[i].comment != nil else { i += 1; continue }
            var j = i
            var maxColumns = 0
            while j < lines.count, lines[j].comment != nil {
                maxColumns = max(maxColumns, columns(lines[j].lead) + (lines[j].assign.map(columns) ?? 0))
                j += 1
            }
            for line in lines[i..<j] {
                if let comment = line.comment {
                    let cols = columns(line.lead) + (line.assign.map(columns) ?? 0)
                    tokens[comment.lowerBound].spacesBefore = maxColumns - cols + 1
                }
            }
            i = j
        }
    }
}
