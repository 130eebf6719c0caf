import TerraceBasics
import TerraceHCL

/// Evaluates HCL expressions to values. Errors are diagnostics naming the expression's range
/// with Terraform's summaries; an expression that fails yields an unknown value so callers can
/// carry on and report further problems.
public enum Evaluator {
    public static func evaluate(_ expr: Expr, in ctx: EvalContext) -> (Value, Diagnostics) {
        do {
            return (try eval(expr, ctx, splatItem: nil), Diagnostics())
        } catch {
            return (.dynamicUnknown, Diagnostics([error]))
        }
    }

    /// Evaluates and converts to `type`, reporting a conversion failure at the expression.
    public static func evaluate(_ expr: Expr, in ctx: EvalContext, as type: ValueType, what: String = "value") -> (Value, Diagnostics) {
        let (v, diags) = evaluate(expr, in: ctx)
        if diags.hasErrors { return (.unknown(type), diags) }
        do {
            return (try Conversion.convert(v, to: type), diags)
        } catch {
            return (.unknown(type), Diagnostics([.error("Incorrect \(what) type",
                "Invalid expression value: \(error.description).", at: expr.range)]))
        }
    }

    static func eval(_ e: Expr, _ ctx: EvalContext, splatItem: Value?) throws(Diagnostic) -> Value {
        switch e.kind {
        case .literal(let lit):
            switch lit {
            case .null: return .dynamicNull
            case .bool(let b): return .bool(b)
            case .string(let s): return .string(s)
            case .number(let text):
                guard let n = Number(parsing: text) else {
                    throw .error("Invalid number literal", "Failed to recognize the value of this number literal.", at: e.range)
                }
                return .number(n)
            }
        case .template(let parts):
            return try evalTemplate(parts, ctx, splatItem: splatItem)
        case .templateWrap(let inner):
            return try eval(inner, ctx, splatItem: splatItem)
        case .parens(let inner):
            return try eval(inner, ctx, splatItem: splatItem)
        case .traversal(let t):
            guard let root = ctx.variables[t.root] else {
                throw .error("Unknown variable", "There is no variable named \"\(t.root)\".", at: t.rootRange)
            }
            return try applySteps(root, t.steps)
        case .relativeTraversal(let source, let steps):
            return try applySteps(try eval(source, ctx, splatItem: splatItem), steps)
        case .splatItem:
            return splatItem ?? .dynamicUnknown
        case .call(let name, let nameRange, let args, let expandFinal):
            return try evalCall(name, nameRange, args, expandFinal, e.range, ctx, splatItem)
        case .tuple(let items):
            var out: [Value] = []
            for item in items { out.append(try eval(item, ctx, splatItem: splatItem)) }
            return .tuple(out)
        case .object(let items):
            var out: [String: Value] = [:]
            var unknown = false
            var sensitive = false
            for item in items {
                var key = "?"
                if item.keyIsIdentifier, case .literal(.string(let s)) = item.key.kind {
                    key = s
                } else {
                    let k = try eval(item.key, ctx, splatItem: splatItem)
                    if k.isNull {
                        throw .error("Invalid object key", "Key expression in object constructor must not be null.", at: item.key.range)
                    }
                    if !k.isWhollyKnown { unknown = true; continue }
                    sensitive = sensitive || k.sensitive
                    guard let s = try? Conversion.convert(k, to: .string), let str = s.stringValue else {
                        throw .error("Incorrect key type",
                                     "Can't use this value as a key: string required.", at: item.key.range)
                    }
                    key = str
                }
                out[key] = try eval(item.value, ctx, splatItem: splatItem)
            }
            if unknown { return .unknown(.dynamic) }
            return Value(.object(out), sensitive: sensitive)
        case .index(let collection, let key):
            let c = try eval(collection, ctx, splatItem: splatItem)
            let k = try eval(key, ctx, splatItem: splatItem)
            return try index(c, k, range: key.range, collectionRange: collection.range)
        case .splat(let source, let each):
            return try evalSplat(source, each, ctx, splatItem)
        case .forExpr(let f):
            return try evalFor(f, e.range, ctx, splatItem)
        case .conditional(let cond, let t, let f):
            return try evalConditional(cond, t, f, e.range, ctx, splatItem)
        case .binary(let op, let l, let r):
            return try evalBinary(op, l, r, e.range, ctx, splatItem)
        case .unary(let op, let operand):
            let v = try eval(operand, ctx, splatItem: splatItem)
            switch op {
            case .negate:
                let n = try operandValue(v, .number, operand.range, "operand")
                guard n.isKnown else { return Value(.unknown(.number), sensitive: v.sensitive) }
                return Value(.number(-(n.numberValue ?? Number(0))), sensitive: v.sensitive)
            case .not:
                let b = try operandValue(v, .bool, operand.range, "operand")
                guard b.isKnown else { return Value(.unknown(.bool), sensitive: v.sensitive) }
                return Value(.bool(!(b.boolValue ?? false)), sensitive: v.sensitive)
            }
        case .invalid:
            return .dynamicUnknown
        }
    }

