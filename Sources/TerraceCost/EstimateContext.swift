import TerraceLang

/// What an estimator can see besides the resource itself: the catalogue, the usage file and
/// the other resources of the same project (to follow a service to its task definition, an
/// EIP to the NAT gateway using it). Also builds components, so every estimator prices the
/// same way: hourly quantities × 730, catalogue lookups by key, missing prices left nil.
public struct EstimateContext: Sendable {
    public let catalogue: PriceCatalogue
    public let usageFile: UsageFile?
    public let resources: [PlannedResource]
    let byAddress: [String: PlannedResource]

    public init(catalogue: PriceCatalogue, usageFile: UsageFile? = nil, resources: [PlannedResource]) {
        self.catalogue = catalogue
        self.usageFile = usageFile
        self.resources = resources
        var m: [String: PlannedResource] = [:]
        for r in resources { m[r.address] = r }
        byAddress = m
    }

    public var hours: Double { catalogue.hoursPerMonth }

    public func usage(for r: PlannedResource) -> UsageValues {
        usageFile?.usage(for: r.address, type: r.type) ?? UsageValues()
    }

    public func resource(_ address: String) -> PlannedResource? { byAddress[address] }

    // MARK: Following references

    /// The resources of `type` that `r`'s attribute `attr` points at: by the configuration's
    /// references first, else by value (an ARN, ID or name equal to the attribute's value, as in
    /// state), else by the instance's recorded dependencies when exactly one has that type.
    public func referenced(from r: PlannedResource, attr: String, type: String, matchingValueOf keys: [String] = ["arn", "id"]) -> [PlannedResource] {
        let byRef = (r.references[attr] ?? []).compactMap { byAddress[$0] }.filter { $0.type == type }
        if !byRef.isEmpty { return byRef }
        if let want = r.string(attr) {
            let byValue = resources.filter { other in
                other.type == type && keys.contains { k in other.string(k) == want }
            }
            if !byValue.isEmpty { return byValue }
        }
        let deps = r.dependencies.compactMap { byAddress[$0] }.filter { $0.type == type }
        return deps.count == 1 ? deps : []
    }

    /// The resources of `type` whose attribute `attr` points at `target`, by reference or value.
    public func referencing(_ target: PlannedResource, fromType type: String, attr: String, matchingValueOf keys: [String] = ["id", "arn"]) -> [PlannedResource] {
        resources.filter { other in
            guard other.type == type else { return false }
            if (other.references[attr] ?? []).contains(target.address) { return true }
            let values = Self.strings(other.values[attr])
            return keys.contains { k in target.string(k).map(values.contains) ?? false }
        }
    }

    /// Every known string in a value (a string, or strings in a list, set or nested blocks).
    static func strings(_ v: Value?) -> Set<String> {
        guard let v, v.isKnown, !v.isNull else { return [] }
        if let s = v.stringValue { return [s] }
        if let items = v.elements { return items.reduce(into: Set<String>()) { $0.formUnion(strings($1)) } }
        if let attrs = v.attributes { return attrs.values.reduce(into: Set<String>()) { $0.formUnion(strings($1)) } }
        return []
    }

    // MARK: Building components

    public func quote(_ key: String, region: String) -> PriceQuote? { catalogue.quote(key, region: region) }

    /// A component priced per hour, running all month: `perHour` units every hour (1 NAT
    /// gateway, 3 cache nodes, 0.5 vCPU × 2 tasks). The unit shown is "hours" unless given.
    public func hourly(_ name: String, key: String, region: String, perHour: Double = 1, unit: String = "hours",
                       unitMultiplier: Double = 1, minPerHour: Double? = nil, maxPerHour: Double? = nil) -> CostComponent {
        let q = quote(key, region: region)
        return CostComponent(name: name, unit: unit, monthlyQuantity: perHour * hours, price: q?.price, priceKey: key,
                             quote: q, unitMultiplier: unitMultiplier,
                             minMonthlyQuantity: minPerHour.map { $0 * hours }, maxMonthlyQuantity: maxPerHour.map { $0 * hours })
    }

    /// A component priced per month for a fixed quantity (a secret, a key, 100 GB of storage).
    public func monthly(_ name: String, key: String, region: String, quantity: Double, unit: String) -> CostComponent {
        let q = quote(key, region: region)
        return CostComponent(name: name, unit: unit, monthlyQuantity: quantity, price: q?.price, priceKey: key, quote: q)
    }

    /// A usage-based component: its quantity comes from the usage file (nil when not given, and
    /// the component then reads "Monthly cost depends on usage"). `scale` converts the usage
    /// figure to the priced unit (requests → 10k requests is 1/10,000).
    public func usage(_ name: String, key: String, region: String, unit: String, quantity: Double?, scale: Double = 1,
                      unitMultiplier: Double = 1) -> CostComponent {
        let q = quote(key, region: region)
        return CostComponent(name: name, unit: unit, monthlyQuantity: quantity.map { $0 * scale }, price: q?.price, priceKey: key,
                             quote: q, unitMultiplier: unitMultiplier, usageBased: true, quantityFromUsage: quantity != nil)
    }
}
