import TerraceBasics
import TerraceHCL

/// The parts of a `for` expression or template `for` directive.
struct ForClause {
    var keyVar: String?
    var valueVar: String
    var collection: Expr
    /// Set for object results (`{for … : k => v}`).
    var keyExpr: Expr?
    var valueExpr: Expr
    var condition: Expr?
    var grouping: Bool
}

/// `for` expressions and splats as hclsyntax evaluates them.
extension Evaluation {
    mutating func forExpr(_ f: ForClause, _ range: SourceRange, _ ctx: EvalContext) -> Value {
        var coll = value(f.collection, ctx)
        if coll.isNull {
            error("Iteration over null value", "A null value cannot be used as the collection in a 'for' expression.",
                  f.collection.range, context: range)
            return .dynamicUnknown
        }
        if coll.type == .dynamic { return .dynamicUnknown }
        var marked = coll.sensitive
        coll.sensitive = false
        let iterable: Bool
        switch coll.type {
        case .list, .set, .map, .tuple, .object: iterable = true
        default: iterable = false
        }
        guard iterable else {
            error("Iteration over non-iterable value",
                  "A value of type \(coll.type.description) cannot be used as the collection in a 'for' expression.",
                  f.collection.range, context: range)
            return .dynamicUnknown
        }
        guard coll.isKnown else { return .dynamicUnknown }

        // The condition is first checked once with unknown iteration values, so a condition of
        // the wrong type is reported even for an empty collection.
        if let cond = f.condition {
            var names = [f.valueVar: Value.dynamicUnknown]
            if let k = f.keyVar { names[k] = .dynamicUnknown }
            let before = diags.errors.count
            let result = value(cond, ctx.adding(names))
            if result.isNull {
                error("Condition is null", "The value of the 'if' clause must not be null.", cond.range, context: range)
                return .dynamicUnknown
            }
            do {
                _ = try Conversion.convert(result, to: .bool)
            } catch {
                self.error("Invalid 'for' condition", "The 'if' clause value is invalid: \(error.message).", cond.range, context: range)
                return .dynamicUnknown
            }
            if diags.errors.count > before { return .dynamicUnknown }
        }

        var known = true
        var tupleItems: [Value] = []
        var objectItems: [String: Value] = [:]
        var groups: [String: [Value]] = [:]
        var groupOrder: [String] = []
        for (k, v) in Self.elements(coll) {
            var names = [f.valueVar: v]
            if let kv = f.keyVar { names[kv] = k }
            let inner = ctx.adding(names)
            if let cond = f.condition {
                let raw = value(cond, inner)
                if raw.isNull {
                    if known {
                        error("Invalid 'for' condition", "The value of the 'if' clause must not be null.", cond.range, context: range)
                    }
                    known = false
                    continue
                }
                if f.keyExpr == nil && !raw.isKnown { known = false; continue }
                let include: Value
                do {
                    include = try Conversion.convert(raw, to: .bool)
                } catch {
                    if known {
                        self.error("Invalid 'for' condition", "The 'if' clause value is invalid: \(error.message).", cond.range, context: range)
                    }
                    known = false
                    continue
                }
                guard include.isKnown else { known = false; continue }
                marked = marked || include.sensitive
                if include.boolValue == false { continue }
            }
            if let keyExpr = f.keyExpr {
                let raw = value(keyExpr, inner)
                if raw.isNull {
                    if known {
                        error("Invalid object key", "Key expression in 'for' expression must not produce a null value.", keyExpr.range, context: range)
                    }
                    known = false
                    continue
                }
                guard raw.isKnown else { known = false; continue }
                let key: Value
                do {
                    key = try Conversion.convert(raw, to: .string)
                } catch {
                    if known {
                        self.error("Invalid object key", "The key expression produced an invalid result: \(error.message).", keyExpr.range, context: range)
                    }
                    known = false
                    continue
                }
                marked = marked || key.sensitive
                let ks = key.stringValue ?? ""
                let val = value(f.valueExpr, inner)
                if f.grouping {
                    if groups[ks] == nil { groupOrder.append(ks) }
                    groups[ks, default: []].append(val)
                } else if objectItems[ks] != nil {
                    error("Duplicate object key",
                          "Two different items produced the key \(GoQuote.quote(ks)) in this 'for' expression. If duplicates are expected, use the ellipsis (...) after the value expression to enable grouping by key.",
                          keyExpr.range, context: range)
                } else {
                    objectItems[ks] = val
                }
            } else {
                tupleItems.append(value(f.valueExpr, inner))
            }
        }
        if !known { return .dynamicUnknown }
        if f.keyExpr != nil {
            if f.grouping { objectItems = groups.mapValues { .tuple($0) } }
            return Value(.object(objectItems), sensitive: marked)
        }
        return Value(.tuple(tupleItems), sensitive: marked)
    }

    /// Keys and elements of an unmarked collection as cty's element iterator gives them.
    static func elements(_ c: Value) -> [(Value, Value)] {
        switch c.kind {
        case .list(let items, _), .tuple(let items):
            return items.enumerated().map { (.number($0.offset), $0.element) }
        case .set(let items, _):
            return items.map { ($0, $0) }
        case .map(let items, _), .object(let items):
            return items.keys.sorted().map { (.string($0), items[$0]!) }
        default:
            return []
        }
    }

    mutating func splat(_ source: Expr, _ each: Expr, _ range: SourceRange, _ ctx: EvalContext) -> Value {
        let before = diags.errors.count
        var src = value(source, ctx)
        if diags.errors.count > before { return .dynamicUnknown }
        var ty = src.type
        let autoUpgrade = !(ty.isTuple || ty.isList || ty.isSet)
        if src.isNull {
            if autoUpgrade { return .emptyTuple }
            error("Splat of null value", "Splat expressions (with the * symbol) cannot be applied to null sequences.",
                  source.range, context: range)
            return .dynamicUnknown
        }
        if ty == .dynamic { return .dynamicUnknown }
        if autoUpgrade {
            src = .tuple([src])
            ty = src.type
        }
        func resultType(_ ev: inout Evaluation) -> ValueType {
            var child = ctx
            switch ty {
            case .list(let e), .set(let e):
                child.splatItem = .unknown(e)
                return .list(ev.value(each, child).type)
            case .tuple(let ts):
                return .tuple(ts.map { t in
                    child.splatItem = .unknown(t)
                    return ev.value(each, child).type
                })
            default:
                return .dynamic
            }
        }
        if !src.isKnown {
            let t = resultType(&self)
            return .unknown(t)
        }
        let marked = src.sensitive
        src.sensitive = false
        var vals: [Value] = []
        var known = true
        var child = ctx
        for item in src.elements ?? [] {
            child.splatItem = item
            let b = diags.errors.count
            vals.append(value(each, child))
            if diags.errors.count > b { known = false }
        }
        if !known {
            var scratch = Evaluation()
            return .unknown(resultType(&scratch))
        }
        switch ty {
        case .list, .set:
            if vals.isEmpty {
                let t = resultType(&self)
                return Value(.list([], element: t.elementType ?? .dynamic))
            }
            return Value(.list(vals, element: Conversion.listElementType(vals) ?? .dynamic), sensitive: marked)
        default:
            return Value(.tuple(vals), sensitive: marked)
        }
    }
}
