/// One priced line of a resource's cost, as Infracost names them: a component such as
/// `Database instance (on-demand, Single-AZ, db.t3.small)` with a unit, a monthly quantity
/// and a unit price. Usage-based components without a quantity are shown but not totalled.
public struct CostComponent: Sendable, Hashable {
    public var name: String
    public var unit: String
    /// nil for a usage-based component with no quantity in the usage file.
    public var monthlyQuantity: Double?
    /// nil when the price catalogue has no price for it (reported, never counted as zero).
    public var price: Double?
    public var usageBased: Bool

    public init(name: String, unit: String, monthlyQuantity: Double?, price: Double?, usageBased: Bool = false) {
        self.name = name
        self.unit = unit
        self.monthlyQuantity = monthlyQuantity
        self.price = price
        self.usageBased = usageBased
    }

    /// Price × quantity, when both are known.
    public var monthlyCost: Double? {
        guard let q = monthlyQuantity, let p = price else { return nil }
        return q * p
    }
}

/// The costed view of one resource.
public struct ResourceCost: Sendable, Hashable {
    public var name: String
    public var resourceType: String
    public var components: [CostComponent]

    public init(name: String, resourceType: String, components: [CostComponent]) {
        self.name = name
        self.resourceType = resourceType
        self.components = components
    }

    public var monthlyCost: Double { components.compactMap(\.monthlyCost).reduce(0, +) }
}
