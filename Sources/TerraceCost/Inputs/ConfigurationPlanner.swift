import Foundation
import TerraceBasics
import TerraceEngine
import TerraceState

/// Plans a configuration against an empty state without refreshing — what `terrace cost`
/// prices, like Infracost's HCL mode: every resource the configuration would create, with its
/// planned values (computed ones unknown). Nothing is read from or written to any state.
public enum ConfigurationPlanner {
    public static func plannedResources(_ inputs: EngineInputs, environment: [String: String] = ProcessInfo.processInfo.environment) async -> ([PlannedResource], Diagnostics) {
        var options = PlanOptions()
        options.refresh = false
        let plan = await Planner(inputs: inputs, state: State(), options: options).plan()
        if plan.errored { return ([], plan.diagnostics) }
        let adapter = PlannedResources(config: inputs.config, variables: inputs.variables, environment: environment, baseDir: inputs.rootDir)
        let resources = adapter.after(plan)
        var diags = plan.diagnostics
        diags += adapter.diagnostics
        return (resources, diags)
    }
}
