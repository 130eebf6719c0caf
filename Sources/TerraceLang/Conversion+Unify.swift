/// Finding one type that several types convert to (cty's `Unify`), used for conditional
/// results, collection conversions and functions such as `concat` and `coalesce`; and cty's
/// messages for types that do not convert.
extension Conversion {
    /// The type every one of `types` converts to with safe conversions, if there is one.
    public static func unify(_ types: [ValueType]) -> ValueType? { unify(types, unsafe: false)?.0 }

    /// As `unify`, also allowing unsafe conversions (string → number, …), as conditionals do.
    public static func unifyUnsafe(_ types: [ValueType]) -> ValueType? { unify(types, unsafe: true)?.0 }

    /// Converts each value to the unified type of all of them; nil when they do not unify.
    public static func unifyValues(_ values: [Value], unsafe: Bool = false) -> (ValueType, [Value])? {
        guard let (t, convs) = unify(values.map(\.type), unsafe: unsafe) else { return nil }
        var out: [Value] = []
        for (v, c) in zip(values, convs) {
            guard let c else { out.append(v); continue }
            guard let cv = try? c(v, "") else { return nil }
            out.append(cv)
        }
        return (t, out)
    }

    static func unify(_ types: [ValueType], unsafe: Bool) -> (ValueType, [Converter?])? {
        guard !types.isEmpty else { return nil }
        var mapCt = 0, listCt = 0, setCt = 0, objectCt = 0, tupleCt = 0, dynamicCt = 0
        for t in types {
            switch t {
            case .map: mapCt += 1
            case .list: listCt += 1
            case .set: setCt += 1
            case .object: objectCt += 1
            case .tuple: tupleCt += 1
            case .dynamic: dynamicCt += 1
            default: break
            }
        }
        let n = types.count
        if mapCt > 0 && mapCt + dynamicCt == n {
            return unifyCollections({ .map($0) }, types, unsafe, dynamicCt > 0)
        } else if mapCt > 0 && mapCt + objectCt + dynamicCt == n {
            if let r = unifyObjectsAsMaps(types, unsafe), r.0.isMap { return r }
        } else if listCt > 0 && listCt + dynamicCt == n {
            return unifyCollections({ .list($0) }, types, unsafe, dynamicCt > 0)
        } else if listCt > 0 && listCt + tupleCt + dynamicCt == n {
            if let r = unifyTuplesAsList(types, unsafe), r.0.isList { return r }
        } else if setCt > 0 && setCt + dynamicCt == n {
            return unifyCollections({ .set($0) }, types, unsafe, dynamicCt > 0)
        } else if objectCt > 0 && objectCt + dynamicCt == n {
            return unifyObjects(types, unsafe, dynamicCt > 0)
        } else if tupleCt > 0 && tupleCt + dynamicCt == n {
            return unifyTuples(types, unsafe, dynamicCt > 0)
        } else if objectCt > 0 && tupleCt > 0 {
            return nil
        }
        // Otherwise the most general of the given types that all of them convert to.
        preference: for want in sortTypes(types) {
            let wantType = types[want]
            var convs: [Converter?] = []
            for (i, t) in types.enumerated() {
                if i == want || t == wantType { convs.append(nil); continue }
                guard let c = converter(from: t, to: wantType, unsafe: unsafe) else { continue preference }
                convs.append(c)
            }
            return (wantType, convs)
        }
        return nil
    }

    private static func conversions(_ types: [ValueType], to target: ValueType, _ unsafe: Bool) -> [Converter?]? {
        var convs: [Converter?] = []
        for t in types {
            if t == target { convs.append(nil); continue }
            guard let c = converter(from: t, to: target, unsafe: unsafe) else { return nil }
            convs.append(c)
        }
        return convs
    }

    private static func allAsDynamic(_ types: [ValueType]) -> (ValueType, [Converter?]) {
        (.dynamic, types.map { _ in { _, _ in .dynamicUnknown } })
    }

