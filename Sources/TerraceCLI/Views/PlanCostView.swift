import Foundation
import TerraceBasics
import TerraceConfig
import TerraceCost
import TerraceEngine
import TerraceLang

/// The line every plan with changes to cloud resources ends with: the monthly cost of the change from
/// the same catalogue as `terrace cost`, e.g. `Cost: +$123.45/month (dev: $167.20 → $290.65)`.
/// `-no-cost` turns it off. The environment's usage file (environments/NAME.usage.yml) adds
/// usage-based costs when it exists. A cost that cannot be worked out never fails the plan.
struct PlanCostView {
    let ctx: CommandContext
    let flags: Flags

    func show(_ plan: Plan, config: Config, variables: [String: Value], environment: String) {
        guard !flags.bool("no-cost"), !plan.errored, plan.changes.indices.contains(where: { plan.changes[$0].isActionable && plan.changes[$0].mode == .managed }) else { return }
        // Only aws resources are priced (CostEstimator.cloudProviders): a plan and prior state
        // without any has nothing to price, and skipping the estimate saves a second pass over
        // every planned resource.
        guard plan.changes.indices.contains(where: { plan.changes[$0].type.hasPrefix("aws_") })
                || plan.priorState.resources.keys.contains(where: { $0.resource.type.hasPrefix("aws_") }) else { return }
        let terminal = ctx.terminal
        let catalogue: PriceCatalogue
        do { catalogue = try PriceCatalogue.shared() } catch {
            terminal.print("")
            terminal.print("Cost: not estimated (\(error.message))")
            return
        }
        var usage: UsageFile?
        if let path = UsageFile.environmentFile(rootDir: ctx.workingDir, environment: environment) {
            let (u, d) = UsageFile.load(ctx.path(path), displayName: path, sources: terminal.sources)
            if d.hasErrors {
                terminal.diagnostics(Diagnostics(d.items.map { var x = $0; x.severity = .warning; return x }))
            } else {
                usage = u
            }
        }
        let (estimate, diags) = PlanCostEstimate.compute(plan: plan, config: config, variables: variables, environment: environment,
                                                         catalogue: catalogue, usage: usage, baseDir: ctx.workingDir,
                                                         processEnvironment: ctx.environment)
        // A plan touching no cloud resource (null_resource, random_…) has nothing to price.
        guard !estimate.before.resources.isEmpty || !estimate.after.resources.isEmpty else { return }
        terminal.diagnostics(diags)
        terminal.print("")
        terminal.print(Self.line(estimate, bold: terminal.bold))
    }

    /// `Cost: +$123.45/month (dev: $167.20 → $290.65)`, with the autoscaling range of the
    /// result and any missing prices after it.
    static func line(_ e: PlanCostEstimate, bold: (String) -> String = { $0 }) -> String {
        var s = bold("Cost:") + " \(Money.signedDollars(e.deltaMonthlyCost))/month (\(e.environment): \(Money.dollars(e.beforeMonthlyCost)) → \(Money.dollars(e.afterMonthlyCost)))"
        if e.after.hasRange {
            s += "; autoscaling \(Money.dollars(e.after.minMonthlyCost))–\(Money.dollars(e.after.maxMonthlyCost))"
        }
        let missing = e.after.missingPrices.count
        if missing > 0 { s += "; \(missing) price\(missing == 1 ? "" : "s") missing, not counted" }
        return s
    }
}
