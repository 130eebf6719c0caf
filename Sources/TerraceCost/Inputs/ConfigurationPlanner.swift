import Foundation
import TerraceBasics
import TerraceEngine
import TerraceProviders
import TerraceState

/// Plans a configuration against an empty state without refreshing — what `terrace cost`
/// prices, like Infracost's HCL mode: every resource the configuration would create, with its
/// planned values (computed ones unknown). Nothing is read from or written to any state.
/// Resource types a provider does not know are planned from their configuration alone
/// (`ConfigurationSchemas`), with a warning naming them.
public enum ConfigurationPlanner {
    public static func plannedResources(_ inputs: EngineInputs, environment: [String: String] = ProcessInfo.processInfo.environment) async -> ([PlannedResource], Diagnostics) {
        var options = PlanOptions()
        options.refresh = false
        var diags = Diagnostics()
        var planInputs = inputs
        let (registry, synthesized) = registryWithConfigurationSchemas(inputs)
        planInputs.registry = registry
        if !synthesized.isEmpty {
            diags += .warning("Resource types priced from configuration alone",
                              "The provider does not know \(synthesized.count == 1 ? "this resource type" : "these resource types"), so \(synthesized.count == 1 ? "it is" : "they are") planned from the arguments the configuration gives, with everything else unknown: \(synthesized.joined(separator: ", ")).")
        }
        let plan = await Planner(inputs: planInputs, state: State(), options: options).plan()
        diags += plan.diagnostics
        if plan.errored { return ([], diags) }
        let adapter = PlannedResources(config: inputs.config, variables: inputs.variables, environment: environment, baseDir: inputs.rootDir)
        let resources = adapter.after(plan)
        diags += adapter.diagnostics
        return (resources, diags)
    }

    /// The registry with each provider wrapped so that types it lacks get configuration schemas,
    /// and the names of those types, sorted.
    static func registryWithConfigurationSchemas(_ inputs: EngineInputs) -> (ProviderRegistry, [String]) {
        var registry = inputs.registry
        var synthesized: [String] = []
        for name in inputs.registry.names {
            guard let entry = inputs.registry[name] else { continue }
            let known = Set(entry.make().schema.resources.keys)
            let extra = ConfigurationSchemas.synthesize(config: inputs.config, provider: name, known: known)
            guard !extra.isEmpty else { continue }
            synthesized += extra.keys
            let make = entry.make
            registry.register(name, source: entry.source, version: entry.version) {
                ConfigurationSchemaProvider(inner: make(), extra: extra)
            }
        }
        return (registry, synthesized.sorted())
    }
}
