import TerraceBasics
import TerraceHCL

/// Reading expressions that Terraform takes statically (references in `depends_on`, type
/// constraints, provider references, keywords), including their JSON-syntax spelling, where
/// the same thing is a string holding native syntax: `"depends_on": ["aws_vpc.main"]`.
enum StaticExpr {
    /// The expression itself, or for a string in a JSON body the native expression it holds.
    static func native(_ e: Expr, json: Bool) -> Expr {
        guard json, let s = e.asStaticString else { return e }
        return parseNative(s, at: e.range) ?? e
    }

    /// A traversal written as a string: the deprecated quoted form in native syntax, and the only
    /// form JSON syntax has. Ranges are moved to where the string's text sits in the file.
    static func quotedTraversal(_ e: Expr) -> Traversal? {
        guard let s = e.asStaticString else { return nil }
        return parseNative(s, at: e.range).flatMap(traversal)
    }

    /// An expression read as traversal syntax, as HCL's `AbsTraversalForExpr`: like
    /// `asTraversal`, but the keywords `null`, `true` and `false` are names here (so
    /// `provider = null.west` names the `null` provider) and static steps after them count.
    static func traversal(_ e: Expr) -> Traversal? {
        switch e.kind {
        case .traversal(let t): return t
        case .parens(let inner): return traversal(inner)
        case .literal(.null): return Traversal(root: "null", rootRange: e.range)
        case .literal(.bool(let b)): return Traversal(root: b ? "true" : "false", rootRange: e.range)
        case .relativeTraversal(let source, let steps):
            guard var t = traversal(source) else { return nil }
            t.steps += steps
            return t
        case .index(let collection, let key):
            // A literal key is a static index step; its range covers the brackets.
            guard var t = traversal(collection) else { return nil }
            let r = SourceRange(filename: e.range.filename, start: collection.range.end, end: e.range.end)
            switch key.kind {
            case .literal(.number(let n)): t.steps.append(.index(.number(n), r))
            case .literal(.string(let s)): t.steps.append(.index(.string(s), r))
            default:
                guard let s = key.asStaticString else { return nil }
                t.steps.append(.index(.string(s), r))
            }
            return t
        default: return nil
        }
    }

    /// Where HCL reports a value of the wrong type: the first part of a template (inside its
    /// quotes), otherwise the whole expression.
    static func startRange(_ e: Expr) -> SourceRange {
        if case .template(let parts) = e.kind, case .literal(_, let r)? = parts.first { return r }
        return e.range
    }

    /// Parses `text` as a native-syntax expression, then shifts its ranges so that they point
    /// inside the quoted string at `range` (which starts at the opening quote).
    static func parseNative(_ text: String, at range: SourceRange) -> Expr? {
        guard !text.contains("\n") else { return nil }
        let (expr, diags) = Parser.parseExpression(text, filename: range.filename, sources: nil)
        if diags.hasErrors { return nil }
        return shift(expr, by: range)
    }

    static func shift(_ e: Expr, by base: SourceRange) -> Expr {
        // Only traversals and keywords are read from these expressions, so only their ranges move.
        func pos(_ p: SourcePos) -> SourcePos {
            SourcePos(line: base.start.line, column: base.start.column + p.column, byte: base.start.byte + 1 + p.byte)
        }
        func rng(_ r: SourceRange) -> SourceRange { SourceRange(filename: base.filename, start: pos(r.start), end: pos(r.end)) }
        switch e.kind {
        case .traversal(let t):
            let steps = t.steps.map { step -> TraversalStep in
                switch step {
                case .attr(let n, let r): return .attr(n, rng(r))
                case .index(let k, let r): return .index(k, rng(r))
                }
            }
            return Expr(.traversal(Traversal(root: t.root, rootRange: rng(t.rootRange), steps: steps)), rng(e.range))
        default:
            return Expr(e.kind, rng(e.range))
        }
    }
}

extension Expr {
    /// This expression read as a static reference, as HCL's `AbsTraversalForExpr` reads it
    /// (`null.west` names the `null` provider, though `null` alone is a literal).
    public var staticTraversal: Traversal? { StaticExpr.traversal(self) }
}
