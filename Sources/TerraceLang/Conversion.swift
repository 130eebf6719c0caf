/// Type conversion, following cty's `convert` package: a conversion is first chosen from the
/// two types (and may not exist, giving cty's mismatch message), then applied to the value
/// (and may still fail, e.g. a string that is not a number). "Safe" conversions never fail on
/// values; Terraform converts with the unsafe set, which adds string → number/bool, list → set
/// and map → object.
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

    /// A conversion chosen for a pair of types, applied to a value at a path.
    typealias Converter = @Sendable (Value, String) throws(Failure) -> Value

    /// Converts `value` to `type` (cty's `Convert`, unsafe conversions allowed), keeping marks.
    public static func convert(_ value: Value, to type: ValueType) throws(Failure) -> Value {
        if let converted = fastConvert(value, to: type) { return converted }
        if value.type == type { return value }
        guard let conv = converter(from: value.type, to: type, unsafe: true) else {
            throw Failure(mismatchMessage(value.type, type))
        }
        return try conv(value, "")
    }

    /// The commonest conversions (a primitive to its own type or to string, anything to
    /// dynamic, an object of primitives to a map of a primitive type, as every `triggers` or
    /// `tags` argument is converted) without computing whole types or building converter
    /// closures; nil for everything else, which the general path handles. Results are exactly
    /// those of the general path.
    static func fastConvert(_ value: Value, to type: ValueType) -> Value? {
        if type == .dynamic { return value }
        if type.isPrimitive { return primitive(value, to: type) }
        guard case .map(let ety) = type, ety.isPrimitive else { return nil }
        switch value.kind {
        case .map(_, let e) where e == ety:
            return value
        case .object(let items):
            if items.isEmpty { return Value(.map([:], element: ety), sensitive: value.sensitive) }
            var out: [String: Value] = [:]
            out.reserveCapacity(items.count)
            for (k, item) in items {
                guard let c = primitive(item, to: ety) else { return nil }
                out[k] = c
            }
            return Value(.map(out, element: ety), sensitive: value.sensitive)
        default:
            return nil
        }
    }

    /// `value` (a primitive, or null or unknown) converted to the primitive type `type` when
    /// that is the identity or a conversion to string; nil otherwise.
    private static func primitive(_ value: Value, to type: ValueType) -> Value? {
        switch value.kind {
        case .string: return type == .string ? value : nil
        case .number(let n):
            if type == .number { return value }
            return type == .string ? Value(.string(n.description), sensitive: value.sensitive) : nil
        case .bool(let b):
            if type == .bool { return value }
            return type == .string ? Value(.string(b ? "true" : "false"), sensitive: value.sensitive) : nil
        case .null(let t):
            if t == type { return value }
            return t == .dynamic || (type == .string && t.isPrimitive) ? Value(.null(type), sensitive: value.sensitive) : nil
        case .unknown(let t):
            if t == type { return value }
            return t == .dynamic || (type == .string && t.isPrimitive) ? Value(.unknown(type), sensitive: value.sensitive) : nil
        default:
            return nil
        }
    }

    /// Whether a conversion between the types exists (safe only, or also unsafe).
    public static func canConvert(from a: ValueType, to b: ValueType, unsafe: Bool = true) -> Bool {
        a == b || converter(from: a, to: b, unsafe: unsafe) != nil
    }

    /// Whether a value of type `a` could convert to `b` (used for unknowns).
    public static func compatible(_ a: ValueType, _ b: ValueType) -> Bool { canConvert(from: a, to: b) }

    // MARK: - Choosing a conversion

    static func converter(from inType: ValueType, to outType: ValueType, unsafe: Bool) -> Converter? {
        guard let conv = knownConverter(from: inType, to: outType, unsafe: unsafe) else { return nil }
        let plainOut = outType.withoutOptionalAttributes
        @Sendable func apply(_ value: Value, _ path: String) throws(Failure) -> Value {
            if value.sensitive {
                var plain = value
                plain.sensitive = false
                var out = try apply(plain, path)
                out.sensitive = true
                return out
            }
            if outType == .dynamic { return value }
            if case .unknown = value.kind { return .unknown(plainOut) }
            if case .null = value.kind { return .null(plainOut) }
            return try conv(value, path)
        }
        return apply
    }

    private static func knownConverter(from inType: ValueType, to outType: ValueType, unsafe: Bool) -> Converter? {
        switch (inType, outType) {
        case (_, .dynamic):
            return { v, _ in v }
        case (.dynamic, _) where unsafe:
            return { (v: Value, path: String) throws(Failure) -> Value in
                do throws(Failure) {
                    return try convert(v, to: outType)
                } catch {
                    throw Failure(error.message, path: path)
                }
            }
        case (.number, .string):
            return { v, _ in .string(v.numberValue?.description ?? "") }
        case (.bool, .string):
            return { v, _ in .string(v.boolValue == true ? "true" : "false") }
        case (.string, .number) where unsafe:
            return { (v: Value, path: String) throws(Failure) -> Value in
                guard let n = Number(parsing: v.stringValue ?? "") else { throw Failure("a number is required", path: path) }
                return .number(n)
            }
        case (.string, .bool) where unsafe:
            return { (v: Value, path: String) throws(Failure) -> Value in
                switch v.stringValue ?? "" {
                case "true", "1": return .bool(true)
                case "false", "0": return .bool(false)
                case let s where s.lowercased() == "true":
                    throw Failure("a bool is required; to convert from string, use lowercase \"true\"", path: path)
                case let s where s.lowercased() == "false":
                    throw Failure("a bool is required; to convert from string, use lowercase \"false\"", path: path)
                default: throw Failure("a bool is required", path: path)
                }
            }
        case _ where inType.isPrimitive && outType.isPrimitive:
            if inType != outType { return nil }
            return { v, _ in v }
        case (.object, .object):
            return objectToObject(inType, outType, unsafe)
        case (.tuple, .tuple):
            return tupleToTuple(inType, outType, unsafe)
        case (.list(let ie), .list(let oe)), (.set(let ie), .list(let oe)):
            if ie == oe { return collectionToList(oe, nil) }
            guard let ec = converter(from: ie, to: oe, unsafe: unsafe) else { return nil }
            return collectionToList(oe, ec)
        case (.list(let ie), .set(let oe)), (.set(let ie), .set(let oe)):
            if inType.isList && !unsafe { return nil }
            if ie == oe { return collectionToSet(oe, nil) }
            guard let ec = converter(from: ie, to: oe, unsafe: unsafe) else { return nil }
            return collectionToSet(oe, ec)
        case (.map(let ie), .map(let oe)):
            guard let ec = converter(from: ie, to: oe, unsafe: unsafe) else { return nil }
            return collectionToMap(oe, ec)
        case (.tuple(let ts), .list(let oe)):
            return tupleToList(ts, oe, unsafe)
        case (.tuple(let ts), .set(let oe)):
            return tupleToSet(ts, oe, unsafe)
        case (.object(let attrs, _), .map(let oe)):
            return objectToMap(attrs, oe, unsafe)
        case (.map, .object) where unsafe:
            return mapToObject(inType, outType, unsafe)
        default:
            return nil
        }
    }

    // MARK: - Collections

    private static func collectionToList(_ ety: ValueType, _ conv: Converter?) -> Converter {
        return { (v: Value, path: String) throws(Failure) -> Value in
            let items = v.elements ?? []
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try conv.map { c throws(Failure) in try c(item, path + "[\(i)]") } ?? item)
            }
            if out.isEmpty {
                return Value(.list([], element: ety == .dynamic ? (v.type.elementType ?? .dynamic) : ety))
            }
            guard let et = listElementType(out) else {
                throw Failure("element types must all match for conversion to list", path: path)
            }
            return Value(.list(out, element: et))
        }
    }

    private static func collectionToSet(_ ety: ValueType, _ conv: Converter?) -> Converter {
        return { (v: Value, path: String) throws(Failure) -> Value in
            let items = v.elements ?? []
            var out: [Value] = []
            for (i, item) in items.enumerated() {
                out.append(try conv.map { c throws(Failure) in try c(item, path + "[\(i)]") } ?? item)
            }
            if out.isEmpty {
                return Value(.set([], element: ety == .dynamic ? (v.type.elementType ?? .dynamic) : ety))
            }
            guard let et = listElementType(out.map(\.unmarkedDeep)) else {
                throw Failure("element types must all match for conversion to set", path: path)
            }
            return Value.set(out, element: et)
        }
    }

    private static func collectionToMap(_ ety: ValueType, _ conv: @escaping Converter) -> Converter {
        return { (v: Value, path: String) throws(Failure) -> Value in
            var out: [String: Value] = [:]
            for (k, item) in v.attributes ?? [:] {
                out[k] = try conv(item, path + "[\(GoQuote.quote(k))]")
            }
            if out.isEmpty {
                return Value(.map([:], element: ety == .dynamic ? (v.type.elementType ?? .dynamic) : ety))
            }
            if ety.isCollection || ety.isObject {
                out = try unifyElements(out, path: path, unsafe: false)
            }
            guard let et = listElementType(Array(out.values)) else {
                throw Failure("element types must all match for conversion to map", path: path)
            }
            return Value(.map(out, element: et))
        }
    }

    /// Per-element conversions for a tuple's element types into `ety` (unified when dynamic);
    /// nil when some element cannot convert.
    private static func tupleElementConverters(_ ts: [ValueType], _ ety: inout ValueType, _ unsafe: Bool) -> [Converter?]? {
        if ety == .dynamic {
            guard let (u, _) = unify(ts, unsafe: unsafe) else { return nil }
            if u == .dynamic && !ts.allSatisfy({ $0 == .dynamic }) { return nil }
            ety = u
        }
        var convs: [Converter?] = []
        for t in ts {
            if t == ety { convs.append(nil); continue }
            guard let c = converter(from: t, to: ety, unsafe: unsafe) else { return nil }
            convs.append(c)
        }
        return convs
    }

    private static func tupleToList(_ ts: [ValueType], _ listEty: ValueType, _ unsafe: Bool) -> Converter? {
        if ts.isEmpty { return { _, _ in Value(.list([], element: listEty)) } }
        var ety = listEty
        guard let convs = tupleElementConverters(ts, &ety, unsafe) else { return nil }
        return { (v: Value, path: String) throws(Failure) -> Value in
            var out: [Value] = []
            for (i, item) in (v.elements ?? []).enumerated() {
                out.append(try convs[i].map { c throws(Failure) in try c(item, path + "[\(i)]") } ?? item)
            }
            out = try unifyListElements(out, path: path, unsafe: unsafe)
            guard let et = listElementType(out) else {
                throw Failure("element types must all match for conversion to list", path: path)
            }
            return Value(.list(out, element: et))
        }
    }

    private static func tupleToSet(_ ts: [ValueType], _ setEty: ValueType, _ unsafe: Bool) -> Converter? {
        if ts.isEmpty { return { _, _ in Value(.set([], element: setEty)) } }
        var ety = setEty
        guard let convs = tupleElementConverters(ts, &ety, unsafe) else { return nil }
        return { (v: Value, path: String) throws(Failure) -> Value in
            var out: [Value] = []
            for (i, item) in (v.elements ?? []).enumerated() {
                out.append(try convs[i].map { c throws(Failure) in try c(item, path + "[\(i)]") } ?? item)
            }
            guard let et = listElementType(out.map(\.unmarkedDeep)) else {
                throw Failure("element types must all match for conversion to set", path: path)
            }
            return Value.set(out, element: et)
        }
    }

    private static func objectToMap(_ attrs: [String: ValueType], _ mapEty: ValueType, _ unsafe: Bool) -> Converter? {
        if attrs.isEmpty { return { _, _ in Value(.map([:], element: mapEty)) } }
        var ety = mapEty
        if ety == .dynamic {
            guard let (u, _) = unify(attrs.keys.sorted().map { attrs[$0]! }, unsafe: unsafe) else { return nil }
            ety = u
        }
        var convs: [String: Converter] = [:]
        for (name, t) in attrs where t != ety {
            guard let c = converter(from: t, to: ety, unsafe: unsafe) else { return nil }
            convs[name] = c
        }
        let finalEty = ety
        let frozen = convs
        return { (v: Value, path: String) throws(Failure) -> Value in
            let convs = frozen
            var out: [String: Value] = [:]
            for (k, item) in v.attributes ?? [:] {
                out[k] = try convs[k].map { c throws(Failure) in try c(item, path + "[\(GoQuote.quote(k))]") } ?? item
            }
            if finalEty.isCollection || finalEty.isObject {
                out = try unifyElements(out, path: path, unsafe: unsafe)
            }
            guard let et = listElementType(Array(out.values)) else {
                throw Failure("attribute types must all match for conversion to map", path: path)
            }
            return Value(.map(out, element: et))
        }
    }

    private static func mapToObject(_ mapType: ValueType, _ objType: ValueType, _ unsafe: Bool) -> Converter? {
        guard case .object(let atys, let optional) = objType, let mapEty = mapType.elementType else { return nil }
        var convs: [String: Converter] = [:]
        for (name, t) in atys where t != mapEty {
            guard let c = converter(from: mapEty, to: t, unsafe: unsafe) else { return nil }
            convs[name] = c
        }
        let frozen = convs
        return { (v: Value, path: String) throws(Failure) -> Value in
            let convs = frozen
            var out: [String: Value] = [:]
            for (k, item) in v.attributes ?? [:] where atys[k] != nil {
                out[k] = try convs[k].map { c throws(Failure) in try c(item, path + "[\(GoQuote.quote(k))]") } ?? item
            }
            for name in atys.keys.sorted() where out[name] == nil {
                if optional.contains(name) {
                    out[name] = .null(atys[name]!.withoutOptionalAttributes)
                } else {
                    throw Failure("map has no element for required attribute \"\(name)\"", path: path)
                }
            }
            return .object(out)
        }
    }

    private static func objectToObject(_ inType: ValueType, _ outType: ValueType, _ unsafe: Bool) -> Converter? {
        guard case .object(let inAtys, _) = inType, case .object(let outAtys, let optional) = outType else { return nil }
        var convs: [String: Converter?] = [:]
        for (name, outAty) in outAtys {
            guard let inAty = inAtys[name] else {
                if optional.contains(name) { continue }
                return nil
            }
            if inAty == outAty { convs[name] = .some(nil); continue }
            guard let c = converter(from: inAty, to: outAty, unsafe: unsafe) else { return nil }
            convs[name] = c
        }
        let frozen = convs
        return { (v: Value, path: String) throws(Failure) -> Value in
            let convs = frozen
            var out: [String: Value] = [:]
            for (name, item) in v.attributes ?? [:] {
                guard let conv = convs[name] else { continue }
                out[name] = try conv.map { c throws(Failure) in try c(item, path + ".\(name)") } ?? item
            }
            for name in optional where out[name] == nil {
                if let t = outAtys[name] { out[name] = .null(t.withoutOptionalAttributes) }
            }
            return .object(out)
        }
    }

    private static func tupleToTuple(_ inType: ValueType, _ outType: ValueType, _ unsafe: Bool) -> Converter? {
        guard case .tuple(let ins) = inType, case .tuple(let outs) = outType, ins.count == outs.count else { return nil }
        var convs: [Converter?] = []
        for (i, o) in zip(ins, outs) {
            if i == o { convs.append(nil); continue }
            guard let c = converter(from: i, to: o, unsafe: unsafe) else { return nil }
            convs.append(c)
        }
        let frozen = convs
        return { (v: Value, path: String) throws(Failure) -> Value in
            let convs = frozen
            var out: [Value] = []
            for (i, item) in (v.elements ?? []).enumerated() {
                out.append(try convs[i].map { c throws(Failure) in try c(item, path + "[\(i)]") } ?? item)
            }
            return .tuple(out)
        }
    }

    /// The element type cty's `ListVal` gives these values (the first type other than
    /// `dynamic`), or nil when two differ.
    static func listElementType(_ values: [Value]) -> ValueType? {
        var ety = ValueType.dynamic
        for v in values {
            let t = v.type
            if ety == .dynamic {
                ety = t
            } else if t != .dynamic && t != ety {
                return nil
            }
        }
        return ety
    }

    private static func unifyElements(_ elems: [String: Value], path: String, unsafe: Bool) throws(Failure) -> [String: Value] {
        let keys = elems.keys.sorted()
        guard let (u, _) = unify(keys.map { elems[$0]!.type }, unsafe: unsafe) else {
            throw Failure("cannot find a common base type for all elements", path: path)
        }
        var out: [String: Value] = [:]
        for k in keys {
            let e = elems[k]!
            if e.type == u { out[k] = e; continue }
            guard let c = converter(from: e.type, to: u, unsafe: unsafe) else { out[k] = e; continue }
            out[k] = try c(e, path + "[\(GoQuote.quote(k))]")
        }
        return out
    }

    private static func unifyListElements(_ elems: [Value], path: String, unsafe: Bool) throws(Failure) -> [Value] {
        guard let (u, _) = unify(elems.map(\.type), unsafe: unsafe) else {
            throw Failure("cannot find a common base type for all elements", path: path)
        }
        var out: [Value] = []
        for (i, e) in elems.enumerated() {
            if e.type == u { out.append(e); continue }
            guard let c = converter(from: e.type, to: u, unsafe: unsafe) else { out.append(e); continue }
            out.append(try c(e, path + "[\(i)]"))
        }
        return out
    }
}
