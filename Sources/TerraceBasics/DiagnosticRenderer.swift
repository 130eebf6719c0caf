/// Prints diagnostics in Terraform 1.0's layout (`format.DiagnosticPlain` under `-no-color`,
/// `format.Diagnostic` otherwise): summary, "on FILE line N, in BLOCK:", the source lines of
/// the subject (widened to the context range) with the subject underlined in colour, then the
/// detail wrapped to the terminal width. The snippet follows Terraform's rules exactly, down to
/// its quirks (lines are chosen by overlap with the range, so an empty line is never shown).
public struct DiagnosticRenderer: Sendable {
    public var color: Bool
    /// The terminal width; Terraform uses 78 when the output is not a terminal.
    public var width: Int
    public var sources: SourceFiles

    public init(color: Bool = false, width: Int = 78, sources: SourceFiles = .shared) {
        self.color = color
        self.width = width
        self.sources = sources
    }

    /// One diagnostic, starting with a blank line (plain) or the left rule (colour) and ending
    /// with a newline. Terraform's UI adds one more newline after it (see `uiMessage`).
    public func render(_ d: Diagnostic) -> String {
        color ? renderColor(d) : renderPlain(d)
    }

    public func render(_ ds: Diagnostics) -> String { ds.map(render).joined() }

    /// What Terraform's UI writes for a diagnostic: the rendering, wrapped in the colour of its
    /// severity when colour is on, and a newline.
    public func uiMessage(_ d: Diagnostic) -> String {
        guard color else { return render(d) + "\n" }
        let c = d.severity == .error ? ANSI.red : ANSI.yellow
        return c + render(d) + ANSI.reset + ANSI.reset + "\n"
    }