    private static func unifyCollections(_ make: (ValueType) -> ValueType, _ types: [ValueType], _ unsafe: Bool,
                                         _ hasDynamic: Bool) -> (ValueType, [Converter?])? {
        if hasDynamic { return allAsDynamic(types) }
        guard let (ety, _) = unify(types.compactMap(\.elementType), unsafe: unsafe) else { return nil }
        let target = make(ety)
        guard let convs = conversions(types, to: target, unsafe) else { return nil }
        return (target, convs)
    }

    private static func unifyObjects(_ types: [ValueType], _ unsafe: Bool, _ hasDynamic: Bool) -> (ValueType, [Converter?])? {
        if hasDynamic { return allAsDynamic(types) }
        let first = types[0].attributeTypes ?? [:]
        for t in types.dropFirst() {
            let attrs = t.attributeTypes ?? [:]
            if attrs.count != first.count || attrs.keys.contains(where: { first[$0] == nil }) {
                return unifyObjectsToMap(types, unsafe)
            }
        }
        var result: [String: ValueType] = [:]
        for name in first.keys {
            guard let (u, _) = unify(types.map { $0.attributeTypes?[name] ?? .dynamic }, unsafe: unsafe) else { return nil }
            result[name] = u
        }
        let target = ValueType.object(result)
        guard let convs = conversions(types, to: target, unsafe) else { return unifyObjectsToMap(types, unsafe) }
        return (target, convs)
    }

    private static func unifyObjectsToMap(_ types: [ValueType], _ unsafe: Bool) -> (ValueType, [Converter?])? {
        var atys: [ValueType] = []
        for t in types {
            let attrs = t.attributeTypes ?? [:]
            for k in attrs.keys.sorted() { atys.append(attrs[k]!) }
        }
        guard let (ety, _) = unify(atys, unsafe: unsafe) else { return nil }
        let target = ValueType.map(ety)
        guard let convs = conversions(types, to: target, unsafe) else { return nil }
        return (target, convs)
    }

    private static func unifyTuples(_ types: [ValueType], _ unsafe: Bool, _ hasDynamic: Bool) -> (ValueType, [Converter?])? {
        if hasDynamic { return allAsDynamic(types) }
        let first = types[0].tupleElementTypes ?? []
        for t in types.dropFirst() where (t.tupleElementTypes ?? []).count != first.count {
            return unifyTuplesToList(types, unsafe)
        }
        var result: [ValueType] = []
        for i in first.indices {
            guard let (u, _) = unify(types.map { $0.tupleElementTypes?[i] ?? .dynamic }, unsafe: unsafe) else { return nil }
            result.append(u)
        }
        let target = ValueType.tuple(result)
        guard let convs = conversions(types, to: target, unsafe) else { return unifyTuplesToList(types, unsafe) }
        return (target, convs)
    }

    private static func unifyTuplesToList(_ types: [ValueType], _ unsafe: Bool) -> (ValueType, [Converter?])? {
        let etys = types.flatMap { $0.tupleElementTypes ?? [] }
        guard let (ety, _) = unify(etys, unsafe: unsafe) else { return nil }
        let target = ValueType.list(ety)
        guard let convs = conversions(types, to: target, unsafe) else { return unifyObjectsToMap(types, unsafe) }
        return (target, convs)
    }

    private static func unifyTuplesAsList(_ types: [ValueType], _ unsafe: Bool) -> (ValueType, [Converter?])? {
        let tupleIdxs = types.indices.filter { types[$0].isTuple }
        guard let (listTy, tupleConvs) = unifyTuplesToList(tupleIdxs.map { types[$0] }, unsafe), listTy.isList else { return nil }
        var listed = types
        for i in tupleIdxs { listed[i] = listTy }
        guard var (newTy, convs) = unify(listed, unsafe: unsafe), newTy.isList else { return nil }
        for (k, i) in tupleIdxs.enumerated() {
            let tupleConv = tupleConvs[k]
            guard let listConv = convs[i] else { convs[i] = tupleConv; continue }
            convs[i] = { (v: Value, path: String) throws(Failure) -> Value in
                let mid = try tupleConv.map { c throws(Failure) in try c(v, path) } ?? v
                return try listConv(mid, path)
            }
        }
        newTy = newTy.withoutOptionalAttributes
        return (newTy, convs)
    }

