import TerraceBasics

/// A diagnostic as Terraform's machine-readable output writes it (`views/json/diagnostic.go`):
/// severity, summary, detail, and for diagnostics with a source location its `range` and a
/// `snippet` of the source with the highlighted span. Shared by `validate -json` and any other
/// JSON view that reports diagnostics.
enum DiagnosticJSON {
    static func render(_ d: Diagnostic, sources: SourceFiles) -> JSON {
        var members: [(String, JSON)] = [
            ("severity", .string(d.severity == .error ? "error" : "warning")),
            ("summary", .string(d.summary)),
            ("detail", .string(d.detail)),
        ]
        guard var highlight = d.subject, highlight.start.line > 0 else { return .object(members) }
        var snippetRange = d.context.map { $0.union(highlight) } ?? highlight
        // Empty ranges are widened by one character, so there is something to highlight.
        if snippetRange.start.byte == snippetRange.end.byte { snippetRange.end = next(snippetRange.end) }
        if highlight.start.byte == highlight.end.byte { highlight.end = next(highlight.end) }
        members.append(("range", .object([
            ("filename", .string(highlight.filename)),
            ("start", position(highlight.start)),
            ("end", position(highlight.end)),
        ])))
        if let bytes = sources.bytes(highlight.filename) {
            members.append(("snippet", snippet(bytes, highlight: highlight, range: snippetRange, sources: sources)))
        }
        return .object(members)
    }

    static func next(_ p: SourcePos) -> SourcePos { SourcePos(line: p.line, column: p.column + 1, byte: p.byte + 1) }

    static func position(_ p: SourcePos) -> JSON {
        .object([("line", .number(String(p.line))), ("column", .number(String(p.column))), ("byte", .number(String(p.byte)))])
    }

    /// The source lines the range touches, and the highlight's offsets within them (in bytes,
    /// clamped to the code, as Terraform computes them).
    static func snippet(_ bytes: [UInt8], highlight: SourceRange, range: SourceRange, sources: SourceFiles) -> JSON {
        var lineStarts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { lineStarts.append(i + 1) }
        func lineEnd(_ i: Int) -> Int {
            var e = i + 1 < lineStarts.count ? lineStarts[i + 1] - 1 : bytes.count
            if e > lineStarts[i], bytes[e - 1] == UInt8(ascii: "\r") { e -= 1 }
            return e
        }
        let first = max(0, min(range.start.line - 1, lineStarts.count - 1))
        // The last line is the one holding the range's last byte.
        let lastByte = max(range.start.byte, range.end.byte - 1)
        var last = first
        while last + 1 < lineStarts.count && lineStarts[last + 1] <= lastByte { last += 1 }
        var code: [UInt8] = []
        for i in first...last {
            if i > first { code.append(UInt8(ascii: "\n")) }
            code.append(contentsOf: bytes[lineStarts[i]..<max(lineStarts[i], lineEnd(i))])
        }
        let codeStart = lineStarts[first]
        let start = min(max(highlight.start.byte - codeStart, 0), code.count)
        let end = min(max(start + (highlight.end.byte - highlight.start.byte), 0), code.count)
        let context: JSON = sources.context(highlight.filename, at: highlight.start).map { .string($0) } ?? .null
        return .object([
            ("context", context),
            ("code", .string(String(decoding: code, as: UTF8.self))),
            ("start_line", .number(String(range.start.line))),
            ("highlight_start_offset", .number(String(start))),
            ("highlight_end_offset", .number(String(end))),
            ("values", .array([])),
        ])
    }
}
