import TerraceHCL

/// A compact, unambiguous rendering of syntax trees for table-driven parser tests.
enum SExpression {
    static func of(_ e: Expr) -> String {
        switch e.kind {
        case .literal(.null): return "null"
        case .literal(.bool(let b)): return b ? "true" : "false"
        case .literal(.number(let n)): return n
        case .literal(.string(let s)): return quote(s)
        case .template(let parts): return "(tmpl" + parts.map { " " + of($0) }.joined() + ")"
        case .templateWrap(let inner): return "(wrap \(of(inner)))"
        case .traversal(let t): return t.description
        case .relativeTraversal(let source, let steps):
            return "(rel \(of(source)) " + steps.map(step).joined() + ")"
        case .call(let name, _, let args, let expand):
            return "(call \(name)" + args.map { " " + of($0) }.joined() + (expand ? " ..." : "") + ")"
        case .tuple(let items): return "[" + items.map(of).joined(separator: " ") + "]"
        case .object(let items):
            return "{" + items.map { ($0.keyIsIdentifier ? "id:" : "") + of($0.key) + "=" + of($0.value) }.joined(separator: " ") + "}"
        case .index(let c, let k): return "(index \(of(c)) \(of(k)))"
        case .splat(let s, let each): return "(splat \(of(s)) \(of(each)))"
        case .splatItem: return "*"
        case .forExpr(let f):
            var s = f.isObject ? "(for{} " : "(for[] "
            s += (f.keyVar.map { $0 + "," } ?? "") + f.valueVar + " in " + of(f.collection) + ": "
            if let k = f.keyExpr { s += of(k) + " => " }
            s += of(f.valueExpr)
            if f.grouping { s += "..." }
            if let c = f.condition { s += " if " + of(c) }
            return s + ")"
        case .conditional(let c, let t, let f): return "(? \(of(c)) \(of(t)) \(of(f)))"
        case .binary(let op, let l, let r): return "(\(op.rawValue) \(of(l)) \(of(r)))"
        case .unary(let op, let x): return "(\(op.rawValue)\(of(x)))"
        case .parens(let x): return "(paren \(of(x)))"
        case .invalid: return "invalid"
        }
    }

    static func of(_ p: TemplatePart) -> String {
        switch p {
        case .literal(let s, _): return quote(s)
        case .interpolation(let e): return of(e)
        case .ifDirective(let c, let t, let e, _):
            return "(if \(of(c)) (" + t.map(of).joined(separator: " ") + ")" + (e.map { " else (" + $0.map(of).joined(separator: " ") + ")" } ?? "") + ")"
        case .forDirective(let k, let v, let coll, let body, _):
            return "(for " + (k.map { $0 + "," } ?? "") + v + " in " + of(coll) + " (" + body.map(of).joined(separator: " ") + "))"
        }
    }

    static func step(_ s: TraversalStep) -> String {
        switch s {
        case .attr(let n, _): return "." + n
        case .index(let k, _): return k.description
        }
    }

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\t", with: "\\t") + "\""
    }
}
