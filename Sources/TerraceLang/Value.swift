/// A Terraform value: null, unknown (known after apply) or known, with a sensitive mark that
/// operations propagate to their results.
public struct Value: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case null(ValueType)
        case unknown(ValueType)
        case bool(Bool)
        case number(Number)
        case string(String)
        case list([Value], element: ValueType)
        /// Elements unique and in canonical order (see `Value.setOrder`).
        case set([Value], element: ValueType)
        case map([String: Value], element: ValueType)
        case tuple([Value])
        case object([String: Value])
    }

    public var kind: Kind
    public var sensitive: Bool

    public init(_ kind: Kind, sensitive: Bool = false) {
        self.kind = kind
        self.sensitive = sensitive
    }

    // MARK: Constructors

    public static func null(_ t: ValueType = .dynamic) -> Value { Value(.null(t)) }
    public static func unknown(_ t: ValueType = .dynamic) -> Value { Value(.unknown(t)) }
    public static func bool(_ b: Bool) -> Value { Value(.bool(b)) }
    public static func number(_ n: Number) -> Value { Value(.number(n)) }
    public static func number(_ i: Int) -> Value { Value(.number(Number(i))) }
    public static func string(_ s: String) -> Value { Value(.string(s)) }
    public static func tuple(_ items: [Value]) -> Value { Value(.tuple(items)) }
    public static func object(_ attrs: [String: Value]) -> Value { Value(.object(attrs)) }
    public static let emptyObject = Value.object([:])
    public static let emptyTuple = Value.tuple([])
    public static let dynamicNull = Value.null(.dynamic)
    public static let dynamicUnknown = Value.unknown(.dynamic)

    public static func list(_ items: [Value], element: ValueType? = nil) -> Value {
        Value(.list(items, element: element ?? items.first?.type ?? .dynamic))
    }

    public static func map(_ items: [String: Value], element: ValueType? = nil) -> Value {
        Value(.map(items, element: element ?? items.values.first?.type ?? .dynamic))
    }

    /// A set: marks moved from the elements to the set, duplicates removed and elements put in
    /// cty's order (see `Value.setOrder`).
    public static func set(_ items: [Value], element: ValueType? = nil) -> Value {
        let hoisted = items.contains { $0.containsSensitive }
        let elems = hoisted ? items.map(\.unmarkedDeep) : items
        return Value(.set(canonicalSet(elems), element: element ?? elems.first?.type ?? .dynamic), sensitive: hoisted)
    }

    /// Unique elements in cty's set order. Elements that are not wholly known never equal
    /// anything, as in cty, so each is kept.
    public static func canonicalSet(_ items: [Value]) -> [Value] {
        var seen = Set<Value>()
        var out: [Value] = []
        for v in items {
            if !v.isWhollyKnown || seen.insert(v).inserted { out.append(v) }
        }
        return out.sorted(by: setOrder)
    }

    /// cty's set order: non-null before null, known before unknown; numbers ascending, strings
    /// by bytes, false before true; anything else by its hash text (`setHashText`).
    public static func setOrder(_ a: Value, _ b: Value) -> Bool {
        if a.isNull != b.isNull { return !a.isNull }
        if a.isNull { return false }
        if a.isKnown != b.isKnown { return a.isKnown }
        if !a.isKnown { return false }
        switch (a.kind, b.kind) {
        case let (.number(x), .number(y)): return x < y
        case let (.string(x), .string(y)): return Array(x.utf8).lexicographicallyPrecedes(y.utf8)
        case let (.bool(x), .bool(y)): return !x && y
        default: return Array(a.setHashText.utf8).lexicographicallyPrecedes(b.setHashText.utf8)
        }
    }

    // MARK: Inspection

    public var type: ValueType {
        switch kind {
        case .null(let t), .unknown(let t): return t
        case .bool: return .bool
        case .number: return .number
        case .string: return .string
        case .list(_, let e): return .list(e)
        case .set(_, let e): return .set(e)
        case .map(_, let e): return .map(e)
        case .tuple(let items): return .tuple(items.map(\.type))
        case .object(let attrs): return .object(attrs.mapValues(\.type))
        }
    }

    public var isNull: Bool { if case .null = kind { return true }; return false }
    public var isUnknown: Bool { if case .unknown = kind { return true }; return false }
    public var isKnown: Bool { !isUnknown }

    /// Whether this value and everything inside it is known.
    public var isWhollyKnown: Bool {
        switch kind {
        case .unknown: return false
        case .list(let items, _), .set(let items, _), .tuple(let items): return items.allSatisfy(\.isWhollyKnown)
        case .map(let items, _), .object(let items): return items.values.allSatisfy(\.isWhollyKnown)
        default: return true
        }
    }

    /// Whether this value or anything inside it is sensitive.
    public var containsSensitive: Bool {
        if sensitive { return true }
        switch kind {
        case .list(let items, _), .set(let items, _), .tuple(let items): return items.contains { $0.containsSensitive }
        case .map(let items, _), .object(let items): return items.values.contains { $0.containsSensitive }
        default: return false
        }
    }

    public var stringValue: String? { if case .string(let s) = kind { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = kind { return b }; return nil }
    public var numberValue: Number? { if case .number(let n) = kind { return n }; return nil }
    public var intValue: Int? { numberValue?.intValue }

    /// The elements of a list, set or tuple.
    public var elements: [Value]? {
        switch kind {
        case .list(let items, _), .set(let items, _), .tuple(let items): return items
        default: return nil
        }
    }

    /// The members of a map or object.
    public var attributes: [String: Value]? {
        switch kind {
        case .map(let items, _), .object(let items): return items
        default: return nil
        }
    }

    public subscript(attr: String) -> Value? { attributes?[attr] }

    /// A copy with the sensitive mark set (or the marks of `other` merged in).
    public func marked(_ sensitive: Bool = true) -> Value {
        var v = self
        v.sensitive = v.sensitive || sensitive
        return v
    }

    /// A copy with every sensitive mark removed, deeply.
    public var unmarkedDeep: Value {
        var v = self
        v.sensitive = false
        switch kind {
        case .list(let items, let e): v.kind = .list(items.map(\.unmarkedDeep), element: e)
        case .set(let items, let e): v.kind = .set(items.map(\.unmarkedDeep), element: e)
        case .tuple(let items): v.kind = .tuple(items.map(\.unmarkedDeep))
        case .map(let items, let e): v.kind = .map(items.mapValues(\.unmarkedDeep), element: e)
        case .object(let items): v.kind = .object(items.mapValues(\.unmarkedDeep))
        default: break
        }
        return v
    }

    /// Value equality ignoring sensitive marks (for diffs and `==`).
    public func equalsIgnoringMarks(_ other: Value) -> Bool { unmarkedDeep == other.unmarkedDeep }
}

extension Value: CustomDebugStringConvertible {
    public var debugDescription: String {
        var s: String
        switch kind {
        case .null: s = "null"
        case .unknown: s = "(unknown)"
        case .bool(let b): s = String(b)
        case .number(let n): s = n.description
        case .string(let str): s = "\"\(str)\""
        case .list(let items, _), .set(let items, _), .tuple(let items):
            s = "[" + items.map(\.debugDescription).joined(separator: ",") + "]"
        case .map(let items, _), .object(let items):
            s = "{" + items.keys.sorted().map { "\($0)=\(items[$0]!.debugDescription)" }.joined(separator: ",") + "}"
        }
        return sensitive ? "sensitive(\(s))" : s
    }
}