    // MARK: - Templates

    static func evalTemplate(_ parts: [TemplatePart], _ ctx: EvalContext, splatItem: Value?) throws(Diagnostic) -> Value {
        var out = ""
        var unknown = false
        var sensitive = false
        func append(_ v: Value, _ range: SourceRange) throws(Diagnostic) {
            sensitive = sensitive || v.containsSensitive
            if v.isNull {
                throw .error("Invalid template interpolation value",
                             "The expression result is null. Cannot include a null value in a string template.", at: range)
            }
            if !v.isKnown { unknown = true; return }
            guard let s = try? Conversion.convert(v.unmarkedDeep, to: .string), let str = s.stringValue else {
                throw .error("Invalid template interpolation value",
                             "Cannot include the given value in a string template: string required.", at: range)
            }
            out += str
        }
        for part in parts {
            switch part {
            case .literal(let s, _): out += s
            case .interpolation(let e):
                try append(try eval(e, ctx, splatItem: splatItem), e.range)
            case .ifDirective(let cond, let thenParts, let elseParts, _):
                let c = try eval(cond, ctx, splatItem: splatItem)
                sensitive = sensitive || c.sensitive
                if c.isNull {
                    throw .error("Invalid template if condition", "The condition value is null. Conditions must either be true or false.", at: cond.range)
                }
                guard c.isKnown else { unknown = true; continue }
                guard let b = (try? Conversion.convert(c, to: .bool))?.boolValue else {
                    throw .error("Invalid template if condition", "The condition value is invalid: bool required.", at: cond.range)
                }
                let chosen = b ? thenParts : (elseParts ?? [])
                let v = try evalTemplate(chosen, ctx, splatItem: splatItem)
                try append(v, cond.range)
            case .forDirective(let keyVar, let valueVar, let collection, let body, _):
                let c = try eval(collection, ctx, splatItem: splatItem)
                sensitive = sensitive || c.sensitive
                if c.isNull {
                    throw .error("Invalid template for directive", "Cannot iterate over a null value.", at: collection.range)
                }
                guard c.isKnown else { unknown = true; continue }
                guard let pairs = iterationPairs(c) else {
                    throw .error("Invalid template for directive", "A value of type \(c.type) cannot be used as the collection in a 'for' expression.", at: collection.range)
                }
                for (k, v) in pairs {
                    var names = [valueVar: v]
                    if let keyVar { names[keyVar] = k }
                    let part = try evalTemplate(body, ctx.adding(names), splatItem: splatItem)
                    try append(part, collection.range)
                }
            }
        }
        if unknown { return Value(.unknown(.string), sensitive: sensitive) }
        return Value(.string(out), sensitive: sensitive)
    }

