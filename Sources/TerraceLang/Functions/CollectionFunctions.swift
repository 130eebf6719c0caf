/// Collection functions over lists, tuples, maps and objects (cty's stdlib and Terraform's
/// `funcs` package): length element index lookup keys values merge concat contains distinct
/// flatten coalesce coalescelist compact chunklist reverse slice sort sum zipmap range
/// transpose matchkeys one alltrue anytrue.
extension Builtins {
    static func items(_ v: Value) -> [Value] { v.elements ?? [] }

    /// A list of these values with cty's element type rule (empty lists take `ety`).
    static func list(_ vals: [Value], _ ety: ValueType) -> Value {
        Value(.list(vals, element: vals.isEmpty ? ety : (Conversion.listElementType(vals) ?? ety)))
    }

    static func withMarks(_ v: Value, _ marked: Bool) -> Value {
        var r = v
        if marked { r.sensitive = true }
        return r
    }

    static func equalTrue(_ a: Value, _ b: Value) -> Bool? { Operators.equals(a.unmarkedDeep, b.unmarkedDeep).boolValue }

    static let collectionFunctions: [String: Function] = {
        var f: [String: Function] = [:]
        f["length"] = Function(
            params: [.init("value", .dynamic, allowUnknown: true, allowDynamicType: true, allowMarked: true)],
            type: { args throws(Function.Failure) in
                switch args[0].type {
                case .string, .tuple, .object, .list, .set, .map, .dynamic: return .number
                default: throw Function.Failure("argument must be a string, a collection type, or a structural type")
                }
            },
            impl: { args, _ throws(Function.Failure) in
                let v = args[0]
                let marked = v.sensitive
                switch v.type {
                case .dynamic: return Value(.unknown(.number), sensitive: marked)
                case .tuple(let ts): return Value(.number(Number(ts.count)), sensitive: marked)
                case .object(let a, _): return Value(.number(Number(a.count)), sensitive: marked)
                case .string:
                    guard v.isKnown else { return .unknown(.number) }
                    return Value(.number(Number(str(v).count)), sensitive: marked)
                default:
                    guard v.isKnown else { return Value(.unknown(.number), sensitive: marked) }
                    if case .set(let elems, _) = v.kind, elems.count != 1, !v.isWhollyKnown {
                        return Value(.unknown(.number), sensitive: marked)
                    }
                    return Value(.number(Number(v.elements?.count ?? v.attributes?.count ?? 0)), sensitive: marked)
                }
            })
        f["element"] = Function(
            params: [.init("list", .dynamic, allowMarked: true), .init("index", .number)],
            type: { args throws(Function.Failure) in
                let index = args[1]
                if index.isKnown, let n = index.numberValue, n.signum < 0 {
                    throw Function.Failure("cannot use element function with a negative index")
                }
                switch args[0].type {
                case .list(let e): return e
                case .tuple(let ts):
                    guard index.isKnown else { return .dynamic }
                    let i: Int
                    do throws(Function.Failure) { i = try goInt(index) } catch { throw Function.Failure("invalid index: \(error.message)") }
                    guard !ts.isEmpty else { throw Function.Failure("cannot use element function with an empty list") }
                    return ts[((i % ts.count) + ts.count) % ts.count]
                case let t: throw Function.Failure("cannot read elements from \(t.description)")
                }
            },
            impl: { args, ret throws(Function.Failure) in
                let i: Int
                do throws(Function.Failure) { i = try goInt(args[1]) } catch { throw Function.Failure("invalid index: \(error.message)") }
                if i < 0 { throw Function.Failure("cannot use element function with a negative index") }
                let input = args[0]
                guard input.isKnown else { return .unknown(ret) }
                let elems = items(input)
                guard !elems.isEmpty else { throw Function.Failure("cannot use element function with an empty list") }
                return withMarks(elems[i % elems.count], input.sensitive)
            })
        f["index"] = Function(params: [.init("list", .dynamic), .init("value", .dynamic)], returns: .number) { args throws(Function.Failure) in
            guard args[0].type.isList || args[0].type.isTuple else { throw Function.Failure("argument must be a list or tuple") }
            guard args[0].isKnown else { return .unknown(.number) }
            let elems = items(args[0])
            if elems.isEmpty { throw Function.Failure("cannot search an empty list") }
            for (i, v) in elems.enumerated() {
                guard let eq = equalTrue(v, args[1]) else { return .unknown(.number) }
                if eq { return .number(i) }
            }
            throw Function.Failure("item not found")
        }
        f["lookup"] = Function(
            params: [.init("inputMap", .dynamic, allowMarked: true), .init("key", .string, allowMarked: true)],
            variadic: .init("default", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true, allowMarked: true),
            type: { args throws(Function.Failure) in
                if args.count > 3 { throw Function.Failure("lookup() takes two or three arguments, got \(args.count)") }
                switch args[0].type {
                case .object(let attrs, _):
                    guard args[1].isKnown else { return .dynamic }
                    let key = str(args[1])
                    if let t = attrs[key] { return t }
                    if args.count == 3 { return args[2].type }
                    throw Function.Failure("the given object has no attribute \(GoQuote.quote(key))", argument: 0)
                case .map(let e):
                    if args.count == 3, !Conversion.canConvert(from: args[2].type, to: e) || (try? Conversion.convert(args[2], to: e)) == nil {
                        throw Function.Failure("the default value must have the same type as the map elements", argument: 2)
                    }
                    return e
                default:
                    throw Function.Failure("lookup() requires a map as the first argument", argument: 0)
                }
            },
            impl: { args, ret throws(Function.Failure) in
                var map = args[0], key = args[1]
                let marked = map.sensitive || key.sensitive
                map.sensitive = false
                key.sensitive = false
                let k = str(key)
                guard map.isKnown else { return withMarks(.unknown(ret), marked) }
                if let v = map.attributes?[k] { return withMarks(v, marked) }
                if args.count == 3 {
                    do throws(Conversion.Failure) {
                        return withMarks(try Conversion.convert(args[2], to: ret), marked)
                    } catch {
                        throw Function.Failure(error.message)
                    }
                }
                throw Function.Failure("lookup failed to find '\(k)'")
            })
        f["keys"] = Function(
            params: [.init("inputMap", .dynamic, allowUnknown: true, allowMarked: true)],
            type: { args throws(Function.Failure) in
                switch args[0].type {
                case .map: return .list(.string)
                case .object(let a, _): return .tuple(Array(repeating: .string, count: a.count))
                default: throw Function.Failure("must have map or object type", argument: 0)
                }
            },
            impl: { args, ret in
                let m = args[0]
                if case .object(let a, _) = m.type {
                    return Value(.tuple(a.keys.sorted(by: utf8Less).map { .string($0) }), sensitive: m.sensitive)
                }
                guard m.isKnown else { return Value(.unknown(ret), sensitive: m.sensitive) }
                let keys = (m.attributes ?? [:]).keys.sorted(by: utf8Less).map { Value.string($0) }
                return Value(.list(keys, element: .string), sensitive: m.sensitive)
            })
        f["values"] = Function(
            params: [.init("values", .dynamic, allowMarked: true)],
            type: { args throws(Function.Failure) in
                switch args[0].type {
                case .map(let e): return .list(e)
                case .object(let a, _): return .tuple(a.keys.sorted(by: utf8Less).map { a[$0]! })
                default: throw Function.Failure("values() requires a map as the first argument")
                }
            },
            impl: { args, ret in
                let m = args[0]
                let attrs = m.attributes ?? [:]
                let vals = attrs.keys.sorted(by: utf8Less).map { attrs[$0]! }
                if ret.isTuple { return Value(.tuple(vals), sensitive: m.sensitive) }
                return withMarks(list(vals, ret.elementType ?? .dynamic), m.sensitive)
            })
        f["merge"] = Function(
            params: [], variadic: .init("maps", .dynamic, allowNull: true, allowDynamicType: true, allowMarked: true),
            type: { args throws(Function.Failure) in
                if args.isEmpty { return .emptyObject }
                var attrs: [String: ValueType] = [:]
                var first: ValueType?
                var matching = true
                var attrsKnown = true
                for (i, arg) in args.enumerated() {
                    let ty = arg.type
                    if ty == .dynamic { return .dynamic }
                    guard ty.isMap || ty.isObject else {
                        throw Function.Failure("arguments must be maps or objects, got \(GoQuote.quote(ty.description))")
                    }
                    switch ty {
                    case .object(let a, _) where !arg.isNull:
                        for (k, t) in a { attrs[k] = t }
                    case .map(let e):
                        if arg.isNull {
                        } else if arg.isKnown {
                            for k in (arg.attributes ?? [:]).keys { attrs[k] = e }
                        } else {
                            attrsKnown = false
                        }
                    default: break
                    }
                    if i == 0 { first = ty; continue }
                    if ty != first { matching = false }
                }
                if matching, let first { return first }
                if !attrsKnown { return .dynamic }
                return .object(attrs)
            },
            impl: { args, ret in
                var out: [String: Value] = [:]
                var marked = false
                for arg in args where !arg.isNull {
                    marked = marked || arg.sensitive
                    for (k, v) in arg.attributes ?? [:] { out[k] = v }
                }
                if case .map(let e) = ret {
                    return Value(.map(out, element: out.isEmpty ? e : (Conversion.listElementType(Array(out.values)) ?? e)), sensitive: marked)
                }
                return Value(.object(out), sensitive: marked)
            })
        f["concat"] = Function(
            params: [], variadic: .init("seqs", .dynamic, allowMarked: true),
            type: { args throws(Function.Failure) in
                guard !args.isEmpty else { throw Function.Failure("at least one argument is required") }
                if args[0].type.isList, args.allSatisfy({ $0.type.isList }),
                   let (common, _) = Conversion.unify(args.map(\.type), unsafe: true) {
                    return common
                }
                var etys: [ValueType] = []
                for (i, v) in args.enumerated() {
                    switch v.type {
                    case .tuple(let ts): etys += ts
                    case .list(let e):
                        guard v.isKnown else { return .dynamic }
                        etys += Array(repeating: e, count: items(v).count)
                    case let t:
                        throw Function.Failure("all arguments must be lists or tuples; got \(t.description)", argument: i)
                    }
                }
                return .tuple(etys)
            },
            impl: { args, ret throws(Function.Failure) in
                var vals: [Value] = []
                var marked = false
                for (i, seq) in args.enumerated() {
                    var s = seq
                    if ret.isList {
                        do throws(Conversion.Failure) { s = try Conversion.convert(seq, to: ret) } catch { throw Function.Failure(error.message, argument: i) }
                    }
                    marked = marked || s.sensitive
                    vals += items(s)
                }
                if ret.isList { return withMarks(list(vals, ret.elementType ?? .dynamic), marked) }
                return Value(.tuple(vals), sensitive: marked)
            })
        f["contains"] = Function(params: [.init("list", .dynamic), .init("value", .dynamic)], returns: .bool) { args throws(Function.Failure) in
            let ty = args[0].type
            guard ty.isList || ty.isTuple || ty.isSet else { throw Function.Failure("argument must be list, tuple, or set") }
            if args[0].isNull { throw Function.Failure("cannot search a nil list or set") }
            if args[0].isKnown && items(args[0]).isEmpty { return .bool(false) }
            guard args[0].isKnown, args[1].isKnown else { return .unknown(.bool) }
            var unknown = false
            for v in items(args[0]) {
                guard let eq = equalTrue(args[1], v) else { unknown = true; continue }
                if eq { return .bool(true) }
            }
            return unknown ? .unknown(.bool) : .bool(false)
        }
        f["distinct"] = Function(
            params: [.init("list", .list(.dynamic))],
            type: { args in args[0].type },
            impl: { args, ret in
                guard args[0].isWhollyKnown else { return .unknown(ret) }
                var out: [Value] = []
                for v in items(args[0]) where !out.contains(where: { equalTrue($0, v) == true }) { out.append(v) }
                return list(out, ret.elementType ?? .dynamic)
            })
        f["flatten"] = Function(
            params: [.init("list", .dynamic, allowMarked: true)],
            type: { args throws(Function.Failure) in
                guard args[0].isWhollyKnown else { return .dynamic }
                let t = args[0].type
                guard t.isList || t.isSet || t.isTuple else { throw Function.Failure("can only flatten lists, sets and tuples") }
                let (vals, _, known) = flattener(args[0])
                guard known else { return .dynamic }
                return .tuple(vals.map(\.type))
            },
            impl: { args, ret in
                let input = args[0]
                if input.isKnown && items(input).isEmpty && input.elements != nil { return Value(.tuple([]), sensitive: input.sensitive) }
                let (vals, marked, known) = flattener(input)
                guard known else { return Value(.unknown(ret), sensitive: marked) }
                return Value(.tuple(vals), sensitive: marked)
            })
        f["coalesce"] = Function(
            params: [], variadic: .init("vals", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true),
            type: { args throws(Function.Failure) in
                guard let (t, _) = Conversion.unify(args.map(\.type), unsafe: true) else {
                    throw Function.Failure("all arguments must have the same type")
                }
                return t
            },
            impl: { args, ret throws(Function.Failure) in
                for arg in args {
                    let v = (try? Conversion.convert(arg, to: ret)) ?? arg
                    guard v.isKnown else { return .unknown(ret) }
                    if v.isNull { continue }
                    if ret == .string, v.stringValue == "", !v.sensitive { continue }
                    return v
                }
                throw Function.Failure("no non-null, non-empty-string arguments")
            })
        f["coalescelist"] = Function(
            params: [], variadic: .init("vals", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true),
            type: { args throws(Function.Failure) in
                guard !args.isEmpty else { throw Function.Failure("at least one argument is required") }
                for a in args {
                    guard a.isKnown else { return .dynamic }
                    guard a.type.isList || a.type.isTuple else { throw Function.Failure("coalescelist arguments must be lists or tuples") }
                }
                let first = args[0].type
                return args.allSatisfy { $0.type == first } ? first : .dynamic
            },
            impl: { args, ret throws(Function.Failure) in
                for a in args {
                    guard a.isKnown else { return .unknown(ret) }
                    if a.isNull { continue }
                    if !items(a).isEmpty { return a }
                }
                throw Function.Failure("no non-null arguments")
            })
        f["compact"] = Function(params: [.init("list", .list(.string))], returns: .list(.string)) { args in
            guard args[0].isWhollyKnown else { return .unknown(.list(.string)) }
            return list(items(args[0]).filter { !$0.isNull && $0.stringValue != "" }, .string)
        }
        f["chunklist"] = Function(
            params: [.init("list", .list(.dynamic), allowMarked: true), .init("size", .number, allowMarked: true)],
            type: { args in .list(args[0].type) },
            impl: { args, _ throws(Function.Failure) in
                var l = args[0], sizeVal = args[1]
                let marked = l.sensitive || sizeVal.sensitive
                l.sensitive = false
                sizeVal.sensitive = false
                let size: Int
                do throws(Function.Failure) { size = try goInt(sizeVal) } catch { throw Function.Failure("invalid size: \(error.message)") }
                if size < 0 { throw Function.Failure("the size argument must be positive") }
                let elems = items(l)
                if elems.isEmpty { return Value(.list([], element: l.type), sensitive: marked) }
                if size == 0 { return Value(.list([l], element: l.type), sensitive: marked) }
                var out: [Value] = []
                var chunk: [Value] = []
                for (i, v) in elems.enumerated() {
                    chunk.append(v)
                    if (i + 1) % size == 0 || i + 1 == elems.count {
                        out.append(list(chunk, l.type.elementType ?? .dynamic))
                        chunk = []
                    }
                }
                return Value(.list(out, element: Conversion.listElementType(out) ?? l.type), sensitive: marked)
            })
        f["reverse"] = Function(
            params: [.init("list", .dynamic, allowMarked: true)],
            type: { args throws(Function.Failure) in
                switch args[0].type {
                case .tuple(let ts): return .tuple(ts.reversed())
                case .list(let e), .set(let e): return .list(e)
                case let t: throw Function.Failure("can only reverse list or tuple values, not \(t.description)", argument: 0)
                }
            },
            impl: { args, ret in
                let v = args[0]
                let out = Array(items(v).reversed())
                if ret.isTuple { return Value(.tuple(out), sensitive: v.sensitive) }
                return withMarks(list(out, ret.elementType ?? .dynamic), v.sensitive)
            })
        f["slice"] = Function(
            params: [.init("list", .dynamic, allowMarked: true), .init("start_index", .number), .init("end_index", .number)],
            type: { args throws(Function.Failure) in
                let t = args[0].type
                if t.isSet {
                    throw Function.Failure("cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important", argument: 0)
                }
                guard t.isList || t.isTuple else { throw Function.Failure("must be a list or tuple value", argument: 0) }
                let (start, end, known) = try sliceIndexes(args)
                if t.isList { return t }
                guard known, let ts = t.tupleElementTypes else { return .dynamic }
                return .tuple(Array(ts[start..<end]))
            },
            impl: { args, ret throws(Function.Failure) in
                let v = args[0]
                if ret == .dynamic { return Value(.unknown(.dynamic), sensitive: v.sensitive) }
                let (start, end, _) = try sliceIndexes(args)
                let out = Array(items(v)[start..<end])
                if ret.isTuple { return Value(.tuple(out), sensitive: v.sensitive) }
                return withMarks(list(out, ret.elementType ?? .dynamic), v.sensitive)
            })
        f["sort"] = Function(params: [.init("list", .list(.string))], returns: .list(.string)) { args throws(Function.Failure) in
            let l = args[0]
            guard l.isWhollyKnown else { return .unknown(.list(.string)) }
            var strs: [String] = []
            for (i, v) in items(l).enumerated() {
                guard let s = v.stringValue else {
                    throw Function.Failure("given list element \(i) is null; a null string cannot be sorted")
                }
                strs.append(s)
            }
            return Value(.list(strs.sorted(by: utf8Less).map { .string($0) }, element: .string))
        }
        f["sum"] = Function(params: [.init("list", .dynamic)], returns: .number) { args throws(Function.Failure) in
            let l = args[0]
            let ty = l.type
            guard ty.isList || ty.isSet || ty.isTuple || ty.isMap || ty.isObject else {
                throw Function.Failure("cannot sum noniterable", argument: 0)
            }
            let elems = l.elements ?? (l.attributes.map { a in a.keys.sorted(by: utf8Less).map { a[$0]! } } ?? [])
            if elems.isEmpty { throw Function.Failure("cannot sum an empty list", argument: 0) }
            guard ty.isList || ty.isSet || ty.isTuple else {
                throw Function.Failure("argument must be list, set, or tuple. Received \(ty.description)", argument: 0)
            }
            guard l.isWhollyKnown else { return .unknown(.number) }
            var s = elems[0]
            if s.isNull { throw Function.Failure("argument must be list, set, or tuple of number values", argument: 0) }
            for v in elems.dropFirst() {
                guard !v.isNull, let n = (try? Conversion.convert(v, to: .number))?.numberValue else {
                    throw Function.Failure("argument must be list, set, or tuple of number values", argument: 0)
                }
                guard let acc = s.numberValue else {
                    throw Function.Failure("argument must be list, set, or tuple of number values", argument: 0)
                }
                guard let r = Number.sum(acc, n) else { throw Function.Failure("can't compute sum of opposing infinities") }
                s = .number(r)
            }
            return s
        }
        f["zipmap"] = Function(
            params: [.init("keys", .list(.string), allowMarked: true), .init("values", .dynamic, allowMarked: true)],
            type: { args throws(Function.Failure) in
                let keys = args[0], values = args[1]
                switch values.type {
                case .list(let e): return .map(e)
                case .tuple(let ts):
                    guard keys.isWhollyKnown else { return .dynamic }
                    let ks = items(keys.unmarkedDeep)
                    if ks.count != ts.count {
                        throw Function.Failure("number of keys (\(ks.count)) does not match number of values (\(ts.count))")
                    }
                    var attrs: [String: ValueType] = [:]
                    for (i, k) in ks.enumerated() {
                        guard let s = k.stringValue else { throw Function.Failure("keys list has null value at index \(i)") }
                        attrs[s] = ts[i]
                    }
                    return .object(attrs)
                default:
                    throw Function.Failure("values argument must be a list or tuple value")
                }
            },
            impl: { args, ret throws(Function.Failure) in
                var keys = args[0], values = args[1]
                var marked = keys.sensitive || values.sensitive
                keys.sensitive = false
                values.sensitive = false
                guard keys.isWhollyKnown else { return Value(.unknown(ret), sensitive: marked) }
                let ks = items(keys), vs = items(values)
                if ks.count != vs.count {
                    throw Function.Failure("number of keys (\(ks.count)) does not match number of values (\(vs.count))")
                }
                var out: [String: Value] = [:]
                for (i, k) in ks.enumerated() {
                    marked = marked || k.sensitive
                    out[k.stringValue ?? ""] = vs[i]
                }
                if case .map(let e) = ret {
                    return Value(.map(out, element: out.isEmpty ? e : (Conversion.listElementType(Array(out.values)) ?? e)), sensitive: marked)
                }
                return Value(.object(out), sensitive: marked)
            })
        f["range"] = Function(params: [], variadic: .init("params", .number), returns: .list(.number)) { args throws(Function.Failure) in
            let nums = args.map(number)
            var start = Number(0), end = Number(0), step = Number(1)
            switch nums.count {
            case 1:
                end = nums[0]
                step = nums[0] < Number(0) ? Number(-1) : Number(1)
            case 2:
                start = nums[0]
                end = nums[1]
                step = nums[1] < nums[0] ? Number(-1) : Number(1)
            case 3:
                (start, end, step) = (nums[0], nums[1], nums[2])
            default:
                throw Function.Failure("must have one, two, or three arguments")
            }
            // cty compares the step to its own zero value by identity, which never matches a
            // step given by the caller; a zero step therefore runs into the 1024-value limit.
            let down = step < Number(0)
            if down {
                if end > start { throw Function.Failure("end must be less than start when step is negative", argument: 1) }
            } else if end < start {
                throw Function.Failure("end must be greater than start when step is positive", argument: 1)
            }
            var vals: [Value] = []
            var n = start
            while down ? !(n <= end) : !(n >= end) {
                if vals.count >= 1024 {
                    throw Function.Failure("more than 1024 values were generated; either decrease the difference between start and end or use a smaller step")
                }
                vals.append(.number(n))
                n = Number.sum(n, step) ?? n
            }
            return Value(.list(vals, element: .number))
        }
        f["transpose"] = Function(params: [.init("values", .map(.list(.string)))], returns: .map(.list(.string))) { args throws(Function.Failure) in
            let m = args[0]
            guard m.isWhollyKnown else { return .unknown(.map(.list(.string))) }
            var tmp: [String: [String]] = [:]
            let attrs = m.attributes ?? [:]
            for inKey in attrs.keys.sorted(by: utf8Less) {
                for v in items(attrs[inKey]!) {
                    guard let s = v.stringValue else { throw Function.Failure("input must be a map of lists of strings") }
                    tmp[s, default: []].append(inKey)
                    tmp[s]?.sort(by: utf8Less)
                }
            }
            return Value(.map(tmp.mapValues { Value(.list($0.map { .string($0) }, element: .string)) }, element: .list(.string)))
        }
        f["matchkeys"] = Function(
            params: [.init("values", .list(.dynamic)), .init("keys", .list(.dynamic)), .init("searchset", .list(.dynamic))],
            type: { args throws(Function.Failure) in
                guard Conversion.unify([args[1].type, args[2].type], unsafe: true) != nil else {
                    throw Function.Failure("keys and searchset must be of the same type")
                }
                return args[0].type
            },
            impl: { args, ret throws(Function.Failure) in
                let ety = ret.elementType ?? .dynamic
                guard args[0].isKnown else { return .unknown(.list(ety)) }
                if items(args[0]).count != items(args[1]).count {
                    throw Function.Failure("length of keys and values should be equal")
                }
                let t = Conversion.unify([args[1].type, args[2].type], unsafe: true)?.0 ?? .dynamic
                let keys = (try? Conversion.convert(args[1], to: t)) ?? args[1]
                let search = (try? Conversion.convert(args[2], to: t)) ?? args[2]
                if items(search).isEmpty { return list([], ety) }
                guard args[0].isWhollyKnown, keys.isWhollyKnown else { return .unknown(ret) }
                var out: [Value] = []
                let values = items(args[0])
                for (i, key) in items(keys).enumerated() {
                    for s in items(search) {
                        guard let eq = equalTrue(key, s) else { return list([], ety) }
                        if eq {
                            out.append(values[i])
                            break
                        }
                    }
                }
                return list(out, ety)
            })
        f["one"] = Function(
            params: [.init("list", .dynamic)],
            type: { args throws(Function.Failure) in
                switch args[0].type {
                case .list(let e), .set(let e): return e
                case .tuple(let ts) where ts.count <= 1: return ts.first ?? .dynamic
                default: throw Function.Failure("must be a list, set, or tuple value with either zero or one elements", argument: 0)
                }
            },
            impl: { args, ret throws(Function.Failure) in
                let v = args[0]
                if case .set(let elems, _) = v.kind, elems.count > 1, !v.isWhollyKnown { return .unknown(ret) }
                let elems = items(v)
                switch elems.count {
                case 0: return .null(ret)
                case 1: return elems[0]
                default:
                    throw Function.Failure("must be a list, set, or tuple value with either zero or one elements", argument: 0)
                }
            })
        f["alltrue"] = Function(params: [.init("list", .list(.bool))], returns: .bool) { args in
            for v in items(args[0]) {
                guard v.isKnown else { return .unknown(.bool) }
                if v.boolValue != true { return .bool(false) }
            }
            return .bool(true)
        }
        f["anytrue"] = Function(params: [.init("list", .list(.bool))], returns: .bool) { args in
            var unknown = false
            for v in items(args[0]) {
                guard v.isKnown else { unknown = true; continue }
                if v.boolValue == true { return .bool(true) }
            }
            return unknown ? .unknown(.bool) : .bool(false)
        }
        for (name, replacement) in [("list", "tolist([ ... ])"), ("map", "tomap({ ... })")] {
            let kind = name == "list" ? "list" : "map"
            f[name] = Function(
                params: [], variadic: .init("vals", .dynamic, allowNull: true, allowUnknown: true, allowDynamicType: true),
                type: { _ throws(Function.Failure) in
                    throw Function.Failure("the \"\(name)\" function was deprecated in Terraform v0.12 and is no longer available; use \(replacement) syntax to write a literal \(kind)")
                },
                impl: { _, _ in .dynamicUnknown })
        }
        return f
    }()

