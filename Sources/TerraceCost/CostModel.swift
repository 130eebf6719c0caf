/// One priced line of a resource's cost, as Infracost names them: a component such as
/// `Database instance (on-demand, Single-AZ, db.t3.small)` with a unit, a monthly quantity
/// and a unit price. Usage-based components without a quantity are shown but not totalled;
/// a component whose price the catalogue lacks is shown as missing and not totalled either.
public struct CostComponent: Sendable, Hashable {
    public var name: String
    /// The unit shown in tables (`hours`, `GB`, `CPU`, `1k requests`).
    public var unit: String
    /// The quantity per month, in the unit the price is for (hours for hourly prices). nil for
    /// a usage-based component with no quantity in the usage file.
    public var monthlyQuantity: Double?
    /// The ends of a quantity range (an ECS service between its autoscaling minimum and
    /// maximum); nil when the quantity is a single figure.
    public var minMonthlyQuantity: Double?
    public var maxMonthlyQuantity: Double?
    /// Price per unit of `monthlyQuantity`; nil when the catalogue has no price (reported as
    /// missing, never counted as zero).
    public var price: Double?
    /// The catalogue key the price was looked up under.
    public var priceKey: String
    /// The catalogue entry behind the price, with its source, date and any regional multiplier.
    public var quote: PriceQuote?
    /// Shown quantity = monthlyQuantity / unitMultiplier and shown price = price × unitMultiplier,
    /// as Infracost does (730 for "per CPU" and "per LCU", which are priced per hour).
    public var unitMultiplier: Double
    /// Usage-based (data transferred, requests) rather than provisioned capacity.
    public var usageBased: Bool
    /// The quantity came from a usage file (marked `*` in tables).
    public var quantityFromUsage: Bool

    public init(name: String, unit: String, monthlyQuantity: Double?, price: Double?, priceKey: String = "",
                quote: PriceQuote? = nil, unitMultiplier: Double = 1, usageBased: Bool = false,
                quantityFromUsage: Bool = false, minMonthlyQuantity: Double? = nil, maxMonthlyQuantity: Double? = nil) {
        self.name = name
        self.unit = unit
        self.monthlyQuantity = monthlyQuantity
        self.price = price
        self.priceKey = priceKey
        self.quote = quote
        self.unitMultiplier = unitMultiplier
        self.usageBased = usageBased
        self.quantityFromUsage = quantityFromUsage
        self.minMonthlyQuantity = minMonthlyQuantity
        self.maxMonthlyQuantity = maxMonthlyQuantity
    }

    public var priceNotFound: Bool { price == nil }

    /// Price × quantity, when both are known.
    public var monthlyCost: Double? {
        guard let q = monthlyQuantity, let p = price else { return nil }
        return q * p
    }

    /// The cost at the lower and upper ends of the quantity range (`monthlyCost` without one).
    public var minMonthlyCost: Double? {
        guard let p = price, let q = minMonthlyQuantity ?? monthlyQuantity else { return nil }
        return q * p
    }

    public var maxMonthlyCost: Double? {
        guard let p = price, let q = maxMonthlyQuantity ?? monthlyQuantity else { return nil }
        return q * p
    }

    /// Whether the quantity really spans a range (an autoscaling target with min < max).
    public var hasRange: Bool {
        guard let q = monthlyQuantity else { return false }
        return (minMonthlyQuantity ?? q) != (maxMonthlyQuantity ?? q)
    }

    /// The quantity per hour, for components priced by the hour (Infracost's `hourlyQuantity`).
    public func hourlyQuantity(hoursPerMonth: Double) -> Double? { monthlyQuantity.map { $0 / hoursPerMonth } }

    public var displayQuantity: Double? { monthlyQuantity.map { $0 / unitMultiplier } }
    public var displayMinQuantity: Double? { minMonthlyQuantity.map { $0 / unitMultiplier } }
    public var displayMaxQuantity: Double? { maxMonthlyQuantity.map { $0 / unitMultiplier } }
    public var displayPrice: Double? { price.map { $0 * unitMultiplier } }
}

/// Whether a resource was priced, costs nothing by nature, or has no estimator.
public enum ResourceStatus: String, Sendable, Hashable {
    case estimated
    case free
    case unsupported
}

/// The costed view of one resource instance (or of a part of one, as a subresource).
public struct ResourceCost: Sendable, Hashable {
    /// The instance address (`module.vpc.aws_nat_gateway.this[0]`), or a subresource's label.
    public var name: String
    public var resourceType: String
    public var status: ResourceStatus
    public var components: [CostComponent]
    public var subresources: [ResourceCost]
    /// Why the figures are what they are, where that is not obvious (a range, an assumption).
    public var notes: [String]

    public init(name: String, resourceType: String, status: ResourceStatus = .estimated,
                components: [CostComponent] = [], subresources: [ResourceCost] = [], notes: [String] = []) {
        self.name = name
        self.resourceType = resourceType
        self.status = status
        self.components = components
        self.subresources = subresources
        self.notes = notes
    }

    /// Every component, this resource's and its subresources', depth first.
    public var allComponents: [CostComponent] { components + subresources.flatMap(\.allComponents) }

    /// Known costs only: usage without a quantity and missing prices are left out.
    public var monthlyCost: Double { allComponents.compactMap(\.monthlyCost).reduce(0, +) }
    public var baselineMonthlyCost: Double { allComponents.filter { !$0.usageBased }.compactMap(\.monthlyCost).reduce(0, +) }
    public var usageMonthlyCost: Double { allComponents.filter(\.usageBased).compactMap(\.monthlyCost).reduce(0, +) }
    /// The cost at the bottom and at the top of every range.
    public var minMonthlyCost: Double { allComponents.compactMap(\.minMonthlyCost).reduce(0, +) }
    public var maxMonthlyCost: Double { allComponents.compactMap(\.maxMonthlyCost).reduce(0, +) }
    public var hasRange: Bool { allComponents.contains { $0.hasRange } }
    public var missingPrices: [CostComponent] { allComponents.filter(\.priceNotFound) }
    public var usesUsage: Bool { allComponents.contains { $0.usageBased } }
    /// nil when nothing about it could be priced (Infracost writes null then).
    public var hasKnownCost: Bool { allComponents.contains { $0.monthlyCost != nil } }
}
