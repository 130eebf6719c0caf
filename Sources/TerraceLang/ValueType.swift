/// A Terraform (cty) type. `.dynamic` is `any`: the type of a value not yet known, and a type
/// constraint that accepts every type.
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case dynamic
    case bool
    case number
    case string
    case list(ValueType)
    case set(ValueType)
    case map(ValueType)
    case tuple([ValueType])
    /// Attribute types; `optional` names attributes a type constraint lets callers omit.
    case object([String: ValueType], optional: Set<String>)

    public static func object(_ attributes: [String: ValueType]) -> ValueType { .object(attributes, optional: []) }
    public static let emptyObject = ValueType.object([:])
    public static let emptyTuple = ValueType.tuple([])

    public var isPrimitive: Bool {
        switch self {
        case .bool, .number, .string: return true
        default: return false
        }
    }

    public var isCollection: Bool {
        switch self {
        case .list, .set, .map: return true
        default: return false
        }
    }

    /// The element type of a list, set or map.
    public var elementType: ValueType? {
        switch self {
        case .list(let e), .set(let e), .map(let e): return e
        default: return nil
        }
    }

    /// Whether this type contains `.dynamic` anywhere.
    public var hasDynamic: Bool {
        switch self {
        case .dynamic: return true
        case .bool, .number, .string: return false
        case .list(let e), .set(let e), .map(let e): return e.hasDynamic
        case .tuple(let ts): return ts.contains { $0.hasDynamic }
        case .object(let attrs, _): return attrs.values.contains { $0.hasDynamic }
        }
    }

    /// How Terraform names the type in messages and `type()`.
    public var description: String {
        switch self {
        case .dynamic: return "dynamic"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list(let e): return "list of \(e)"
        case .set(let e): return "set of \(e)"
        case .map(let e): return "map of \(e)"
        case .tuple: return "tuple"
        case .object: return "object"
        }
    }

    /// The type written as a Terraform type expression (`list(string)`, `object({a=number})`).
    public var typeExpression: String {
        switch self {
        case .dynamic: return "any"
        case .bool, .number, .string: return description
        case .list(let e): return "list(\(e.typeExpression))"
        case .set(let e): return "set(\(e.typeExpression))"
        case .map(let e): return "map(\(e.typeExpression))"
        case .tuple(let ts): return "tuple([\(ts.map(\.typeExpression).joined(separator: ", "))])"
        case .object(let attrs, let optional):
            let items = attrs.keys.sorted().map { k in
                optional.contains(k) ? "\(k)=optional(\(attrs[k]!.typeExpression))" : "\(k)=\(attrs[k]!.typeExpression)"
            }
            return "object({\(items.joined(separator: ", "))})"
        }
    }

    /// cty's `FriendlyNameForConstraint`: as `description`, but `any type` for `.dynamic` and
    /// `list of any single type` for a collection of it.
    public var constraintName: String {
        switch self {
        case .dynamic: return "any type"
        case .list(let e): return "list of " + (e == .dynamic ? "any single type" : e.constraintName)
        case .set(let e): return "set of " + (e == .dynamic ? "any single type" : e.constraintName)
        case .map(let e): return "map of " + (e == .dynamic ? "any single type" : e.constraintName)
        default: return description
        }
    }

    public var isList: Bool { if case .list = self { return true }; return false }
    public var isSet: Bool { if case .set = self { return true }; return false }
    public var isMap: Bool { if case .map = self { return true }; return false }
    public var isTuple: Bool { if case .tuple = self { return true }; return false }
    public var isObject: Bool { if case .object = self { return true }; return false }

    /// Element types of a tuple type.
    public var tupleElementTypes: [ValueType]? { if case .tuple(let ts) = self { return ts }; return nil }

    /// Attribute types of an object type.
    public var attributeTypes: [String: ValueType]? { if case .object(let a, _) = self { return a }; return nil }

    /// The same type with optional-attribute markers removed everywhere.
    public var withoutOptionalAttributes: ValueType {
        switch self {
        case .list(let e): return .list(e.withoutOptionalAttributes)
        case .set(let e): return .set(e.withoutOptionalAttributes)
        case .map(let e): return .map(e.withoutOptionalAttributes)
        case .tuple(let ts): return .tuple(ts.map(\.withoutOptionalAttributes))
        case .object(let attrs, _): return .object(attrs.mapValues(\.withoutOptionalAttributes))
        default: return self
        }
    }

    /// A short phrase used in conversion errors ("string required", "list of string required").
    public var friendlyName: String {
        switch self {
        case .dynamic: return "any type"
        case .tuple: return "tuple"
        case .object: return "object"
        default: return description
        }
    }
}
