/// The shape of a configuration block, as Terraform's `configschema`: attributes with their
/// types and flags, and nested block types with their nesting mode and item limits. Providers
/// describe their resources with it; the body decoder checks and evaluates configuration with it.
public struct SchemaBlock: Sendable {
    public var attributes: [String: SchemaAttribute]
    public var blockTypes: [String: NestedBlock]
    public var description: String

    public init(attributes: [String: SchemaAttribute] = [:], blockTypes: [String: NestedBlock] = [:], description: String = "") {
        self.attributes = attributes
        self.blockTypes = blockTypes
        self.description = description
    }

    /// The object type of a value decoded with this schema.
    public var impliedType: ValueType {
        var attrs: [String: ValueType] = [:]
        for (name, a) in attributes { attrs[name] = a.type }
        for (name, b) in blockTypes { attrs[name] = b.impliedType }
        return .object(attrs)
    }
}

/// One attribute of a block schema.
public struct SchemaAttribute: Sendable {
    public var type: ValueType
    public var required: Bool
    public var optional: Bool
    public var computed: Bool
    public var sensitive: Bool
    /// Changing this attribute cannot be done in place: the object must be replaced.
    public var forceNew: Bool
    public var description: String
    /// A value the provider fills in when configuration leaves an optional attribute unset.
    public var defaultValue: Value?

    public init(_ type: ValueType, required: Bool = false, optional: Bool = false, computed: Bool = false,
                sensitive: Bool = false, forceNew: Bool = false, default defaultValue: Value? = nil, description: String = "") {
        self.type = type
        self.required = required
        self.optional = optional || (!required && !computed)
        self.computed = computed
        self.sensitive = sensitive
        self.forceNew = forceNew
        self.description = description
        self.defaultValue = defaultValue
    }

    public static func required(_ t: ValueType, forceNew: Bool = false, sensitive: Bool = false, description: String = "") -> SchemaAttribute {
        SchemaAttribute(t, required: true, sensitive: sensitive, forceNew: forceNew, description: description)
    }
    public static func optional(_ t: ValueType, forceNew: Bool = false, sensitive: Bool = false, default d: Value? = nil, description: String = "") -> SchemaAttribute {
        SchemaAttribute(t, optional: true, sensitive: sensitive, forceNew: forceNew, default: d, description: description)
    }
    /// Optional and computed: the provider supplies a value when configuration does not.
    public static func optionalComputed(_ t: ValueType, forceNew: Bool = false, sensitive: Bool = false, description: String = "") -> SchemaAttribute {
        SchemaAttribute(t, optional: true, computed: true, sensitive: sensitive, forceNew: forceNew, description: description)
    }
    public static func computed(_ t: ValueType, sensitive: Bool = false, description: String = "") -> SchemaAttribute {
        SchemaAttribute(t, computed: true, sensitive: sensitive, description: description)
    }
}

/// A nested block type.
public struct NestedBlock: Sendable {
    public enum Nesting: String, Sendable {
        case single, list, set, map
    }
    public var nesting: Nesting
    public var block: SchemaBlock
    public var minItems: Int
    public var maxItems: Int
    public var forceNew: Bool

    public init(_ nesting: Nesting, _ block: SchemaBlock, minItems: Int = 0, maxItems: Int = 0, forceNew: Bool = false) {
        self.nesting = nesting
        self.block = block
        self.minItems = minItems
        self.maxItems = maxItems
        self.forceNew = forceNew
    }

    public var impliedType: ValueType {
        switch nesting {
        case .single: return block.impliedType
        case .list: return .list(block.impliedType)
        case .set: return .set(block.impliedType)
        case .map: return .map(block.impliedType)
        }
    }
}
