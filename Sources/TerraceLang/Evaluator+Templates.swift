import TerraceBasics
import TerraceHCL

/// String templates as hclsyntax evaluates them. Directives are the expressions hclsyntax
/// builds for them: `%{if}` a conditional between two templates, `%{for}` a `for` expression
/// whose results are joined.
extension Evaluation {
    mutating func template(_ parts: [TemplatePart], _ range: SourceRange, _ ctx: EvalContext) -> Value {
        var out = ""
        var known = true
        var marked = false
        for part in parts {
            let partRange: SourceRange
            let v: Value
            switch part {
            case .literal(let s, _):
                out += s
                continue
            case .interpolation(let e):
                partRange = e.range
                v = value(e, ctx)
            case .ifDirective(let cond, let thenParts, let elseParts, let r):
                partRange = r
                v = ifDirective(cond, thenParts, elseParts, r, ctx)
            case .forDirective(let keyVar, let valueVar, let collection, let body, let r):
                partRange = r
                v = forDirective(keyVar, valueVar, collection, body, r, ctx)
            }
            if v.isNull {
                error("Invalid template interpolation value",
                      "The expression result is null. Cannot include a null value in a string template.",
                      partRange, context: range)
                continue
            }
            marked = marked || v.sensitive
            var plain = v
            plain.sensitive = false
            guard plain.isKnown else { known = false; continue }
            do {
                let s = try Conversion.convert(plain, to: .string)
                out += s.stringValue ?? ""
            } catch {
                self.error("Invalid template interpolation value",
                           "Cannot include the given value in a string template: \(error.message).",
                           partRange, context: range)
            }
        }
        return Value(known ? .string(out) : .unknown(.string), sensitive: marked)
    }

    private mutating func ifDirective(_ cond: Expr, _ thenParts: [TemplatePart], _ elseParts: [TemplatePart]?,
                                      _ range: SourceRange, _ ctx: EvalContext) -> Value {
        // A conditional between two string templates (hclsyntax's ConditionalExpr).
        var thenEval = Evaluation(), elseEval = Evaluation()
        let tv = thenEval.template(thenParts, range, ctx)
        let fv = elseParts.map { elseEval.template($0, range, ctx) } ?? .string("")
        let c = value(cond, ctx)
        if c.isNull {
            error("Null condition", "The condition value is null. Conditions must either be true or false.", cond.range, context: range)
            return .unknown(.string)
        }
        guard c.isKnown else { return .unknown(.string) }
        guard let b = (try? Conversion.convert(c, to: .bool))?.boolValue else {
            error("Incorrect condition type", "The condition expression must be of type bool.", cond.range, context: range)
            return .unknown(.string)
        }
        diags += (b ? thenEval : elseEval).diags
        return b ? tv : fv
    }

    private mutating func forDirective(_ keyVar: String?, _ valueVar: String, _ collection: Expr, _ body: [TemplatePart],
                                       _ range: SourceRange, _ ctx: EvalContext) -> Value {
        // A `for` expression producing a tuple of strings, then joined (TemplateJoinExpr).
        let bodyExpr = Expr(.template(body), range)
        let tuple = forExpr(ForClause(keyVar: keyVar, valueVar: valueVar, collection: collection, keyExpr: nil,
                                      valueExpr: bodyExpr, condition: nil, grouping: false), range, ctx)
        if tuple.type == .dynamic || !tuple.isKnown { return Value(.unknown(.string), sensitive: tuple.sensitive) }
        var out = ""
        var marked = tuple.sensitive
        for v in tuple.elements ?? [] {
            if v.isNull {
                error("Invalid template interpolation value",
                      "An iteration result is null. Cannot include a null value in a string template.", range)
                continue
            }
            if v.type == .dynamic { return Value(.unknown(.string), sensitive: tuple.sensitive) }
            guard let s = try? Conversion.convert(v, to: .string) else {
                error("Invalid template interpolation value",
                      "Cannot include one of the interpolation results into the string template: \(Conversion.mismatchMessage(v.type, .string)).",
                      range)
                continue
            }
            if !v.isKnown { return Value(.unknown(.string), sensitive: tuple.sensitive) }
            marked = marked || s.sensitive
            out += s.stringValue ?? ""
        }
        return Value(.string(out), sensitive: marked)
    }
}
