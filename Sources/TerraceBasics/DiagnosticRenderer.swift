/// Prints diagnostics in Terraform's layout: plain text under `-no-color`, and the boxed,
/// coloured form with the offending range underlined otherwise.
public struct DiagnosticRenderer: Sendable {
    public var color: Bool
    public var width: Int
    public var sources: SourceFiles

    public init(color: Bool = false, width: Int = 78, sources: SourceFiles = .shared) {
        self.color = color
        self.width = width
        self.sources = sources
    }

    /// One diagnostic, starting with a blank line and ending with a newline.
    public func render(_ d: Diagnostic) -> String {
        var body: [String] = []
        let label = d.severity == .error ? "Error: " : "Warning: "
        if color {
            let c = d.severity == .error ? ANSI.red : ANSI.yellow
            body.append("\(ANSI.bold)\(c)\(label)\(ANSI.reset)\(ANSI.bold)\(d.summary)\(ANSI.reset)")
        } else {
            body.append(label + d.summary)
        }
        if let subject = d.subject, subject.start.line > 0 {
            body.append("")
            if let a = d.address { body.append("  with \(a),") }
            body.append(contentsOf: snippet(subject, context: d.context))
        } else if let a = d.address {
            body.append("")
            body.append("  with \(a)")
        }
        if d.detail.isEmpty {
            // Terraform always ends the summary (or the snippet) with a blank line.
            body.append("")
        } else {
            body.append("")
            // Terraform wraps details one column short of the width, and inside the box's
            // "│ " rule another two short (format.DiagnosticPlain / format.Diagnostic).
            body.append(contentsOf: TextWrap.wrap(d.detail, width: color ? width - 3 : width - 1)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
        if !color {
            return "\n" + body.joined(separator: "\n") + "\n"
        }
        let c = d.severity == .error ? ANSI.red : ANSI.yellow
        var out = "\(c)╷\(ANSI.reset)\n"
        for line in body { out += "\(c)│\(ANSI.reset) \(line)\n" }
        out += "\(c)╵\(ANSI.reset)\n"
        return out
    }

    public func render(_ ds: Diagnostics) -> String { ds.map(render).joined() }

    private func snippet(_ subject: SourceRange, context: SourceRange?) -> [String] {
        var out: [String] = []
        var where_ = "  on \(subject.filename) line \(subject.start.line)"
        if let ctx = sources.context(subject.filename, at: subject.start) { where_ += ", in \(ctx)" }
        out.append(where_ + ":")
        let shown = context.map { $0.union(subject) } ?? subject
        var last = shown.end.line
        if shown.end.column == 1 && last > shown.start.line { last -= 1 }
        let lines = sources.lines(subject.filename, from: shown.start.line, to: last)
        // Terraform's layout when the file was not loaded (console input, for one).
        if lines.isEmpty {
            out.append("  (source code not available)")
            return out
        }
        for (i, text) in lines.enumerated() {
            let n = shown.start.line + i
            var shownText = text
            if color { shownText = underline(text, line: n, subject: subject) }
            out.append(pad(n) + ": " + shownText)
        }
        return out
    }

    private func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, 4 - s.count)) + s
    }

    private func underline(_ text: String, line: Int, subject: SourceRange) -> String {
        let scalars = Array(text.unicodeScalars)
        let from = line == subject.start.line ? subject.start.column - 1 : 0
        let to = line == subject.end.line ? subject.end.column - 1 : scalars.count
        guard from >= 0, from < to, from <= scalars.count else { return text }
        let upper = min(to, scalars.count)
        func str(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[r])) }
        return str(0..<from) + ANSI.underline + str(from..<upper) + ANSI.reset + str(upper..<scalars.count)
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
