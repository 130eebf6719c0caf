extension Builtins {
    static let collectionFunctions: [String: Function] = [
        "length": Function(params: [.init("value", .dynamic)], returns: .number) { args throws(Function.Failure) in
            let v = args[0]
            switch v.kind {
            case .string(let s): return .number(s.count)
            default:
                if let e = v.elements { return .number(e.count) }
                if let a = v.attributes { return .number(a.count) }
                throw Function.Failure("argument must be a string, a collection type, or a structural type.", argument: 0)
            }
        },
        "concat": Function(params: [], variadic: .init("seqs", .dynamic), returnType: { _ in .dynamic }) { args throws(Function.Failure) in
            var out: [Value] = []
            for (i, a) in args.enumerated() {
                guard let e = a.elements else { throw Function.Failure("all arguments must be lists or tuples; got \(a.type.friendlyName).", argument: i) }
                out.append(contentsOf: e)
            }
            if args.allSatisfy({ if case .list = $0.kind { return true }; return false }), let u = Conversion.unify(out.map(\.type)) {
                return Value(.list(out.map { (try? Conversion.convert($0, to: u)) ?? $0 }, element: args.isEmpty || out.isEmpty ? (args.first?.type.elementType ?? .dynamic) : u))
            }
            return .tuple(out)
        },
        "merge": Function(params: [], variadic: .init("maps", .dynamic, allowNull: true), returnType: { _ in .dynamic }) { args throws(Function.Failure) in
            var out: [String: Value] = [:]
            var allMaps = true
            for (i, a) in args.enumerated() {
                if a.isNull { continue }
                guard let attrs = a.attributes else { throw Function.Failure("arguments must be maps or objects, got \"\(a.type.friendlyName)\".", argument: i) }
                if case .object = a.kind { allMaps = false }
                for (k, v) in attrs { out[k] = v }
            }
            if allMaps, let u = Conversion.unify(out.values.map(\.type)), !out.isEmpty {
                return Value(.map(out.mapValues { (try? Conversion.convert($0, to: u)) ?? $0 }, element: u))
            }
            return .object(out)
        },
        "lookup": Function(params: [.init("inputMap", .dynamic), .init("key", .string)],
                           variadic: .init("default", .dynamic, allowNull: true), returnType: { _ in .dynamic }) { args throws(Function.Failure) in
            guard let attrs = args[0].attributes else { throw Function.Failure("the first argument must be a map or object.", argument: 0) }
            let key = args[1].stringValue ?? ""
            if let v = attrs[key] { return v }
            if args.count > 2 { return args[2] }
            throw Function.Failure("lookup failed to find key \"\(key)\".")
        },
        "keys": Function(params: [.init("inputMap", .dynamic)], returnType: { _ in .list(.string) }) { args throws(Function.Failure) in
            guard let attrs = args[0].attributes else { throw Function.Failure("must have map or object type.", argument: 0) }
            let ks = attrs.keys.sorted().map { Value.string($0) }
            if case .object = args[0].kind { return .tuple(ks) }
            return Value(.list(ks, element: .string))
        },
        "element": Function(params: [.init("list", .dynamic), .init("index", .number)], returnType: { _ in .dynamic }) { args throws(Function.Failure) in
            guard let items = args[0].elements, !items.isEmpty else { throw Function.Failure("cannot use element function with an empty list.") }
            guard let i = args[1].intValue else { throw Function.Failure("invalid index: must be a whole number.", argument: 1) }
            guard i >= 0 else { throw Function.Failure("cannot use element function with a negative index.") }
            return items[i % items.count]
        },
    ]
}
