import TerraceLang

/// Typed reads of a resource value's attributes. Every accessor answers nil (or empty) for an
/// attribute that is null or not yet known, so rules only ever judge values that are settled.
struct Fields {
    let value: Value

    init(_ value: Value) { self.value = value }

    subscript(key: String) -> Value? { value[key] }

    func string(_ key: String) -> String? { value[key]?.stringValue }

    /// A string attribute that is set and not empty (the AWS provider treats "" as unset).
    func nonEmpty(_ key: String) -> String? {
        guard let s = string(key), !s.isEmpty else { return nil }
        return s
    }

    func int(_ key: String) -> Int? { value[key]?.intValue }
    func bool(_ key: String) -> Bool? { value[key]?.boolValue }

    /// Whether the attribute is known (null counts as known).
    func isKnown(_ key: String) -> Bool { value[key]?.isWhollyKnown ?? true }

    /// The known strings of a list or set attribute.
    func strings(_ key: String) -> [String] { (value[key]?.elements ?? []).compactMap(\.stringValue) }

    /// The known string members of a map attribute.
    func map(_ key: String) -> [String: String] { (value[key]?.attributes ?? [:]).compactMapValues(\.stringValue) }

    /// The objects of a nested block (list or set), or of a list-of-objects attribute.
    func blocks(_ key: String) -> [Fields] { (value[key]?.elements ?? []).map(Fields.init) }

    /// The first object of a block with at most one item.
    func block(_ key: String) -> Fields? { blocks(key).first }
}

/// Builders for values of the types resource schemas use.
enum Build {
    static func stringSet(_ items: [String]) -> Value { Value(.set(Value.canonicalSet(items.map(Value.string)), element: .string)) }
    static func stringList(_ items: [String]) -> Value { Value(.list(items.map(Value.string), element: .string)) }
    static func stringMap(_ items: [String: String]) -> Value { Value(.map(items.mapValues(Value.string), element: .string)) }

    /// An object of a block's type: the given attributes, null for the rest.
    static func object(_ block: SchemaBlock, _ attrs: [String: Value]) -> Value {
        guard case .object(let types, _) = block.impliedType else { return .object(attrs) }
        var out: [String: Value] = [:]
        for (k, t) in types { out[k] = attrs[k] ?? emptyValue(t, block: block.blockTypes[k]) }
        return .object(out)
    }

    /// A list or set of block objects, typed by the block.
    static func blocks(_ nested: NestedBlock, _ items: [[String: Value]]) -> Value {
        let objects = items.map { object(nested.block, $0) }
        switch nested.nesting {
        case .set: return Value(.set(Value.canonicalSet(objects), element: nested.block.impliedType))
        default: return Value(.list(objects, element: nested.block.impliedType))
        }
    }

    /// What an unset attribute or absent block looks like: null, or an empty collection of blocks.
    static func emptyValue(_ t: ValueType, block: NestedBlock?) -> Value {
        guard let block else { return .null(t) }
        switch block.nesting {
        case .list: return Value(.list([], element: block.block.impliedType))
        case .set: return Value(.set([], element: block.block.impliedType))
        case .map: return Value(.map([:], element: block.block.impliedType))
        case .single: return .null(t)
        }
    }

    /// A copy with every unknown, at any depth, replaced by the zero value of its type: a
    /// computed attribute AWS leaves empty reads back as `""`, `0`, `false` or an empty
    /// collection, as the plugin SDK the AWS provider is built on stores it.
    static func settled(_ v: Value) -> Value {
        switch v.kind {
        case .unknown(let t): return Value(zero(t).kind, sensitive: v.sensitive)
        case .list(let items, let e): return Value(.list(items.map(settled), element: e), sensitive: v.sensitive)
        case .set(let items, let e): return Value(.set(Value.canonicalSet(items.map(settled)), element: e), sensitive: v.sensitive)
        case .tuple(let items): return Value(.tuple(items.map(settled)), sensitive: v.sensitive)
        case .map(let items, let e): return Value(.map(items.mapValues(settled), element: e), sensitive: v.sensitive)
        case .object(let items): return Value(.object(items.mapValues(settled)), sensitive: v.sensitive)
        default: return v
        }
    }

    /// The zero value of a type (null for objects and dynamic values).
    static func zero(_ t: ValueType) -> Value {
        switch t {
        case .string: return .string("")
        case .number: return .number(0)
        case .bool: return .bool(false)
        case .list(let e): return Value(.list([], element: e))
        case .set(let e): return Value(.set([], element: e))
        case .map(let e): return Value(.map([:], element: e))
        default: return .null(t)
        }
    }

    /// What an attribute or block of a schema holds when nothing sets it.
    static func unset(_ block: SchemaBlock, _ name: String) -> Value {
        if let nb = block.blockTypes[name] { return emptyValue(nb.impliedType, block: nb) }
        return .null(block.attributes[name]?.type ?? .dynamic)
    }

    /// A copy of an object with some attributes replaced.
    static func with(_ v: Value, _ changes: [String: Value]) -> Value {
        guard var attrs = v.attributes else { return v }
        for (k, c) in changes { attrs[k] = c }
        return Value(.object(attrs), sensitive: v.sensitive)
    }
}

/// `name` and `name_prefix` as the AWS provider settles them: the configured name, or a
/// unique one made from the prefix (`terraform-` when neither is set).
enum Naming {
    static func settle(_ f: Fields, name: String = "name", prefix: String = "name_prefix",
                       defaultPrefix: String = "terraform-") -> (name: String, prefix: String) {
        if let n = f.nonEmpty(name) { return (n, "") }
        let p = f.nonEmpty(prefix) ?? defaultPrefix
        return (DataIDs.prefixed(p), p)
    }
}
