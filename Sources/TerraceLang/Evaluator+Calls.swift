import TerraceBasics
import TerraceHCL

/// Function calls as hclsyntax makes them: find the function, expand a final `...` argument,
/// check the argument count, convert every argument to its parameter's type (reporting each
/// that fails), then call it with cty's rules for null, unknown and marked arguments.
extension Evaluation {
    mutating func call(_ name: String, _ nameRange: SourceRange, _ argExprs: [Expr], _ expandFinal: Bool,
                       _ range: SourceRange, _ ctx: EvalContext) -> Value {
        guard let fn = ctx.functions[name] else {
            if ctx.functions.functions.isEmpty {
                error("Function calls not allowed", "Functions may not be called here.", range)
            } else {
                var detail = "There is no function named \"\(name)\"."
                if let s = Suggestions.nearest(name, in: ctx.functions.names) { detail += " Did you mean \"\(s)\"?" }
                error("Call to unknown function", detail, nameRange, context: range)
            }
            return .dynamicUnknown
        }
        if fn.takesExpressions { return tryOrCan(name, fn, argExprs, range, ctx) }
        // Arguments as (value, range); the expanded final argument's elements are literals.
        var args: [(Expr?, Value?, SourceRange)] = argExprs.map { ($0, nil, $0.range) }
        if expandFinal, let last = argExprs.last {
            let before = diags.errors.count
            let v = value(last, ctx)
            if diags.errors.count > before { return .dynamicUnknown }
            let t = v.type
            if t == .dynamic || t.isTuple || t.isList || t.isSet {
                if v.isNull {
                    error("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.",
                          last.range, context: range)
                    return .dynamicUnknown
                }
                if t == .dynamic || !v.isKnown { return .dynamicUnknown }
                args.removeLast()
                for item in v.elements ?? [] {
                    args.append((nil, v.sensitive ? item.marked() : item, last.range))
                }
            } else {
                error("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.",
                      last.range, context: range)
                return .dynamicUnknown
            }
        }
        if args.count < fn.params.count {
            let missing = fn.params[args.count]
            error("Not enough function arguments",
                  "Function \"\(name)\" expects\(fn.variadic == nil ? "" : " at least") \(fn.params.count) argument(s). Missing value for \"\(missing.name)\".",
                  range, context: range)
            return .dynamicUnknown
        }
        if fn.variadic == nil && args.count > fn.params.count {
            error("Too many function arguments", "Function \"\(name)\" expects only \(fn.params.count) argument(s).",
                  args[fn.params.count].2, context: range)
            return .dynamicUnknown
        }
        let before = diags.errors.count
        var values: [Value] = []
        for (i, (expr, literal, argRange)) in args.enumerated() {
            let param = i < fn.params.count ? fn.params[i] : fn.variadic!
            var v = literal ?? value(expr!, ctx)
            do {
                v = try Conversion.convert(v, to: param.type)
            } catch {
                self.error("Invalid function argument", "Invalid value for \"\(param.name)\" parameter: \(error.message).",
                           argRange, context: range)
            }
            values.append(v)
        }
        if diags.errors.count > before { return .dynamicUnknown }
        switch fn.call(values, ctx) {
        case .success(let v):
            return v
        case .failure(var failure):
            failure.message = Value.redacting(failure.message, sensitiveIn: values)
            if let i = failure.argument {
                let param = i < fn.params.count ? fn.params[i] : fn.variadic
                if let param, i < args.count {
                    error("Invalid function argument", "Invalid value for \"\(param.name)\" parameter: \(failure.message).",
                          args[i].2, context: range)
                } else if let param {
                    error("Invalid function argument", "Invalid value for \"\(param.name)\" parameter: \(failure.message).", range)
                } else {
                    error("Error in function call", "Call to function \"\(name)\" failed: \(failure.message).", range, context: range)
                }
            } else {
                error("Error in function call", "Call to function \"\(name)\" failed: \(failure.message).", range, context: range)
            }
            return .dynamicUnknown
        }
    }
}