    /// Key/value pairs to iterate: indexes for sequences, sorted keys for maps and objects.
    static func iterationPairs(_ c: Value) -> [(Value, Value)]? {
        switch c.kind {
        case .list(let items, _), .tuple(let items), .set(let items, _):
            return items.enumerated().map { (.number($0.offset), c.sensitive ? $0.element.marked() : $0.element) }
        case .map(let items, _), .object(let items):
            return items.keys.sorted().map { (.string($0), c.sensitive ? items[$0]!.marked() : items[$0]!) }
        default:
            return nil
        }
    }

    // MARK: - Traversal and indexing

    static func applySteps(_ start: Value, _ steps: [TraversalStep]) throws(Diagnostic) -> Value {
        var v = start
        for step in steps {
            switch step {
            case .attr(let name, let r):
                v = try getAttr(v, name, range: r)
            case .index(let key, let r):
                switch key {
                case .number(let n): v = try index(v, .number(Number(parsing: n) ?? Number(0)), range: r, collectionRange: r)
                case .string(let s): v = try index(v, .string(s), range: r, collectionRange: r)
                }
            }
        }
        return v
    }

    public static func getAttr(_ v: Value, _ name: String, range: SourceRange) throws(Diagnostic) -> Value {
        switch v.kind {
        case .unknown(let t):
            if case .object(let attrs, _) = t {
                if let at = attrs[name] { return Value(.unknown(at), sensitive: v.sensitive) }
                throw .error("Unsupported attribute",
                             "This object does not have an attribute named \"\(name)\".\(Suggestions.didYouMean(name, in: attrs.keys))", at: range)
            }
            if case .map(let e) = t { return Value(.unknown(e), sensitive: v.sensitive) }
            return Value(.unknown(.dynamic), sensitive: v.sensitive)
        case .null:
            throw .error("Attempt to get attribute from null value",
                         "This value is null, so it does not have any attributes.", at: range)
        case .object(let attrs):
            guard let a = attrs[name] else {
                throw .error("Unsupported attribute",
                             "This object does not have an attribute named \"\(name)\".\(Suggestions.didYouMean(name, in: attrs.keys))", at: range)
            }
            return v.sensitive ? a.marked() : a
        case .map(let items, _):
            guard let a = items[name] else {
                throw .error("Unsupported attribute", "This map does not have an element with the key \"\(name)\".", at: range)
            }
            return v.sensitive ? a.marked() : a
        case .list, .tuple, .set:
            throw .error("Unsupported attribute",
                         "Can't access attributes on a list of objects. Did you mean to access an attribute for a specific element of the list, or across all elements of the list?",
                         at: range)
        default:
            throw .error("Unsupported attribute", "Can't access attributes on a primitive-typed value (\(v.type)).", at: range)
        }
    }

    public static func index(_ c: Value, _ k: Value, range: SourceRange, collectionRange: SourceRange) throws(Diagnostic) -> Value {
        let mark = c.sensitive || k.sensitive
        if c.isNull {
            throw .error("Attempt to index null value", "This value is null, so it does not have any indices.", at: range)
        }
        if k.isNull {
            throw .error("Invalid index", "Can't use a null value as an indexing key.", at: range)
        }
        if !c.isKnown || !k.isKnown {
            var t = ValueType.dynamic
            switch c.type {
            case .list(let e), .map(let e): t = e
            default: break
            }
            return Value(.unknown(t), sensitive: mark)
        }
        switch c.kind {
        case .list(let items, _), .tuple(let items):
            guard let kn = (try? Conversion.convert(k, to: .number))?.numberValue else {
                throw .error("Invalid index", "The given key does not identify an element in this collection value: a number is required.", at: range)
            }
            guard kn.isInteger, let i = kn.intValue else {
                throw .error("Invalid index", "The given key does not identify an element in this collection value: indexing a sequence requires a whole number.", at: range)
            }
            guard i >= 0, i < items.count else {
                throw .error("Invalid index", "The given key does not identify an element in this collection value.", at: range)
            }
            return mark ? items[i].marked() : items[i]
        case .map(let items, _), .object(let items):
            guard let ks = (try? Conversion.convert(k, to: .string))?.stringValue else {
                throw .error("Invalid index", "The given key does not identify an element in this collection value: string required.", at: range)
            }
            guard let v = items[ks] else {
                if case .object = c.kind {
                    throw .error("Unsupported attribute",
                                 "This object does not have an attribute named \"\(ks)\".\(Suggestions.didYouMean(ks, in: items.keys))", at: range)
                }
                throw .error("Invalid index", "The given key does not identify an element in this collection value.", at: range)
            }
            return mark ? v.marked() : v
        case .set:
            throw .error("Invalid index",
                         "Elements of a set are identified only by their value and don't have any separate index or key to select with, so it's only possible to perform operations across all elements of the set.",
                         at: range)
        default:
            throw .error("Invalid index", "This value does not have any indices.", at: range)
        }
    }

