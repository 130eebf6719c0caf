import TerraceBasics
import TerraceHCL

/// `templatefile(path, vars)`: renders a template file (relative to the module directory) with
/// the given variables and every other function, as Terraform's `MakeTemplateFileFunc`.
extension Builtins {
    /// The heredoc marker the template text is wrapped in to parse it as a template; the parser
    /// has no separate template entry point.
    static let templateMarker = "TERRACE_TEMPLATE_EOT_7f3a"

    /// A parse of the template file: its expression, or hcl-style error text.
    static func loadTemplate(_ path: String, _ baseDir: String) throws(Function.Failure) -> Expr {
        let text = try fileText(path, baseDir)
        let endsWithNewline = text.hasSuffix("\n")
        let source = "<<\(templateMarker)\n" + text + (endsWithNewline ? "" : "\n") + templateMarker + "\n"
        let (expr, diags) = Parser.parseExpression(source, filename: path, sources: nil)
        if diags.hasErrors { throw Function.Failure(hclErrorText(diags)) }
        var e = expr
        if !endsWithNewline, case .template(var parts) = e.kind {
            if case .literal(var s, let r)? = parts.last, s.hasSuffix("\n") {
                s.removeLast()
                if s.isEmpty { parts.removeLast() } else { parts[parts.count - 1] = .literal(s, r) }
            }
            if parts.count == 1, case .interpolation(let inner) = parts[0] {
                e = Expr(.templateWrap(inner), e.range)
            } else {
                e = Expr(.template(parts), e.range)
            }
        }
        return e
    }

    /// hcl's `Diagnostics.Error()`, with lines counted in the template file.
    static func hclErrorText(_ diags: Diagnostics) -> String {
        func one(_ d: Diagnostic) -> String {
            guard var s = d.subject else { return "\(d.summary); \(d.detail)" }
            s.start.line -= 1
            s.end.line -= 1
            return "\(Evaluation.hclRange(s)): \(d.summary); \(d.detail)"
        }
        let errs = diags.errors
        guard let first = errs.first else { return "no diagnostics" }
        if errs.count == 1 { return one(first) }
        return "\(one(first)), and \(errs.count - 1) other diagnostic(s)"
    }

    static func render(_ expr: Expr, _ vars: Value, _ functions: FunctionTable) throws(Function.Failure) -> Value {
        guard vars.type.isMap || vars.type.isObject else {
            throw Function.Failure("invalid vars value: must be a map", argument: 1)
        }
        let names = vars.attributes ?? [:]
        for n in names.keys.sorted() where !Identifier.isValid(n) {
            throw Function.Failure("invalid template variable name \(GoQuote.quote(n)): must start with a letter, followed by zero or more letters, digits, and underscores", argument: 1)
        }
        for t in expr.variables where names[t.root] == nil {
            var r = t.rootRange
            r.start.line -= 1
            r.end.line -= 1
            throw Function.Failure("vars map does not contain key \(GoQuote.quote(t.root)), referenced at \(Evaluation.hclRange(r))", argument: 1)
        }
        var fns = functions
        fns["templatefile"] = Function(params: [.init("path", .string), .init("vars", .dynamic)], type: { _ throws(Function.Failure) in
            throw Function.Failure("cannot recursively call templatefile from inside templatefile call")
        }, impl: { _, _ in .dynamicUnknown })
        let (v, diags) = Evaluator.evaluate(expr, in: EvalContext(variables: names, functions: fns))
        if diags.hasErrors { throw Function.Failure(hclErrorText(diags)) }
        return v
    }

    static func templateFileFunction(baseDir: String, functions: FunctionTable) -> Function {
        Function(
            params: [.init("path", .string), .init("vars", .dynamic)],
            type: { args throws(Function.Failure) in
                guard args[0].isKnown, args[1].isKnown else { return .dynamic }
                let expr: Expr
                do throws(Function.Failure) { expr = try loadTemplate(str(args[0]), baseDir) } catch { throw error }
                return try render(expr, args[1], functions).type
            },
            impl: { args, _ throws(Function.Failure) in
                try render(try loadTemplate(str(args[0]), baseDir), args[1], functions)
            })
    }
}