    /// Diagnostics in the order Terraform prints them: warnings before errors, then those without
    /// a source location, then by file (fewer path segments first), start and end offset; ties
    /// keep their order.
    public static func sorted(_ ds: Diagnostics) -> [Diagnostic] {
        let indexed = Array(ds.items.enumerated())
        return indexed.sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.severity != y.severity { return x.severity == .warning }
            if (x.subject == nil) != (y.subject == nil) { return x.subject == nil }
            if let s = x.subject, let t = y.subject, s != t {
                if s.filename != t.filename {
                    let sc = s.filename.filter { $0 == "/" }.count, tc = t.filename.filter { $0 == "/" }.count
                    if sc != tc { return sc < tc }
                    return s.filename.utf8.lexicographicallyPrecedes(t.filename.utf8)
                }
                if s.start.byte != t.start.byte { return s.start.byte < t.start.byte }
                if s.end.byte != t.end.byte { return s.end.byte < t.end.byte }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    // MARK: - Layouts

    private func renderPlain(_ d: Diagnostic) -> String {
        var buf = "\n" + (d.severity == .error ? "Error: " : "Warning: ") + d.summary + "\n\n"
        buf += snippet(d)
        if !d.detail.isEmpty {
            for line in d.detail.split(separator: "\n", omittingEmptySubsequences: false) {
                buf += (line.hasPrefix(" ") ? String(line) : DiagnosticRenderer.wordWrap(String(line), width - 1)) + "\n"
            }
        }
        return buf
    }

    private func renderColor(_ d: Diagnostic) -> String {
        let c = d.severity == .error ? ANSI.red : ANSI.yellow
        var buf = ANSI.bold + c + (d.severity == .error ? "Error: " : "Warning: ") + ANSI.reset + ANSI.reset
        buf += ANSI.bold + d.summary + ANSI.reset + "\n\n" + ANSI.reset
        buf += snippet(d)
        if !d.detail.isEmpty {
            for line in d.detail.split(separator: "\n", omittingEmptySubsequences: false) {
                buf += (line.hasPrefix(" ") ? String(line) : DiagnosticRenderer.wordWrap(String(line), width - 3)) + "\n"
            }
        }
        let prefix = c + "│" + ANSI.reset + " " + ANSI.reset
        var out = c + "╷" + ANSI.reset + ANSI.reset + "\n"
        for line in DiagnosticRenderer.scanLines(buf) { out += prefix + line + "\n" }
        out += c + "╵" + ANSI.reset + ANSI.reset + "\n"
        return out
    }

    /// Lines as Go's `bufio.ScanLines` yields them: no final empty line, `\r` before `\n` dropped.
    static func scanLines(_ s: String) -> [String] {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if s.hasSuffix("\n") || s.isEmpty { lines.removeLast() }
        return lines
    }

    // MARK: - Snippets

    /// "  with ADDRESS," for a diagnostic about a resource instance, then "  on FILE line N[, in
    /// BLOCK]:", the numbered source lines and a blank line (nothing more without a subject).
    private func snippet(_ d: Diagnostic) -> String {
        let with = d.address.map { "  with \($0),\n" } ?? ""
        guard var highlight = d.subject else { return with }
        var snippetRange = d.context.map { DiagnosticRenderer.rangeOver($0, highlight) } ?? highlight
        if snippetRange.start.byte == snippetRange.end.byte { snippetRange.end.byte += 1; snippetRange.end.column += 1 }
        if highlight.start.byte == highlight.end.byte { highlight.end.byte += 1; highlight.end.column += 1 }
        guard let src = sources.bytes(highlight.filename) else {
            return with + "  on \(highlight.filename) line \(highlight.start.line):\n  (source code not available)\n\n"
        }
        var out = with + "  on \(highlight.filename) line \(highlight.start.line)"
        if let ctx = sources.context(highlight.filename, at: highlight.start) { out += ", in \(ctx)" }
        out += ":\n"

        // The lines overlapping the snippet range, by HCL's Overlaps (empty lines never overlap).
        var code: [UInt8] = []
        var codeStart = 0
        var first = true
        var lineStart = 0
        while lineStart < src.count {
            var e = lineStart
            while e < src.count, src[e] != 0x0A { e += 1 }
            let next = e < src.count ? e + 1 : e
            var contentEnd = e
            if contentEnd > lineStart, src[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if DiagnosticRenderer.overlaps(lineStart, contentEnd, snippetRange.start.byte, snippetRange.end.byte) {
                if first { codeStart = lineStart; first = false }
                code += src[lineStart..<contentEnd]
                code.append(0x0A)
            }
            lineStart = next
        }
        if code.last == 0x0A { code.removeLast() }
        var start = min(highlight.start.byte - codeStart, code.count)
        var end = min(start + (highlight.end.byte - highlight.start.byte), code.count)
        start = max(0, start)
        if end < start { end = min(start + 1, code.count) }
        var shown: [UInt8] = []
        shown += code[0..<start]
        if color { shown += Array(ANSI.underline.utf8) }
        shown += code[start..<end]
        if color { shown += Array(ANSI.reset.utf8) }
        shown += code[end...]
        if color { shown += Array(ANSI.reset.utf8) }
        let text = String(decoding: shown, as: UTF8.self)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = String(snippetRange.start.line + i)
            out += String(repeating: " ", count: max(0, 4 - n.count)) + n + ": " + line + "\n"
        }
        return out + "\n"
    }

    /// HCL's `Range.Overlaps` on byte offsets: neither range may be empty, and one contains an
    /// end point of the other.
    static func overlaps(_ aStart: Int, _ aEnd: Int, _ bStart: Int, _ bEnd: Int) -> Bool {
        guard aStart < aEnd, bStart < bEnd else { return false }
        func contains(_ s: Int, _ e: Int, _ o: Int) -> Bool { o >= s && o < e }
        return contains(aStart, aEnd, bStart) || contains(aStart, aEnd, bEnd)
            || contains(bStart, bEnd, aStart) || contains(bStart, bEnd, aEnd)
    }

    /// HCL's `RangeOver`: the smallest range covering both, ignoring an empty one.
    static func rangeOver(_ a: SourceRange, _ b: SourceRange) -> SourceRange {
        if a.start.byte == a.end.byte { return b }
        if b.start.byte == b.end.byte { return a }
        let s = a.start.byte < b.start.byte ? a.start : b.start
        let e = a.end.byte > b.end.byte ? a.end : b.end
        return SourceRange(filename: a.filename, start: s, end: e)
    }

    /// `github.com/mitchellh/go-wordwrap` 1.0 `WrapString`: breaks at white space so lines fit
    /// in `limit` bytes where possible, keeping runs of spaces and words longer than the limit.
    static func wordWrap(_ s: String, _ limit: Int) -> String {
        var out = ""
        var current = 0
        var word = "", space = ""
        for ch in s.unicodeScalars {
            if ch == "\n" {
                if word.isEmpty {
                    if current + space.utf8.count > limit {
                        current = 0
                    } else {
                        current += space.utf8.count
                        out += space
                    }
                    space = ""
                } else {
                    current += space.utf8.count + word.utf8.count
                    out += space + word
                    space = ""
                    word = ""
                }
                out.unicodeScalars.append(ch)
                current = 0
            } else if ch.properties.isWhitespace {
                if space.isEmpty || !word.isEmpty {
                    current += space.utf8.count + word.utf8.count
                    out += space + word
                    space = ""
                    word = ""
                }
                space.unicodeScalars.append(ch)
            } else {
                word.unicodeScalars.append(ch)
                if current + space.utf8.count + word.utf8.count > limit && word.utf8.count < limit {
                    out += "\n"
                    current = 0
                    space = ""
                }
            }
        }
        if word.isEmpty {
            if current + space.utf8.count <= limit { out += space }
        } else {
            out += space + word
        }
        return out
    }
}

/// ANSI escape sequences used for coloured output.
public enum ANSI {
    public static let reset = "\u{1B}[0m"
    public static let bold = "\u{1B}[1m"
    public static let underline = "\u{1B}[4m"
    public static let red = "\u{1B}[31m"
    public static let green = "\u{1B}[32m"
    public static let yellow = "\u{1B}[33m"
    public static let cyan = "\u{1B}[36m"
    public static let gray = "\u{1B}[90m"
}
