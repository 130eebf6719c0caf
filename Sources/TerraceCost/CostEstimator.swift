import TerraceBasics

/// Prices a project: each cloud resource through its estimator, free types as free, the rest
/// as not supported; and checks the usage file against the resources it names.
public enum CostEstimator {
    /// Only aws resources are cloud resources Terrace prices; random_, null_ and terraform_
    /// resources cost nothing and are not counted, as Infracost does not count them.
    public static let cloudProviders: Set<String> = ["aws"]

    public static func estimate(name: String, path: String = ".", varFiles: [String] = [], resources: [PlannedResource],
                                catalogue: PriceCatalogue, usage: UsageFile? = nil) -> (ProjectCost, Diagnostics) {
        let cloud = resources.filter { cloudProviders.contains($0.provider) }
        let ctx = EstimateContext(catalogue: catalogue, usageFile: usage, resources: cloud)
        var out: [ResourceCost] = []
        for r in cloud {
            if let e = Estimators.byType[r.type] {
                out.append(e.estimate(r, ctx))
            } else if Estimators.free.contains(r.type) {
                out.append(ResourceCost(name: r.address, resourceType: r.type, status: .free))
            } else {
                out.append(ResourceCost(name: r.address, resourceType: r.type, status: .unsupported))
            }
        }
        var diags = Diagnostics()
        let regions = Set(cloud.map(\.region)).sorted()
        for region in regions where catalogue.regions[region] == nil {
            diags += .warning("No prices for region \(region)",
                              "The price catalogue \(catalogue.version) has no prices for \(region) (it has \(catalogue.regionNames.joined(separator: ", "))), so every regional price there is reported as missing.\(Suggestions.didYouMean(region, in: catalogue.regionNames))")
        }
        if let usage { diags += check(usage, against: cloud) }
        return (ProjectCost(name: name, path: path, varFiles: varFiles, usageFile: usage?.path, resources: out, regions: regions), diags)
    }

    /// Warns about usage entries that match no resource and keys no estimator reads.
    static func check(_ usage: UsageFile, against resources: [PlannedResource]) -> Diagnostics {
        var diags = Diagnostics()
        let addresses = resources.map(\.address)
        for e in usage.resourceUsage {
            let matched = resources.filter { UsageFile.matches(pattern: e.pattern, address: $0.address) }
            guard let first = matched.first else {
                diags += .warning("Usage for an unknown resource",
                                  "No resource in this configuration matches \"\(e.pattern)\"; its usage is not used.\(Suggestions.didYouMean(e.pattern, in: addresses))",
                                  at: e.range)
                continue
            }
            diags += unknownKeys(e.values, type: first.type, at: e.range)
        }
        for (type, values) in usage.typeDefaults.sorted(by: { $0.key < $1.key }) {
            diags += unknownKeys(values, type: type, at: usage.typeDefaultRanges[type])
        }
        return diags
    }

    static func unknownKeys(_ values: UsageValues, type: String, at range: SourceRange?) -> Diagnostics {
        var diags = Diagnostics()
        let keys = Estimators.byType[type]?.usageKeys ?? []
        for k in values.items.keys.sorted() where !keys.contains(k) {
            let detail = keys.isEmpty
                ? "Terrace does not read usage for \(type); \"\(k)\" is ignored."
                : "\(type) reads \(keys.joined(separator: ", ")); \"\(k)\" is ignored.\(Suggestions.didYouMean(k, in: keys))"
            diags += .warning("Unknown usage key", detail, at: range)
        }
        return diags
    }
}
