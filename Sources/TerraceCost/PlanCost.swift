import Foundation
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceLang

/// The monthly cost of a plan: the environment before (the prior state's resources) and after
/// (the planned ones), priced from the same catalogue as `terrace cost`. `show -json` carries
/// `json`; `plan` prints `Cost: +$123.45/month (dev: $167.20 → $290.65)`.
public struct PlanCostEstimate: Sendable {
    /// The environment (workspace) name.
    public var environment: String
    public var before: ProjectCost
    public var after: ProjectCost
    public var catalogueVersion: String
    public var currency: String

    public var beforeMonthlyCost: Double { before.monthlyCost }
    public var afterMonthlyCost: Double { after.monthlyCost }
    public var deltaMonthlyCost: Double { after.monthlyCost - before.monthlyCost }

    /// Components priced differently on either side are only those of changed resources.
    public var missingPriceCount: Int { after.missingPrices.count }

    /// Prices a plan. `config` and `variables` give each resource its region and references;
    /// `usage` (the environment's usage file) adds usage-based costs on both sides.
    public static func compute(plan: Plan, config: Config, variables: [String: Value], environment: String,
                               catalogue: PriceCatalogue, usage: UsageFile? = nil, baseDir: String,
                               processEnvironment: [String: String] = ProcessInfo.processInfo.environment) -> (PlanCostEstimate, Diagnostics) {
        let adapter = PlannedResources(config: config, variables: variables, environment: processEnvironment, baseDir: baseDir)
        let (before, _) = CostEstimator.estimate(name: environment, resources: adapter.from(plan.priorState), catalogue: catalogue, usage: usage)
        let (after, d) = CostEstimator.estimate(name: environment, resources: adapter.after(plan), catalogue: catalogue, usage: usage)
        var diags = adapter.diagnostics
        diags += Diagnostics(d.items.filter { $0.summary.hasPrefix("No prices for region") })
        return (PlanCostEstimate(environment: environment, before: before, after: after,
                                 catalogueVersion: catalogue.version, currency: catalogue.currency), diags)
    }

    /// The cost change as plan JSON carries it:
    /// `{"currency","catalogue_version","environment","before":{"monthly_cost"},"after":{…},"delta":{…}}`,
    /// amounts as decimal strings (Infracost's convention), ranges where autoscaling gives one.
    public var json: JSON {
        func side(_ p: ProjectCost) -> JSON {
            var m: [(String, JSON)] = [("monthly_cost", .string(Money.decimal(p.monthlyCost)))]
            if p.hasRange {
                m.append(("monthly_cost_min", .string(Money.decimal(p.minMonthlyCost))))
                m.append(("monthly_cost_max", .string(Money.decimal(p.maxMonthlyCost))))
            }
            m.append(("resources", .int(p.resources.count)))
            m.append(("missing_prices", .int(p.missingPrices.count)))
            return .object(m)
        }
        return .object([
            ("currency", .string(currency)),
            ("catalogue_version", .string(catalogueVersion)),
            ("environment", .string(environment)),
            ("before", side(before)),
            ("after", side(after)),
            ("delta", .object([("monthly_cost", .string(Money.decimal(deltaMonthlyCost)))])),
        ])
    }
}