    /// Go's string order: by UTF-8 bytes.
    static func utf8Less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// cty's `flattener`: elements of nested lists, sets and tuples, with whether any marks
    /// were found and whether everything was known.
    static func flattener(_ v: Value) -> ([Value], Bool, Bool) {
        var marked = v.sensitive
        guard v.isKnown else { return ([], marked, false) }
        var out: [Value] = []
        var known = true
        for e in items(v) {
            if e.type == .dynamic && !e.isKnown { known = false }
            let t = e.type
            if t.isList || t.isSet || t.isTuple {
                if !e.isKnown {
                    known = false
                    marked = marked || e.sensitive
                    continue
                }
                let (sub, m, k) = flattener(e)
                marked = marked || m
                if k { out += sub } else { known = false }
            } else {
                out.append(e)
            }
        }
        return (out, marked, known)
    }

    static func sliceIndexes(_ args: [Value]) throws(Function.Failure) -> (Int, Int, Bool) {
        let l = args[0]
        var length: Int?
        if l.type.isTuple { length = l.type.tupleElementTypes?.count } else if l.isKnown { length = items(l).count }
        var start = 0, end = 0
        var startKnown = false, endKnown = false
        if args[1].isKnown {
            do throws(Function.Failure) { start = try goInt(args[1]) } catch { throw Function.Failure("invalid start index: \(error.message)", argument: 1) }
            if start < 0 { throw Function.Failure("start index must not be less than zero", argument: 1) }
            if let length, start > length { throw Function.Failure("start index must not be greater than the length of the list", argument: 1) }
            startKnown = true
        }
        if args[2].isKnown {
            do throws(Function.Failure) { end = try goInt(args[2]) } catch { throw Function.Failure("invalid end index: \(error.message)", argument: 2) }
            if end < 0 { throw Function.Failure("end index must not be less than zero", argument: 2) }
            if let length, end > length { throw Function.Failure("end index must not be greater than the length of the list", argument: 2) }
            endKnown = true
        }
        if startKnown && endKnown && start > end {
            throw Function.Failure("start index must not be greater than end index", argument: 1)
        }
        return (start, end, startKnown && endKnown)
    }
}
