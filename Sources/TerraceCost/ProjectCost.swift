/// The estimate of one environment (Infracost's "project"): every cloud resource with its
/// cost, the totals, and the counts the footer shows.
public struct ProjectCost: Sendable {
    /// The environment name (`dev`) or the configuration directory.
    public var name: String
    public var path: String
    public var varFiles: [String]
    public var usageFile: String?
    /// Cloud resources, sorted by address.
    public var resources: [ResourceCost]
    /// Regions the resources are priced in, sorted.
    public var regions: [String]

    public init(name: String, path: String = ".", varFiles: [String] = [], usageFile: String? = nil,
                resources: [ResourceCost], regions: [String] = []) {
        self.name = name
        self.path = path
        self.varFiles = varFiles
        self.usageFile = usageFile
        self.resources = resources.sorted { AddressOrder.less($0.name, $1.name) }
        self.regions = regions
    }

    public var monthlyCost: Double { resources.map(\.monthlyCost).reduce(0, +) }
    public var baselineMonthlyCost: Double { resources.map(\.baselineMonthlyCost).reduce(0, +) }
    public var usageMonthlyCost: Double { resources.map(\.usageMonthlyCost).reduce(0, +) }
    public var minMonthlyCost: Double { resources.map(\.minMonthlyCost).reduce(0, +) }
    public var maxMonthlyCost: Double { resources.map(\.maxMonthlyCost).reduce(0, +) }
    public var hasRange: Bool { resources.contains { $0.hasRange } }

    public var estimated: [ResourceCost] { resources.filter { $0.status == .estimated } }
    public var free: [ResourceCost] { resources.filter { $0.status == .free } }
    public var unsupported: [ResourceCost] { resources.filter { $0.status == .unsupported } }
    public var usageBased: [ResourceCost] { estimated.filter(\.usesUsage) }

    /// Components whose price the catalogue lacks, with their resource.
    public var missingPrices: [(resource: String, component: CostComponent)] {
        resources.flatMap { r in r.missingPrices.map { (r.name, $0) } }
    }

    /// Components priced from another region's price times a flagged multiplier.
    public var multiplierPriced: [(resource: String, component: CostComponent)] {
        resources.flatMap { r in r.allComponents.filter { $0.quote?.isEstimatedByMultiplier ?? false }.map { (r.name, $0) } }
    }

    /// Resource counts by type, sorted by type.
    public static func countsByType(_ rs: [ResourceCost]) -> [(type: String, count: Int)] {
        var m: [String: Int] = [:]
        for r in rs { m[r.resourceType, default: 0] += 1 }
        return m.keys.sorted().map { ($0, m[$0] ?? 0) }
    }

    /// Cost per AWS service, in descending order of cost then by name; free-only services omitted.
    public var byService: [ServiceCost] {
        var m: [String: ServiceCost] = [:]
        for r in estimated {
            let s = Estimators.service(for: r.resourceType)
            var sc = m[s] ?? ServiceCost(service: s)
            sc.monthlyCost += r.monthlyCost
            sc.minMonthlyCost += r.minMonthlyCost
            sc.maxMonthlyCost += r.maxMonthlyCost
            sc.resources += 1
            m[s] = sc
        }
        return m.values.sorted { ($0.monthlyCost, $1.service) > ($1.monthlyCost, $0.service) }
    }
}

/// One service's share of a project's cost.
public struct ServiceCost: Sendable, Hashable {
    public var service: String
    public var monthlyCost: Double = 0
    public var minMonthlyCost: Double = 0
    public var maxMonthlyCost: Double = 0
    public var resources: Int = 0
}

/// Orders addresses as Terraform does: by module path, type and name, then instance key with
/// numbers numerically (`x[2]` before `x[10]`).
public enum AddressOrder {
    public static func less(_ a: String, _ b: String) -> Bool {
        let ka = key(a), kb = key(b)
        for (x, y) in zip(ka, kb) where x != y {
            if let i = Int(x), let j = Int(y) { return i < j }
            return x < y
        }
        return ka.count < kb.count
    }

    /// Splits into comparable pieces at `.`, `[` and `]`.
    static func key(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == "." || $0 == "[" || $0 == "]" }).map(String.init)
    }
}
