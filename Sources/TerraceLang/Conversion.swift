/// Type conversion and unification, following cty's `convert` package: safe and unsafe
/// primitive conversions, structural conversions between tuples, lists and sets and between
/// objects and maps, and finding a common type for conditional results and collection literals.
public enum Conversion {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// A phrase such as "string required" or "attribute \"name\" is required".
        public var message: String
        /// The path inside the value where conversion failed (`.a[0]`).
        public var path: String
        public init(_ message: String, path: String = "") {
            self.message = message
            self.path = path
        }
        public var description: String { path.isEmpty ? message : "\(path): \(message)" }
    }

    /// Converts `value` to `type`, keeping sensitive marks.
    public static func convert(_ value: Value, to type: ValueType) throws(Failure) -> Value {
        try convert(value, to: type, path: "")
    }

    static func convert(_ value: Value, to type: ValueType, path: String) throws(Failure) -> Value {
        let mark = value.sensitive
        func out(_ kind: Value.Kind) -> Value { Value(kind, sensitive: mark) }
        if case .dynamic = type { return value }
        switch value.kind {
        case .null: return out(.null(type))
        case .unknown(let t):
            if !compatible(t, type) { throw Failure("\(type.friendlyName) required", path: path) }
            return out(.unknown(type))
        default: break
        }
        if value.type == type { return value }
        switch type {
        case .dynamic:
            return value
        case .string:
            switch value.kind {
            case .number(let n): return out(.string(n.description))
            case .bool(let b): return out(.string(b ? "true" : "false"))
            default: throw Failure("string required", path: path)
            }
        case .number:
            if case .string(let s) = value.kind {
                guard let n = Number(parsing: s) else {
                    throw Failure("a number is required", path: path)
                }
                return out(.number(n))
            }
            throw Failure("number required", path: path)
        case .bool:
            if case .string(let s) = value.kind {
                switch s {
                case "true": return out(.bool(true))
                case "false": return out(.bool(false))
                default: throw Failure("a bool is required", path: path)
                }
            }
            throw Failure("bool required", path: path)
        case .list(let e), .set(let e):
            guard let items = value.elements else { throw Failure("\(type.friendlyName) required", path: path) }
            var elem = e
            if e.hasDynamic {
                guard let u = unify(items.map(\.type)) else {
                    throw Failure("all \(typeWord(type)) elements must have the same type", path: path)
                }
                elem = items.isEmpty ? e : u
            }
            var converted: [Value] = []
            for (i, item) in items.enumerated() {
                converted.append(try convert(item, to: elem, path: path + "[\(i)]"))
            }
            if case .set = type { return out(.set(Value.canonicalSet(converted), element: elem)) }
            return out(.list(converted, element: elem))
        case .map(let e):
            guard let attrs = value.attributes else { throw Failure("map of \(e.friendlyName) required", path: path) }
            var elem = e
            if e.hasDynamic {
                guard let u = unify(Array(attrs.values.map(\.type))) else {
                    throw Failure("all map elements must have the same type", path: path)
                }
                elem = attrs.isEmpty ? e : u
            }
            var converted: [String: Value] = [:]
            for (k, v) in attrs {
                converted[k] = try convert(v, to: elem, path: path + "[\"\(k)\"]")
            }
            return out(.map(converted, element: elem))
        case .tuple(let types):
            guard let items = value.elements, value.type.isCollection || { if case .tuple = value.type { return true }; return false }() else {
                throw Failure("tuple required", path: path)
            }
            if case .set = value.kind { throw Failure("tuple required", path: path) }
            guard items.count == types.count else {
                throw Failure("tuple required with \(types.count) elements", path: path)
            }
            var converted: [Value] = []
            for (i, (item, t)) in zip(items, types).enumerated() {
                converted.append(try convert(item, to: t, path: path + "[\(i)]"))
            }
            return out(.tuple(converted))
        case .object(let attrTypes, let optional):
            guard let attrs = value.attributes else { throw Failure("object required", path: path) }
            var converted: [String: Value] = [:]
            for name in attrTypes.keys.sorted() {
                let t = attrTypes[name]!
                if let v = attrs[name] {
                    converted[name] = try convert(v, to: t, path: path + ".\(name)")
                } else if optional.contains(name) {
                    converted[name] = .null(t)
                } else {
                    throw Failure("attribute \"\(name)\" is required", path: path)
                }
            }
            return out(.object(converted))
        }
    }

    private static func typeWord(_ t: ValueType) -> String {
        if case .set = t { return "set" }
        return "list"
    }

    /// Whether a value of type `a` could convert to `b` (used for unknowns).
    public static func compatible(_ a: ValueType, _ b: ValueType) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.dynamic, _), (_, .dynamic): return true
        case (.number, .string), (.bool, .string), (.string, .number), (.string, .bool): return true
        case let (.list(x), .list(y)), let (.list(x), .set(y)), let (.set(x), .list(y)), let (.set(x), .set(y)):
            return compatible(x, y)
        case let (.map(x), .map(y)): return compatible(x, y)
        case let (.tuple(xs), .list(y)), let (.tuple(xs), .set(y)): return xs.allSatisfy { compatible($0, y) }
        case let (.object(xs, _), .map(y)): return xs.values.allSatisfy { compatible($0, y) }
        case let (.tuple(xs), .tuple(ys)): return xs.count == ys.count && zip(xs, ys).allSatisfy { compatible($0, $1) }
        case (.object, .object): return true
        case let (.list(x), .tuple(ys)): return ys.allSatisfy { compatible(x, $0) }
        case (.map, .object): return true
        default: return false
        }
    }

    /// The type every one of `types` converts to without loss, if there is one (cty's Unify).
    public static func unify(_ types: [ValueType]) -> ValueType? {
        guard let first = types.first else { return .dynamic }
        if types.allSatisfy({ $0 == first }) { return first }
        if types.contains(.dynamic) { return .dynamic }
        if types.allSatisfy(\.isPrimitive) { return .string }
        // Objects and maps unify to a map of the unified attribute types.
        var elems: [ValueType] = []
        var allMapLike = true
        var allListLike = true
        for t in types {
            switch t {
            case .map(let e): elems.append(e); allListLike = false
            case .object(let attrs, _): elems.append(contentsOf: attrs.values); allListLike = false
            case .list(let e): elems.append(e); allMapLike = false
            case .tuple(let ts): elems.append(contentsOf: ts); allMapLike = false
            default: allMapLike = false; allListLike = false
            }
        }
        if allMapLike, let e = unify(elems) { return .map(e) }
        if allListLike, let e = unify(elems) { return .list(e) }
        // Sets of the same element type.
        if case .set = first, let e = unify(types.compactMap(\.elementType)), types.allSatisfy({ if case .set = $0 { return true }; return false }) {
            return .set(e)
        }
        return nil
    }
}