    private static func unifyObjectsAsMaps(_ types: [ValueType], _ unsafe: Bool) -> (ValueType, [Converter?])? {
        let objIdxs = types.indices.filter { types[$0].isObject }
        guard let (mapTy, objConvs) = unifyObjectsToMap(objIdxs.map { types[$0] }, unsafe), mapTy.isMap else { return nil }
        var mapped = types
        for i in objIdxs { mapped[i] = mapTy }
        guard var (newTy, convs) = unify(mapped, unsafe: unsafe), newTy.isMap else { return nil }
        for (k, i) in objIdxs.enumerated() {
            let objConv = objConvs[k]
            guard let mapConv = convs[i] else { convs[i] = objConv; continue }
            convs[i] = { (v: Value, path: String) throws(Failure) -> Value in
                let mid = try objConv.map { c throws(Failure) in try c(v, path) } ?? v
                return try mapConv(mid, path)
            }
        }
        newTy = newTy.withoutOptionalAttributes
        return (newTy, convs)
    }

    /// Indexes of `types`, most general first (cty's `sortTypes`: a topological order of the
    /// "converts to" relation, ties in input order).
    static func sortTypes(_ types: [ValueType]) -> [Int] {
        let n = types.count
        var edges = [[Int]](repeating: [], count: n)
        for i in 0..<max(0, n - 1) {
            for j in (i + 1)..<n {
                let c = compareTypes(types[i], types[j])
                if c < 0 { edges[i].append(j) } else if c > 0 { edges[j].append(i) }
            }
        }
        var inDegree = [Int](repeating: 0, count: n)
        for outs in edges { for j in outs { inDegree[j] += 1 } }
        var queue = (0..<n).filter { inDegree[$0] == 0 }
        var k = 0
        while k < queue.count {
            let i = queue[k]
            k += 1
            for j in edges[i] {
                inDegree[j] -= 1
                if inDegree[j] == 0 { queue.append(j) }
            }
        }
        return queue
    }

    /// Negative when `a` is the more general of the two (cty's `compareTypes`).
    static func compareTypes(_ a0: ValueType, _ b0: ValueType) -> Int {
        var a = a0, b = b0
        if a == .dynamic || b == .dynamic {
            if a != .dynamic { return -1 }
            if b != .dynamic { return 1 }
            return 0
        }
        if a.isPrimitive && b.isPrimitive {
            if a == .string || b == .string {
                if a != .string { return 1 }
                if b != .string { return -1 }
                return 0
            }
        }
        switch (a, b) {
        case let (.list(x), .list(y)), let (.set(x), .set(y)), let (.map(x), .map(y)):
            return compareTypes(x, y)
        default: break
        }
        var swap = 1
        if (a.isTuple && b.isList) || (a.isObject && b.isMap) || (a.isSet && b.isTuple) || (a.isSet && b.isList) {
            (a, b) = (b, a)
            swap = -1
        }
        if b.isSet && (a.isTuple || a.isList) { return -1 * swap }
        if a.isList && b.isTuple { return -1 * swap }
        if a.isMap && b.isObject { return -1 * swap }
        func compareMembers(_ pairs: [(ValueType, ValueType)]) -> Int {
            var aSuper = false, bSuper = false
            for (x, y) in pairs {
                let c = compareTypes(x, y)
                if c < 0 { aSuper = true } else if c > 0 { bSuper = true }
            }
            if aSuper && bSuper { return 0 }
            if aSuper { return -1 * swap }
            if bSuper { return 1 * swap }
            return 0
        }
        if case .object(let xa, _) = a, case .object(let ya, _) = b {
            guard xa.count == ya.count else { return 0 }
            var pairs: [(ValueType, ValueType)] = []
            for (k, t) in xa {
                guard let u = ya[k] else { return 0 }
                pairs.append((t, u))
            }
            return compareMembers(pairs)
        }
        if case .tuple(let xs) = a, case .tuple(let ys) = b {
            guard xs.count == ys.count else { return 0 }
            return compareMembers(Array(zip(xs, ys)))
        }
        return 0
    }

