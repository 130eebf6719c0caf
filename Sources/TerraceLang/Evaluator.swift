import TerraceBasics
import TerraceHCL

/// Evaluates HCL expressions to values the way hclsyntax does: every sub-expression is
/// evaluated, every problem becomes a diagnostic naming the expression's range with Terraform's
/// summary, and a failed expression yields an unknown value (cty's `DynamicVal`) so evaluation
/// carries on and reports further problems.
public enum Evaluator {
    public static func evaluate(_ expr: Expr, in ctx: EvalContext) -> (Value, Diagnostics) {
        var run = Evaluation()
        let v = run.value(expr, ctx)
        return (v, run.diags)
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

    /// Key/value pairs to iterate, as cty's element iterator: index and element for lists and
    /// tuples, the element twice for sets, sorted keys for maps and objects. A marked
    /// collection's marks go to each element.
    static func iterationPairs(_ c: Value) -> [(Value, Value)]? {
        func mark(_ v: Value) -> Value { c.sensitive ? v.marked() : v }
        switch c.kind {
        case .list(let items, _), .tuple(let items):
            return items.enumerated().map { (.number($0.offset), mark($0.element)) }
        case .set(let items, _):
            return items.map { (mark($0), mark($0)) }
        case .map(let items, _), .object(let items):
            return items.keys.sorted().map { (.string($0), mark(items[$0]!)) }
        default:
            return nil
        }
    }

    /// Equality of known values ignoring marks: same types, numbers by value, collections
    /// element by element (for diffs; the `==` operator follows `Operators.equals`).
    public static func valuesEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a.kind, b.kind) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case (.unknown, .unknown): return a.type == b.type
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

    /// `value.name`, with hcl's diagnostics (thrown as the first error).
    public static func getAttr(_ v: Value, _ name: String, range: SourceRange) throws(Diagnostic) -> Value {
        var diags = Diagnostics()
        let r = Access.getAttr(v, name, range, &diags)
        if let e = diags.errors.first { throw e }
        return r
    }

    /// `collection[key]`, with hcl's diagnostics (thrown as the first error).
    public static func index(_ c: Value, _ k: Value, range: SourceRange, collectionRange: SourceRange) throws(Diagnostic) -> Value {
        var diags = Diagnostics()
        let r = Access.index(c, k, range, &diags)
        if let e = diags.errors.first { throw e }
        return r
    }
}

/// One evaluation: the diagnostics collected so far.
struct Evaluation {
    var diags = Diagnostics()

    mutating func error(_ summary: String, _ detail: String, _ subject: SourceRange, context: SourceRange? = nil) {
        var d = Diagnostic.error(summary, detail, at: subject)
        d.context = context
        diags += d
    }

    mutating func value(_ e: Expr, _ ctx: EvalContext) -> Value {
        switch e.kind {
        case .literal(let lit):
            switch lit {
            case .null: return .dynamicNull
            case .bool(let b): return .bool(b)
            case .string(let s): return .string(s)
            case .number(let text):
                guard let n = Number(parsing: text) else {
                    error("Invalid number literal", "Failed to recognize the value of this number literal.", e.range)
                    return .dynamicUnknown
                }
                return .number(n)
            }
        case .template(let parts):
            return template(parts, e.range, ctx)
        case .templateWrap(let inner), .parens(let inner):
            return value(inner, ctx)
        case .traversal(let t):
            return traversal(t, ctx)
        case .relativeTraversal(let source, let steps):
            let src = value(source, ctx)
            return Access.apply(steps, to: src, &diags)
        case .splatItem:
            return ctx.splatItem ?? .dynamicUnknown
        case .call(let name, let nameRange, let args, let expandFinal):
            return call(name, nameRange, args, expandFinal, e.range, ctx)
        case .tuple(let items):
            return .tuple(items.map { value($0, ctx) })
        case .object(let items):
            return object(items, ctx)
        case .index(let collection, let key):
            let c = value(collection, ctx)
            let k = value(key, ctx)
            let bracket = SourceRange(filename: key.range.filename, start: collection.range.end, end: e.range.end)
            return Access.index(c, k, bracket, &diags)
        case .splat(let source, let each):
            return splat(source, each, e.range, ctx)
        case .forExpr(let f):
            return forExpr(ForClause(keyVar: f.keyVar, valueVar: f.valueVar, collection: f.collection,
                                     keyExpr: f.isObject ? f.keyExpr : nil, valueExpr: f.valueExpr,
                                     condition: f.condition, grouping: f.grouping), e.range, ctx)
        case .conditional(let cond, let t, let f):
            return conditional(cond, t, f, e.range, ctx)
        case .binary(let op, let l, let r):
            return binary(op, l, r, e.range, ctx)
        case .unary(let op, let operand):
            return unary(op, operand, e.range, ctx)
        case .invalid:
            return .dynamicUnknown
        }
    }

    // MARK: - Variables

    mutating func traversal(_ t: Traversal, _ ctx: EvalContext) -> Value {
        guard let root = ctx.variables[t.root] else {
            if ctx.variables.isEmpty {
                error("Variables not allowed", "Variables may not be used here.", t.rootRange)
            } else {
                error("Unknown variable",
                      "There is no variable named \"\(t.root)\".\(Suggestions.didYouMean(t.root, in: ctx.variables.keys))",
                      t.rootRange)
            }
            return .dynamicUnknown
        }
        return Access.apply(t.steps, to: root, &diags)
    }

    // MARK: - Object constructor

    mutating func object(_ items: [ObjectItem], _ ctx: EvalContext) -> Value {
        var out: [String: Value] = [:]
        var known = true
        var marked = false
        for item in items {
            var key: Value
            var keyFailed = false
            if item.keyIsIdentifier, case .literal(.string(let s)) = item.key.kind {
                key = .string(s)
            } else if case .traversal(let t) = item.key.kind, !t.steps.isEmpty {
                error("Ambiguous attribute key",
                      "If this expression is intended to be a reference, wrap it in parentheses. If it's instead intended as a literal name containing periods, wrap it in quotes to create a string literal.",
                      item.key.range)
                key = .dynamicUnknown
                keyFailed = true
            } else {
                let before = diags.errors.count
                key = value(item.key, ctx)
                keyFailed = diags.errors.count > before
            }
            let v = value(item.value, ctx)
            if keyFailed { known = false; continue }
            if key.isNull {
                error("Null value as key", "Can't use a null value as a key.", item.value.range)
                known = false
                continue
            }
            marked = marked || key.sensitive
            var plainKey = key
            plainKey.sensitive = false
            let sk: Value
            do {
                sk = try Conversion.convert(plainKey, to: .string)
            } catch {
                self.error("Incorrect key type", "Can't use this value as a key: \(error.message).", item.key.range)
                known = false
                continue
            }
            guard let s = sk.stringValue else { known = false; continue }
            out[s] = v
        }
        if !known { return .dynamicUnknown }
        return Value(.object(out), sensitive: marked)
    }
}
