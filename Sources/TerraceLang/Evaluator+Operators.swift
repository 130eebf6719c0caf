import TerraceBasics
import TerraceHCL

/// Operators and conditionals as hclsyntax evaluates them: operands are converted to the
/// operator's parameter type (`"10" > "9"` compares numbers), then cty's operation applies
/// with its rules for null, unknown and marked operands.
extension Evaluation {
    mutating func binary(_ op: BinaryOp, _ l: Expr, _ r: Expr, _ range: SourceRange, _ ctx: EvalContext) -> Value {
        let before = diags.errors.count
        let lv = value(l, ctx)
        let rv = value(r, ctx)
        let paramType: ValueType
        let resultType: ValueType
        switch op {
        case .and, .or: paramType = .bool; resultType = .bool
        case .equal, .notEqual: paramType = .dynamic; resultType = .bool
        case .less, .lessEqual, .greater, .greaterEqual: paramType = .number; resultType = .bool
        case .add, .subtract, .multiply, .divide, .modulo: paramType = .number; resultType = .number
        }
        var a = lv, b = rv
        do { a = try Conversion.convert(lv, to: paramType) } catch {
            self.error("Invalid operand", "Unsuitable value for left operand: \(error.message).", l.range, context: range)
        }
        do { b = try Conversion.convert(rv, to: paramType) } catch {
            self.error("Invalid operand", "Unsuitable value for right operand: \(error.message).", r.range, context: range)
        }
        if diags.errors.count > before { return .unknown(resultType) }
        switch Operators.apply(op, a, b) {
        case .success(let v): return v
        case .failure(let message):
            error("Operation failed", "Error during operation: \(message).", range)
            return .unknown(resultType)
        }
    }

    mutating func unary(_ op: UnaryOp, _ operand: Expr, _ range: SourceRange, _ ctx: EvalContext) -> Value {
        let before = diags.errors.count
        let given = value(operand, ctx)
        let type: ValueType = op == .not ? .bool : .number
        var v = given
        do { v = try Conversion.convert(given, to: type) } catch {
            self.error("Invalid operand", "Unsuitable value for unary operand: \(error.message).", operand.range, context: range)
        }
        if diags.errors.count > before { return .unknown(type) }
        if v.isNull {
            error("Operation failed", "Error during operation: argument must not be null.", range)
            return .unknown(type)
        }
        guard v.isKnown else { return .unknown(type) }
        switch (op, v.kind) {
        case (.not, .bool(let b)): return Value(.bool(!b), sensitive: v.sensitive)
        case (.negate, .number(let n)): return Value(.number(-n), sensitive: v.sensitive)
        default: return .unknown(type)
        }
    }

    mutating func conditional(_ cond: Expr, _ t: Expr, _ f: Expr, _ range: SourceRange, _ ctx: EvalContext) -> Value {
        var trueDiags = Evaluation(), falseDiags = Evaluation()
        let tv = trueDiags.value(t, ctx)
        let fv = falseDiags.value(f, ctx)
        var resultType: ValueType = .dynamic
        var convs: [Conversion.Converter?] = [nil, nil]
        if case .null(.dynamic) = tv.kind, !tv.sensitive {
            resultType = fv.type
            convs[0] = Conversion.converter(from: .dynamic, to: resultType, unsafe: true)
        } else if case .null(.dynamic) = fv.kind, !fv.sensitive {
            resultType = tv.type
            convs[1] = Conversion.converter(from: .dynamic, to: resultType, unsafe: true)
        } else if tv.type == .dynamic || fv.type == .dynamic {
            resultType = .dynamic
        } else if let (u, c) = Conversion.unify([tv.type, fv.type], unsafe: true) {
            resultType = u
            convs = c
        } else {
            error("Inconsistent conditional result types",
                  "The true and false result expressions must have consistent types. The given expressions are \(tv.type.description) and \(fv.type.description), respectively.",
                  t.range.union(f.range), context: range)
            return .dynamicUnknown
        }
        let c = value(cond, ctx)
        if c.isNull {
            error("Null condition", "The condition value is null. Conditions must either be true or false.", cond.range, context: range)
            return .unknown(resultType)
        }
        guard c.isKnown else { return .unknown(resultType) }
        guard let cb = (try? Conversion.convert(c, to: .bool))?.boolValue else {
            error("Incorrect condition type", "The condition expression must be of type bool.", cond.range, context: range)
            return .unknown(resultType)
        }
        var result = cb ? tv : fv
        diags += (cb ? trueDiags : falseDiags).diags
        if let conv = convs[cb ? 0 : 1] {
            do {
                result = try conv(result, "")
            } catch {
                self.error("Inconsistent conditional result types",
                           "The \(cb ? "true" : "false") result value has the wrong type: \(error.message).",
                           (cb ? t : f).range, context: range)
                result = .unknown(resultType)
            }
        }
        return result
    }
}

/// cty's operations behind each binary operator.
enum Operators {
    enum Outcome {
        case success(Value)
        case failure(String)
    }

