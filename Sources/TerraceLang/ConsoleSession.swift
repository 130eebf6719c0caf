import TerraceBasics
import TerraceHCL

/// One `terraform console` session (Terraform's `repl.Session`): each line is `exit`, `help`,
/// blank, or an expression that is parsed, checked, evaluated and formatted.
public struct ConsoleSession: Sendable {
    /// The outcome of one line.
    public enum Outcome: Sendable, Equatable {
        /// Print this text (a formatted value, or the help text).
        case output(String)
        /// Nothing to print (a blank line).
        case nothing
        /// The user asked to leave.
        case exit
        /// The expression failed; the diagnostics say why.
        case failure(Diagnostics)
    }

    /// The file name diagnostics give console input.
    public static let inputName = "<console-input>"

    /// Builds the evaluation context for an expression, reporting references that do not resolve
    /// (undeclared variables and so on) as Terraform's scope does before evaluating.
    public var scope: @Sendable (Expr) -> (EvalContext, Diagnostics)

    public init(scope: @escaping @Sendable (Expr) -> (EvalContext, Diagnostics)) {
        self.scope = scope
    }

    /// A session over a fixed context.
    public init(context: EvalContext) {
        self.scope = { _ in (context, Diagnostics()) }
    }

    public static let help = """
    The Terraform console allows you to experiment with Terraform interpolations.
    You may access resources in the state (if you have one) just as you would
    from a configuration. For example: "aws_instance.foo.id" would evaluate
    to the ID of "aws_instance.foo" if it exists in your state.

    Type in the interpolation to test and hit <enter> to see the result.

    To exit the console, type "exit" and hit <enter>, or use Control-C or
    Control-D.
    """

    public func handle(_ line: String) -> Outcome {
        let trimmed = Substring(line).trimmingGoSpace()
        switch trimmed {
        case "": return .nothing
        case "exit": return .exit
        case "help": return .output(Self.help)
        default: break
        }
        // Console input is not registered as a source, so diagnostics say "source code not
        // available", as Terraform's do.
        let (expr, parseDiags) = Parser.parseExpression(line, filename: Self.inputName, sources: nil)
        if parseDiags.hasErrors { return .failure(parseDiags.sortedForDisplay()) }
        let (ctx, scopeDiags) = scope(expr)
        if scopeDiags.hasErrors { return .failure(scopeDiags.sortedForDisplay()) }
        let (value, diags) = Evaluator.evaluate(expr, in: ctx)
        if diags.hasErrors { return .failure((scopeDiags + diags).sortedForDisplay()) }
        return .output(ValueFormatter.console(value))
    }
}

extension Diagnostics {
    static func + (a: Diagnostics, b: Diagnostics) -> Diagnostics {
        var out = a
        out += b
        return out
    }

    /// In the order Terraform prints diagnostics (`tfdiags.Diagnostics.Sort`, a stable sort):
    /// warnings first, then those without a location, then by file (fewer path separators
    /// first), start and end.
    public func sortedForDisplay() -> Diagnostics {
        let indexed = Array(items.enumerated())
        let sorted = indexed.sorted { x, y in
            let a = x.element, b = y.element
            if a.severity != b.severity { return a.severity == .warning ? true : (b.severity == .warning ? false : x.offset < y.offset) }
            switch (a.subject, b.subject) {
            case (nil, nil): return x.offset < y.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (sa?, sb?):
                if sa.filename != sb.filename {
                    let ca = sa.filename.filter { $0 == "/" }.count, cb = sb.filename.filter { $0 == "/" }.count
                    if ca != cb { return ca < cb }
                    return sa.filename < sb.filename
                }
                if sa.start.byte != sb.start.byte { return sa.start.byte < sb.start.byte }
                if sa.end.byte != sb.end.byte { return sa.end.byte < sb.end.byte }
                return x.offset < y.offset
            }
        }
        return Diagnostics(sorted.map(\.element))
    }
}
