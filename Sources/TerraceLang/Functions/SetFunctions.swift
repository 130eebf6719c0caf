/// Set functions: setproduct setunion setintersection setsubtract (cty's stdlib).
extension Builtins {
    static func setResultType(_ args: [Value]) throws(Function.Failure) -> ValueType {
        var etys: [ValueType] = []
        for a in args {
            let t = a.type.elementType ?? .dynamic
            if a.isKnown && items(a).isEmpty && t == .dynamic { continue }
            etys.append(t)
        }
        if etys.isEmpty { return .set(.dynamic) }
        guard let (u, _) = Conversion.unify(etys, unsafe: true) else {
            throw Function.Failure("given sets must all have compatible element types")
        }
        return .set(u)
    }

    static func setOperation(_ op: @escaping @Sendable ([Value], [Value]) -> [Value], allowUnknowns: Bool) -> Function.Implementation {
        return { args, ret throws(Function.Failure) in
            var result: [Value] = []
            for (i, a) in args.enumerated() {
                let s: Value
                do throws(Conversion.Failure) { s = try Conversion.convert(a, to: ret) } catch { throw Function.Failure(error.message, argument: i) }
                if !allowUnknowns && !s.isWhollyKnown { return .unknown(ret) }
                result = i == 0 ? items(s) : op(result, items(s))
            }
            return Value.set(result, element: ret.elementType ?? .dynamic)
        }
    }

    static func contains(_ set: [Value], _ v: Value) -> Bool {
        v.isWhollyKnown && set.contains { $0.isWhollyKnown && $0 == v }
    }

    static let setFunctions: [String: Function] = [
        "setunion": Function(
            params: [.init("first_set", .set(.dynamic), allowDynamicType: true)],
            variadic: .init("other_sets", .set(.dynamic), allowDynamicType: true),
            type: setResultType,
            impl: setOperation({ $0 + $1 }, allowUnknowns: true)),
        "setintersection": Function(
            params: [.init("first_set", .set(.dynamic), allowDynamicType: true)],
            variadic: .init("other_sets", .set(.dynamic), allowDynamicType: true),
            type: setResultType,
            impl: setOperation({ a, b in a.filter { contains(b, $0) } }, allowUnknowns: false)),
        "setsubtract": Function(
            params: [.init("a", .set(.dynamic), allowDynamicType: true), .init("b", .set(.dynamic), allowDynamicType: true)],
            type: setResultType,
            impl: setOperation({ a, b in a.filter { !contains(b, $0) } }, allowUnknowns: false)),
        "setproduct": Function(
            params: [], variadic: .init("sets", .dynamic, allowMarked: true),
            type: { args throws(Function.Failure) in
                guard args.count >= 2 else { throw Function.Failure("at least two arguments are required") }
                var listCount = 0
                var etys: [ValueType] = []
                for (i, a) in args.enumerated() {
                    switch a.type {
                    case .set(let e): etys.append(e)
                    case .list(let e): etys.append(e); listCount += 1
                    case .tuple(let ts):
                        listCount += 1
                        if ts.isEmpty { etys.append(.dynamic); break }
                        guard let (u, _) = Conversion.unify(ts, unsafe: true) else {
                            throw Function.Failure("all elements must be of the same type", argument: i)
                        }
                        etys.append(u)
                    default:
                        throw Function.Failure("a set or a list is required", argument: i)
                    }
                }
                return listCount == args.count ? .list(.tuple(etys)) : .set(.tuple(etys))
            },
            impl: { args, ret throws(Function.Failure) in
                let ety = ret.elementType ?? .dynamic
                let subEtys = ety.tupleElementTypes ?? []
                var marked = false
                var total = 1
                var unknownLength = false
                for a in args {
                    marked = marked || a.sensitive
                    if !a.isKnown { unknownLength = true; continue }
                    total *= items(a).count
                }
                if unknownLength { return Value(.unknown(ret), sensitive: marked) }
                let argVals = args.map { items($0.unmarkedDeep) }
                if total == 0 {
                    return Value(ret.isList ? .list([], element: ety) : .set([], element: ety), sensitive: marked)
                }
                var product: [Value] = []
                var n = [Int](repeating: 0, count: args.count)
                for _ in 0..<total {
                    var tuple: [Value] = []
                    for (j, k) in n.enumerated() {
                        var v = argVals[j][k]
                        if v.type != subEtys[j] { v = (try? Conversion.convert(v, to: subEtys[j])) ?? v }
                        tuple.append(v)
                    }
                    product.append(.tuple(tuple))
                    var j = n.count - 1
                    while j >= 0 {
                        n[j] += 1
                        if n[j] < argVals[j].count { break }
                        n[j] = 0
                        j -= 1
                    }
                }
                let out = ret.isList ? Value(.list(product, element: Conversion.listElementType(product) ?? ety))
                                     : Value.set(product, element: Conversion.listElementType(product) ?? ety)
                return withMarks(out, marked)
            }),
    ]
}