    static func apply(_ op: BinaryOp, _ a: Value, _ b: Value) -> Outcome {
        switch op {
        case .equal, .notEqual:
            // EqualFunc allows null and unknown; marks are removed deeply and put on the result.
            let marked = a.containsSensitive || b.containsSensitive
            var eq = equals(a.unmarkedDeep, b.unmarkedDeep)
            if op == .notEqual, let x = eq.boolValue { eq = .bool(!x) }
            eq.sensitive = marked
            return .success(eq)
        default:
            break
        }
        if a.isNull || b.isNull { return .failure("argument must not be null") }
        let resultType: ValueType = [.add, .subtract, .multiply, .divide, .modulo].contains(op) ? .number : .bool
        guard a.isKnown, b.isKnown else { return .success(.unknown(resultType)) }
        let marked = a.containsSensitive || b.containsSensitive
        func out(_ v: Value) -> Outcome { .success(Value(v.kind, sensitive: marked)) }
        switch (op, a.kind, b.kind) {
        case (.and, .bool(let x), .bool(let y)): return out(.bool(x && y))
        case (.or, .bool(let x), .bool(let y)): return out(.bool(x || y))
        case (_, .number(let x), .number(let y)):
            switch op {
            case .less: return out(.bool(x < y))
            case .lessEqual: return out(.bool(x <= y))
            case .greater: return out(.bool(x > y))
            case .greaterEqual: return out(.bool(x >= y))
            case .add:
                guard let r = Number.sum(x, y) else { return .failure("can't compute sum of opposing infinities") }
                return out(.number(r))
            case .subtract:
                guard let r = Number.difference(x, y) else { return .failure("can't subtract infinity from itself") }
                return out(.number(r))
            case .multiply:
                guard let r = Number.product(x, y) else { return .failure("can't multiply zero by infinity") }
                return out(.number(r))
            case .divide:
                guard let r = Number.divide(x, y) else { return .failure("can't divide zero by zero or infinity by infinity") }
                return out(.number(r))
            case .modulo:
                guard let r = Number.modulo(x, y) else { return .failure("can't use modulo with zero and infinity") }
                return out(.number(r))
            default: break
            }
        default: break
        }
        return .success(.unknown(resultType))
    }

    /// cty's `Equals` on unmarked values: unknown when either side is not known enough,
    /// false for different types, numbers by value, collections element by element.
    static func equals(_ a: Value, _ b: Value) -> Value {
        let unknown = Value.unknown(.bool)
        switch (a.isKnown, b.isKnown) {
        case (false, false): return unknown
        case (true, false):
            if a.isNull || b.type.hasDynamic { return unknown }
            return a.type != b.type ? .bool(false) : unknown
        case (false, true):
            if b.isNull || a.type.hasDynamic { return unknown }
            return b.type != a.type ? .bool(false) : unknown
        default: break
        }
        if a.isNull && b.isNull { return .bool(true) }
        if a.isNull || b.isNull { return .bool(false) }
        let ta = a.type, tb = b.type
        if ta.hasDynamic || tb.hasDynamic {
            if !conforms(ta, tb) && !conforms(tb, ta) { return .bool(false) }
            return unknown
        }
        if ta != tb { return .bool(false) }
        switch (a.kind, b.kind) {
        case let (.number(x), .number(y)): return .bool(x == y)
        case let (.bool(x), .bool(y)): return .bool(x == y)
        case let (.string(x), .string(y)): return .bool(x == y)
        case let (.object(x), .object(y)):
            for k in x.keys.sorted() {
                let eq = equals(x[k]!, y[k] ?? .dynamicNull)
                guard let e = eq.boolValue else { return unknown }
                if !e { return .bool(false) }
            }
            return .bool(true)
        case let (.tuple(x), .tuple(y)):
            for (p, q) in zip(x, y) {
                guard let e = equals(p, q).boolValue else { return unknown }
                if !e { return .bool(false) }
            }
            return .bool(true)
        case let (.list(x, _), .list(y, _)):
            guard x.count == y.count else { return .bool(false) }
            for (p, q) in zip(x, y) {
                guard let e = equals(p, q).boolValue else { return unknown }
                if !e { return .bool(false) }
            }
            return .bool(true)
        case let (.set(x, _), .set(y, _)):
            if x.contains(where: { !$0.isKnown }) || y.contains(where: { !$0.isKnown }) { return unknown }
            let sx = Set(x), sy = Set(y)
            return .bool(sx == sy)
        case let (.map(x, _), .map(y, _)):
            guard x.count == y.count else { return .bool(false) }
            for k in x.keys.sorted() {
                guard let q = y[k] else { return .bool(false) }
                guard let e = equals(x[k]!, q).boolValue else { return unknown }
                if !e { return .bool(false) }
            }
            return .bool(true)
        default:
            return .bool(false)
        }
    }

    /// cty's `TestConformance`: whether `t` fits `pattern`, where `dynamic` in the pattern
    /// accepts anything.
    static func conforms(_ t: ValueType, _ pattern: ValueType) -> Bool {
        switch (t, pattern) {
        case (_, .dynamic): return true
        case let (.list(x), .list(y)), let (.set(x), .set(y)), let (.map(x), .map(y)): return conforms(x, y)
        case let (.tuple(xs), .tuple(ys)): return xs.count == ys.count && zip(xs, ys).allSatisfy { conforms($0, $1) }
        case let (.object(xa, _), .object(ya, _)):
            return xa.count == ya.count && xa.allSatisfy { k, v in ya[k].map { conforms(v, $0) } ?? false }
        default: return t == pattern
        }
    }
}
