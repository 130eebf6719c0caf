import TerraceLang

/// A resource instance as the estimators see it: its address, type, region and attribute
/// values (planned, with unknowns where they are computed, or as state holds them), plus the
/// addresses its attributes refer to, so an estimator can follow `task_definition` to the task
/// definition even when the attribute itself is not yet known.
public struct PlannedResource: Sendable, Hashable {
    /// `module.ecs.aws_ecs_service.app` or `aws_eip.nat[0]`.
    public var address: String
    /// The module instance prefix of the address (`module.ecs.`), empty in the root module.
    public var modulePrefix: String
    public var type: String
    /// The provider's local name (`aws`); only aws resources are cloud resources here.
    public var provider: String
    public var region: String
    public var values: Value
    /// Attribute name → addresses of resource instances its expression refers to.
    public var references: [String: [String]]
    /// Addresses this instance depends on (state `dependencies`), a fallback for references.
    public var dependencies: [String]

    public init(address: String, type: String, region: String, values: Value, provider: String = "aws",
                modulePrefix: String = "", references: [String: [String]] = [:], dependencies: [String] = []) {
        self.address = address
        self.modulePrefix = modulePrefix
        self.type = type
        self.provider = provider
        self.region = region
        self.values = values
        self.references = references
        self.dependencies = dependencies
    }

    // MARK: Attribute access tolerant of unknowns and of state's untyped values

    /// A known, non-null attribute.
    public func known(_ name: String) -> Value? {
        guard let v = values[name], v.isKnown, !v.isNull else { return nil }
        return v
    }

    public func string(_ name: String) -> String? { known(name)?.stringValue }

    /// Numbers, and numeric strings (`cpu = "512"` in a task definition).
    public func number(_ name: String) -> Double? { Self.number(known(name)) }

    public func bool(_ name: String) -> Bool? {
        guard let v = known(name) else { return nil }
        if let b = v.boolValue { return b }
        if let s = v.stringValue { return s == "true" ? true : s == "false" ? false : nil }
        return nil
    }

    /// Whether the attribute is set but not yet known (computed at apply).
    public func isUnknown(_ name: String) -> Bool { values[name]?.isUnknown ?? false }

    /// The elements of a list or set attribute; nil when unknown or absent.
    public func list(_ name: String) -> [Value]? { known(name)?.elements }

    /// The first element of a nested block (`runtime_platform { … }`), which the planned value
    /// holds as a one-element list.
    public func block(_ name: String) -> Value? {
        guard let v = known(name) else { return nil }
        if let items = v.elements { return items.first.flatMap { $0.isNull ? nil : $0 } }
        return v.attributes != nil ? v : nil
    }

    public static func number(_ v: Value?) -> Double? {
        guard let v, v.isKnown, !v.isNull else { return nil }
        if let n = v.numberValue, !n.isInfinite { return n.doubleValue }
        if let s = v.stringValue { return Double(s.trimmingCharacters(in: .whitespaces)) }
        return nil
    }

    public static func string(_ v: Value?) -> String? {
        guard let v, v.isKnown, !v.isNull else { return nil }
        return v.stringValue
    }
}