    // MARK: - Mismatch messages

    /// cty's `MismatchMessage`: why a value of type `got` cannot become `want`.
    public static func mismatchMessage(_ got: ValueType, _ want: ValueType) -> String {
        switch (got, want) {
        case (.object, .object):
            return objectMismatch(got, want)
        case (.tuple, .list(.dynamic)):
            return "all list elements must have the same type"
        case (.tuple, .set(.dynamic)):
            return "all set elements must have the same type"
        case (.object, .map(.dynamic)):
            return "all map elements must have the same type"
        case _ where (got.isTuple || got.isObject) && want.isCollection:
            return structuralToCollectionMismatch(got, want)
        case _ where got.isCollection && want.isCollection:
            return collectionMismatch(got, want)
        default:
            return want.constraintName + " required"
        }
    }

    private static func objectMismatch(_ got: ValueType, _ want: ValueType) -> String {
        guard case .object(let gotAtys, _) = got, case .object(let wantAtys, let optional) = want else { return "object required" }
        var missing: [String] = []
        var unsafeMismatch = "", safeMismatch = ""
        for name in wantAtys.keys.sorted() {
            let wantAty = wantAtys[name]!
            guard let gotAty = gotAtys[name] else {
                if !optional.contains(name) { missing.append(name) }
                continue
            }
            if gotAty == wantAty { continue }
            if !unsafeMismatch.isEmpty { continue }
            if converter(from: gotAty, to: wantAty, unsafe: true) == nil {
                unsafeMismatch = "attribute \"\(name)\": \(mismatchMessage(gotAty, wantAty))"
            }
            if !safeMismatch.isEmpty { continue }
            if converter(from: gotAty, to: wantAty, unsafe: false) == nil {
                safeMismatch = "attribute \"\(name)\": \(mismatchMessage(gotAty, wantAty))"
            }
        }
        switch missing.count {
        case 0: break
        case 1: return "attribute \"\(missing[0])\" is required"
        case 2: return "attributes \"\(missing[0])\" and \"\(missing[1])\" are required"
        default:
            return "attributes " + missing.dropLast().map { "\"\($0)\", " }.joined() + "and \"\(missing.last!)\" are required"
        }
        if !unsafeMismatch.isEmpty { return unsafeMismatch }
        if !safeMismatch.isEmpty { return safeMismatch }
        return "incorrect object attributes"
    }

    private static func structuralToCollectionMismatch(_ got: ValueType, _ want: ValueType) -> String {
        if (want.isList || want.isSet) && !got.isTuple { return want.constraintName + " required" }
        if want.isMap && !got.isObject { return want.constraintName + " required" }
        let wantEty = want.elementType ?? .dynamic
        switch got {
        case .tuple(let ts):
            for (i, t) in ts.enumerated() where t != wantEty && converter(from: t, to: wantEty, unsafe: true) == nil {
                return "element \(i): \(mismatchMessage(t, wantEty))"
            }
        case .object(let attrs, _):
            for name in attrs.keys.sorted() {
                let t = attrs[name]!
                if t != wantEty && converter(from: t, to: wantEty, unsafe: true) == nil {
                    return "element \"\(name)\": \(mismatchMessage(t, wantEty))"
                }
            }
        default:
            return want.constraintName + " required"
        }
        return "all elements must be \(wantEty.constraintName)"
    }

    private static func collectionMismatch(_ got: ValueType, _ want: ValueType) -> String {
        if (want.isList || want.isSet) && !(got.isList || got.isSet) { return want.constraintName + " required" }
        if want.isMap && !got.isMap { return want.constraintName + " required" }
        let noun = want.isList ? "list element type" : want.isSet ? "set element type" : "map element type"
        return "incorrect \(noun): \(mismatchMessage(got.elementType ?? .dynamic, want.elementType ?? .dynamic))"
    }
}