    // MARK: - Calls

    static func evalCall(_ name: String, _ nameRange: SourceRange, _ argExprs: [Expr], _ expandFinal: Bool,
                         _ range: SourceRange, _ ctx: EvalContext, _ splatItem: Value?) throws(Diagnostic) -> Value {
        guard let fn = ctx.functions[name] else {
            var detail = "There is no function named \"\(name)\"."
            if let s = Suggestions.nearest(name, in: ctx.functions.names) { detail += " Did you mean \"\(s)\"?" }
            throw .error("Call to unknown function", detail, at: nameRange)
        }
        var args: [Value] = []
        var ranges: [SourceRange] = []
        for (i, a) in argExprs.enumerated() {
            let v = try eval(a, ctx, splatItem: splatItem)
            if expandFinal && i == argExprs.count - 1 {
                if v.isNull {
                    throw .error("Invalid expanding argument value", "The expanding argument (indicated by ...) must not be null.", at: a.range)
                }
                guard v.isKnown else { return .unknown(fn.returnType(args)) }
                guard let items = v.elements else {
                    throw .error("Invalid expanding argument value", "The expanding argument (indicated by ...) must be of a tuple, list, or set type.", at: a.range)
                }
                for item in items {
                    args.append(v.sensitive ? item.marked() : item)
                    ranges.append(a.range)
                }
            } else {
                args.append(v)
                ranges.append(a.range)
            }
        }
        return try fn.call(name: name, args: args, argRanges: ranges, callRange: range)
    }

    // MARK: - Splat and for

    static func evalSplat(_ source: Expr, _ each: Expr, _ ctx: EvalContext, _ outer: Value?) throws(Diagnostic) -> Value {
        let s = try eval(source, ctx, splatItem: outer)
        if s.isNull { return .emptyTuple }
        guard s.isKnown else { return Value(.unknown(.dynamic), sensitive: s.sensitive) }
        switch s.kind {
        case .list(let items, _), .set(let items, _):
            var out: [Value] = []
            for item in items { out.append(try eval(each, ctx, splatItem: s.sensitive ? item.marked() : item)) }
            if items.isEmpty { return Value(.list([], element: .dynamic), sensitive: s.sensitive) }
            return Value(.list(out, element: Conversion.unify(out.map(\.type)) ?? .dynamic), sensitive: s.sensitive)
        case .tuple(let items):
            var out: [Value] = []
            for item in items { out.append(try eval(each, ctx, splatItem: s.sensitive ? item.marked() : item)) }
            return Value(.tuple(out), sensitive: s.sensitive)
        default:
            // A single value is treated as a one-element tuple.
            return .tuple([try eval(each, ctx, splatItem: s)])
        }
    }

