import TerraceLang

/// Short reads of known attribute values, for resource implementations.
extension Value {
    /// The known, non-null string at `name`.
    func str(_ name: String) -> String? { self[name]?.stringValue }
    func int(_ name: String) -> Int? { self[name]?.intValue }
    func bool(_ name: String) -> Bool? { self[name]?.boolValue }
    /// The items of a list, set or block collection at `name` (empty when null or unknown).
    func items(_ name: String) -> [Value] { self[name]?.elements ?? [] }
    /// The known strings of a list or set of strings at `name`.
    func strings(_ name: String) -> [String] { items(name).compactMap(\.stringValue) }
    /// The single nested block at `name` (a list block with at most one item), if present.
    func block(_ name: String) -> Value? {
        guard let v = self[name], !v.isNull else { return nil }
        if let e = v.elements { return e.first }
        return v
    }
    /// Whether the attribute is set to a known value (not null, not unknown).
    func has(_ name: String) -> Bool { self[name].map { !$0.isNull && $0.isKnown } ?? false }
    /// Whether the attribute is unknown (depends on something not yet applied).
    func isUnknown(_ name: String) -> Bool { self[name].map { !$0.isWhollyKnown } ?? false }
}

extension Value {
    /// A set of strings.
    static func stringSet(_ items: [String]) -> Value { Value(.set(Value.canonicalSet(items.map(Value.string)), element: .string)) }
    /// A list of strings.
    static func stringList(_ items: [String]) -> Value { Value(.list(items.map(Value.string), element: .string)) }
    /// A map of strings.
    static func stringMap(_ items: [String: String]) -> Value { Value(.map(items.mapValues(Value.string), element: .string)) }
    /// A list of nested blocks of `schema`.
    static func blockList(_ items: [Value], _ schema: SchemaBlock) -> Value { Value(.list(items, element: schema.impliedType)) }
    /// A set of nested blocks of `schema`.
    static func blockSet(_ items: [Value], _ schema: SchemaBlock) -> Value {
        Value(.set(Value.canonicalSet(items), element: schema.impliedType))
    }

    /// An object of `schema` with the given values and null everywhere else.
    static func object(_ schema: SchemaBlock, _ values: [String: Value]) -> Value {
        var attrs: [String: Value] = [:]
        for (name, a) in schema.attributes { attrs[name] = values[name] ?? .null(a.type) }
        for (name, nb) in schema.blockTypes {
            attrs[name] = values[name] ?? {
                switch nb.nesting {
                case .list: return Value(.list([], element: nb.block.impliedType))
                case .set: return Value(.set([], element: nb.block.impliedType))
                case .map: return Value(.map([:], element: nb.block.impliedType))
                case .single: return .null(nb.impliedType)
                }
            }()
        }
        return .object(attrs)
    }

    /// A copy with `name` set.
    func with(_ name: String, _ v: Value) -> Value {
        guard var attrs = attributes else { return self }
        attrs[name] = v
        return Value(.object(attrs), sensitive: sensitive)
    }
}
