/// A position in a source file: 1-based line and column (in Unicode scalars, as HCL counts
/// columns in characters) and the 0-based byte offset.
public struct SourcePos: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var byte: Int

    public init(line: Int, column: Int, byte: Int) {
        self.line = line
        self.column = column
        self.byte = byte
    }

    public static let start = SourcePos(line: 1, column: 1, byte: 0)

    public static func < (a: SourcePos, b: SourcePos) -> Bool { a.byte < b.byte }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of source text in one file; `end` is the position just after the last character.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var filename: String
    public var start: SourcePos
    public var end: SourcePos

    public init(filename: String, start: SourcePos, end: SourcePos) {
        self.filename = filename
        self.start = start
        self.end = end
    }

    /// A zero-width range at the start of `filename`, for problems about a whole file.
    public static func file(_ filename: String) -> SourceRange {
        SourceRange(filename: filename, start: .start, end: .start)
    }

    /// The smallest range covering both ranges (which must be in the same file).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(filename: filename, start: min(start, other.start), end: max(end, other.end))
    }

    public func contains(_ pos: SourcePos) -> Bool { start.byte <= pos.byte && pos.byte < end.byte }

    public var description: String { "\(filename):\(start.line),\(start.column)-\(end.line),\(end.column)" }
}