    static func evalFor(_ f: ForExpr, _ range: SourceRange, _ ctx: EvalContext, _ splatItem: Value?) throws(Diagnostic) -> Value {
        let c = try eval(f.collection, ctx, splatItem: splatItem)
        if c.isNull {
            throw .error("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.", at: f.collection.range)
        }
        guard c.isKnown else { return Value(.unknown(.dynamic), sensitive: c.sensitive) }
        guard let pairs = iterationPairs(c) else {
            throw .error("Iteration over non-iterable value",
                         "A value of type \(c.type) cannot be used as the collection in a 'for' expression.", at: f.collection.range)
        }
        var tupleItems: [Value] = []
        var objectItems: [String: Value] = [:]
        var groups: [String: [Value]] = [:]
        var unknown = false
        for (k, v) in pairs {
            var names = [f.valueVar: v]
            if let kv = f.keyVar { names[kv] = k }
            let inner = ctx.adding(names)
            if let cond = f.condition {
                let cv = try eval(cond, inner, splatItem: splatItem)
                if cv.isNull {
                    throw .error("Condition is null", "The value of the 'if' clause must not be null.", at: cond.range)
                }
                guard cv.isKnown else { unknown = true; continue }
                guard let b = (try? Conversion.convert(cv, to: .bool))?.boolValue else {
                    throw .error("Invalid 'for' condition", "The 'if' clause value is invalid: bool required.", at: cond.range)
                }
                if !b { continue }
            }
            let value = try eval(f.valueExpr, inner, splatItem: splatItem)
            if let keyExpr = f.keyExpr {
                let kv = try eval(keyExpr, inner, splatItem: splatItem)
                if kv.isNull {
                    throw .error("Invalid object key", "Key expression in 'for' expression must not produce a null value.", at: keyExpr.range)
                }
                guard kv.isKnown else { unknown = true; continue }
                guard let ks = (try? Conversion.convert(kv, to: .string))?.stringValue else {
                    throw .error("Invalid object key", "The key expression produced an invalid result: string required.", at: keyExpr.range)
                }
                if f.grouping {
                    groups[ks, default: []].append(value)
                } else {
                    if objectItems[ks] != nil {
                        throw .error("Duplicate object key",
                                     "Two different items produced the key \"\(ks)\" in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.",
                                     at: keyExpr.range)
                    }
                    objectItems[ks] = value
                }
            } else {
                tupleItems.append(value)
            }
        }
        if unknown { return Value(.unknown(.dynamic), sensitive: c.sensitive) }
        if f.isObject {
            if f.grouping { return Value(.object(groups.mapValues { .tuple($0) }), sensitive: c.sensitive) }
            return Value(.object(objectItems), sensitive: c.sensitive)
        }
        return Value(.tuple(tupleItems), sensitive: c.sensitive)
    }

    // MARK: - Conditionals and operators

    static func evalConditional(_ cond: Expr, _ t: Expr, _ f: Expr, _ range: SourceRange,
                                _ ctx: EvalContext, _ splatItem: Value?) throws(Diagnostic) -> Value {
        let c = try eval(cond, ctx, splatItem: splatItem)
        var tv: Value = .dynamicUnknown, fv: Value = .dynamicUnknown
        var terr: Diagnostic?, ferr: Diagnostic?
        do { tv = try eval(t, ctx, splatItem: splatItem) } catch { terr = error }
        do { fv = try eval(f, ctx, splatItem: splatItem) } catch { ferr = error }
        var resultType: ValueType
        if case .null(.dynamic) = tv.kind {
            resultType = fv.type
        } else if case .null(.dynamic) = fv.kind {
            resultType = tv.type
        } else if let u = Conversion.unify([tv.type, fv.type]) {
            resultType = u
        } else {
            throw .error("Inconsistent conditional result types",
                         "The true and false result expressions must have consistent types. The given expressions are \(tv.type.friendlyName) and \(fv.type.friendlyName), respectively.",
                         at: range)
        }
        if c.isNull {
            throw .error("Null condition", "The condition value is null. Conditions must either be true or false.", at: cond.range)
        }
        guard c.isKnown else { return Value(.unknown(resultType), sensitive: c.sensitive) }
        guard let b = (try? Conversion.convert(c, to: .bool))?.boolValue else {
            throw .error("Incorrect condition type", "The condition expression must be of type bool.", at: cond.range)
        }
        if b, let terr { throw terr }
        if !b, let ferr { throw ferr }
        let chosen = b ? tv : fv
        let converted = (try? Conversion.convert(chosen, to: resultType)) ?? chosen
        return c.sensitive ? converted.marked() : converted
    }

