import TerraceBasics

extension SourceRange {
    /// The range as HCL's `Range.String()` writes it in messages: `main.tf:3,1-29` on one line,
    /// `main.tf:3,1-5,2` across lines.
    public var hclDescription: String {
        if start.line == end.line { return "\(filename):\(start.line),\(start.column)-\(end.column)" }
        return "\(filename):\(start.line),\(start.column)-\(end.line),\(end.column)"
    }

    /// A zero-width range at the start of this one (HCL's "missing item" range of a body).
    public var startOnly: SourceRange { SourceRange(filename: filename, start: start, end: start) }
}
