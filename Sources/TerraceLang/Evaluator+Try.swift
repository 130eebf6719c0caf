import TerraceBasics
import TerraceHCL

/// `try` and `can` (hcl's tryfunc), which take their arguments as expressions: an expression
/// that reads unknown values makes the result unknown; one that fails is skipped (`try`) or
/// gives false (`can`).
extension Evaluation {
    mutating func tryOrCan(_ name: String, _ fn: Function, _ args: [Expr], _ range: SourceRange, _ ctx: EvalContext) -> Value {
        if args.count < fn.params.count {
            error("Not enough function arguments",
                  "Function \"\(name)\" expects \(fn.params.count) argument(s). Missing value for \"\(fn.params[args.count].name)\".",
                  range, context: range)
            return .dynamicUnknown
        }
        if fn.variadic == nil && args.count > fn.params.count {
            error("Too many function arguments", "Function \"\(name)\" expects only \(fn.params.count) argument(s).",
                  args[fn.params.count].range, context: range)
            return .dynamicUnknown
        }
        if name == "can" {
            if dependsOnUnknowns(args[0], ctx) { return .unknown(.bool) }
            var sub = Evaluation()
            _ = sub.value(args[0], ctx)
            return .bool(!sub.diags.hasErrors)
        }
        guard !args.isEmpty else {
            error("Error in function call", "Call to function \"\(name)\" failed: at least one argument is required.", range, context: range)
            return .dynamicUnknown
        }
        var failures: [Diagnostic] = []
        for arg in args {
            if dependsOnUnknowns(arg, ctx) { return .dynamicUnknown }
            var sub = Evaluation()
            let v = sub.value(arg, ctx)
            if sub.diags.hasErrors {
                failures += sub.diags.items
                continue
            }
            return v
        }
        var msg = "no expression succeeded:\n"
        for d in failures {
            if let s = d.subject {
                msg += "- \(d.summary) (at \(Self.hclRange(s)))\n  \(d.detail)\n"
            } else {
                msg += "- \(d.summary)\n  \(d.detail)\n"
            }
        }
        msg += "\nAt least one expression must produce a successful result"
        error("Error in function call", "Call to function \"\(name)\" failed: \(msg).", range, context: range)
        return .dynamicUnknown
    }

    /// Whether any variable the expression reads is not wholly known.
    private func dependsOnUnknowns(_ e: Expr, _ ctx: EvalContext) -> Bool {
        for t in e.variables {
            guard let root = ctx.variables[t.root] else { continue }
            var scratch = Diagnostics()
            let v = Access.apply(t.steps, to: root, &scratch)
            if scratch.hasErrors { continue }
            if !v.isWhollyKnown { return true }
        }
        return false
    }

    /// A range as hcl prints it: `file:line,col-col`, or `file:line,col-line,col` across lines.
    static func hclRange(_ r: SourceRange) -> String {
        if r.start.line == r.end.line {
            return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.column)"
        }
        return "\(r.filename):\(r.start.line),\(r.start.column)-\(r.end.line),\(r.end.column)"
    }
}