    static func operandValue(_ v: Value, _ type: ValueType, _ range: SourceRange, _ side: String) throws(Diagnostic) -> Value {
        if v.isNull {
            throw .error("Invalid operand", "Unsuitable value for \(side): a \(type) is required, but a null value was given.", at: range)
        }
        do {
            return try Conversion.convert(v, to: type)
        } catch {
            let article = type == .number ? "a number" : "a bool"
            throw .error("Invalid operand", "Unsuitable value for \(side): \(article) is required.", at: range)
        }
    }

    static func evalBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr, _ range: SourceRange,
                           _ ctx: EvalContext, _ splatItem: Value?) throws(Diagnostic) -> Value {
        let lv = try eval(l, ctx, splatItem: splatItem)
        let rv = try eval(r, ctx, splatItem: splatItem)
        let mark = lv.containsSensitive || rv.containsSensitive
        switch op {
        case .equal, .notEqual:
            guard lv.isWhollyKnown && rv.isWhollyKnown else { return Value(.unknown(.bool), sensitive: mark) }
            let eq = valuesEqual(lv.unmarkedDeep, rv.unmarkedDeep)
            return Value(.bool(op == .equal ? eq : !eq), sensitive: mark)
        case .and, .or:
            let a = try operandValue(lv, .bool, l.range, "left operand")
            let b = try operandValue(rv, .bool, r.range, "right operand")
            guard let x = a.boolValue, let y = b.boolValue else { return Value(.unknown(.bool), sensitive: mark) }
            return Value(.bool(op == .and ? (x && y) : (x || y)), sensitive: mark)
        default:
            let a = try operandValue(lv, .number, l.range, "left operand")
            let b = try operandValue(rv, .number, r.range, "right operand")
            let isComparison = [.less, .lessEqual, .greater, .greaterEqual].contains(op)
            guard let x = a.numberValue, let y = b.numberValue else {
                return Value(.unknown(isComparison ? .bool : .number), sensitive: mark)
            }
            let result: Value
            switch op {
            case .less: result = .bool(x < y)
            case .lessEqual: result = .bool(x <= y)
            case .greater: result = .bool(x > y)
            case .greaterEqual: result = .bool(x >= y)
            case .add: result = .number(x + y)
            case .subtract: result = .number(x - y)
            case .multiply: result = .number(x * y)
            case .divide:
                guard let q = Number.divide(x, y) else {
                    throw .error("Operation failed", "Error during operation: can't divide zero by zero or infinity by infinity.", at: range)
                }
                result = .number(q)
            case .modulo:
                guard let m = Number.modulo(x, y) else {
                    throw .error("Operation failed", "Error during operation: can't use modulo by zero.", at: range)
                }
                result = .number(m)
            default: result = .dynamicUnknown
            }
            return mark ? result.marked() : result
        }
    }

    /// Equality as cty's `Equals`: types must match; numbers compare numerically.
    public static func valuesEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a.kind, b.kind) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case let (.list(x, _), .list(y, _)), let (.tuple(x), .tuple(y)), let (.set(x, _), .set(y, _)):
            return x.count == y.count && zip(x, y).allSatisfy { valuesEqual($0, $1) }
        case let (.map(x, _), .map(y, _)), let (.object(x), .object(y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { valuesEqual(v, $0) } ?? false }
        default: return false
        }
    }
}
