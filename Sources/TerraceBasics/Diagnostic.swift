/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
}

/// A problem found in user input: a short title-case summary, a full-sentence detail and the
/// source range it is about, as HCL's diagnostics have.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var summary: String
    public var detail: String
    /// The tight range of the offending construct.
    public var subject: SourceRange?
    /// An optional wider range giving context (for example the whole expression).
    public var context: SourceRange?
    /// The resource instance the problem concerns (`with module.rds.aws_db_instance.this,`).
    public var address: String?

    public init(_ severity: Severity = .error, summary: String, detail: String = "",
                subject: SourceRange? = nil, context: SourceRange? = nil) {
        self.severity = severity
        self.summary = summary
        self.detail = detail
        self.subject = subject
        self.context = context
    }

    public static func error(_ summary: String, _ detail: String = "", at subject: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.error, summary: summary, detail: detail, subject: subject)
    }

    public static func warning(_ summary: String, _ detail: String = "", at subject: SourceRange? = nil) -> Diagnostic {
        Diagnostic(.warning, summary: summary, detail: detail, subject: subject)
    }

    public var description: String {
        var s = "\(severity == .error ? "Error" : "Warning"): \(summary)"
        if let subject { s += " (\(subject))" }
        if !detail.isEmpty { s += ": \(detail)" }
        return s
    }
}

/// An ordered list of diagnostics; most loaders and evaluators return one beside a partial result.
public struct Diagnostics: Sendable, Hashable, Sequence, CustomStringConvertible {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) { self.items = items }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var isEmpty: Bool { items.isEmpty }
    public var count: Int { items.count }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    public mutating func append(_ d: Diagnostic) { items.append(d) }
    public mutating func append(contentsOf other: Diagnostics) { items.append(contentsOf: other.items) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    public static func += (lhs: inout Diagnostics, rhs: Diagnostics) { lhs.append(contentsOf: rhs) }
    public static func += (lhs: inout Diagnostics, rhs: Diagnostic) { lhs.append(rhs) }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }

    public var description: String { items.map(\.description).joined(separator: "\n") }
}

/// Thrown when an operation stops because of the diagnostics it carries.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: Diagnostics
    public init(_ diagnostics: Diagnostics) { self.diagnostics = diagnostics }
    public init(_ diagnostic: Diagnostic) { self.diagnostics = Diagnostics([diagnostic]) }
    public var description: String { diagnostics.description }
}
