import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceHCL
import TerraceLang
import TerraceProviders
import TerraceState

/// Static checks of a whole configuration tree, as `terraform validate` makes them: every
/// reference against what is declared, every resource body against its provider's schema,
/// `count`/`for_each`, module call arguments against the called module's variables, and every
/// expression evaluated with input variables and resource attributes unknown. Nothing is read
/// from state or from the cloud, and every problem found is reported, not only the first.
public struct Validator {
    public let config: Config
    public let registry: ProviderRegistry
    /// The source text of the configuration (for ranges that HCL draws around a `.`).
    public let sources: SourceFiles

    public init(config: Config, registry: ProviderRegistry, sources: SourceFiles = .shared) {
        self.config = config
        self.registry = registry
        self.sources = sources
    }

    /// Terraform releases whose configuration language Terrace implements: `required_version`
    /// must allow at least one of them.
    static let languageVersions = ["1.0.3", "1.1.9", "1.2.9", "1.3.10", "1.4.7", "1.5.7", "1.6.6", "1.7.5"]

    /// Every problem in the configuration, in source order (file, then position); problems
    /// without a source location come last.
    public func validate() -> Diagnostics { validateAndBuildGraph().diagnostics }

    /// `validate()`, and the configuration's dependency graph it builds to look for cycles,
    /// for plan and apply to reuse (`EngineInputs.configGraph`) when there are none.
    public func validateAndBuildGraph() -> (diagnostics: Diagnostics, graph: DirectedGraph<ConfigNode>) {
        var diags = Diagnostics()
        let schemas = SchemaCache(registry: registry)
        for c in config.allModules {
            diags += checkCoreVersion(c.module)
            var module = ModuleValidation(config: c, root: config, schemas: schemas, sources: sources)
            module.run()
            diags += module.diags
        }
        // Dependency cycles between configuration objects, each printed whole as Terraform
        // does: `Cycle: local.a, local.b`.
        let (graph, cycles) = ConfigGraphBuilder(config: config).build()
        diags += cycles
        return (Self.sorted(diags), graph)
    }

    /// `required_version` of every module of the tree, checked against the language Terrace
    /// implements (as `init` and `plan` check it before anything else).
    public static func coreVersionDiagnostics(_ config: Config) -> Diagnostics {
        let v = Validator(config: config, registry: ProviderRegistry())
        var diags = Diagnostics()
        for c in config.allModules { diags += v.checkCoreVersion(c.module) }
        return diags
    }

    func checkCoreVersion(_ m: Module) -> Diagnostics {
        var diags = Diagnostics()
        for req in m.requiredVersion {
            guard let c = VersionConstraint(parsing: req.constraint) else { continue }
            if !Self.languageVersions.contains(where: c.allows) {
                diags += .error("Unsupported Terraform Core version",
                                "This configuration does not support Terraform version \(TerraceVersion.terraformCompatible). To proceed, either choose another supported Terraform version or update this version constraint. Version constraints are normally set for good reason, so updating the constraint may lead to other errors or unexpected behavior.",
                                at: req.range)
            }
        }
        return diags
    }

    /// Stable order: by file, then position; sourceless diagnostics keep their order at the end.
    public static func sorted(_ ds: Diagnostics) -> Diagnostics {
        let indexed = Array(ds.items.enumerated())
        let ordered = indexed.sorted { a, b in
            switch (a.element.subject, b.element.subject) {
            case let (x?, y?):
                if x.filename != y.filename { return x.filename < y.filename }
                if x.start.byte != y.start.byte { return x.start.byte < y.start.byte }
                return a.offset < b.offset
            case (nil, nil): return a.offset < b.offset
            case (_?, nil): return true
            case (nil, _?): return false
            }
        }
        return Diagnostics(ordered.map(\.element))
    }
}

/// Provider schemas by provider name, each provider instantiated once.
final class SchemaCache: @unchecked Sendable {
    let registry: ProviderRegistry
    private var providers: [String: (any Provider)?] = [:]
    private let lock = NSLock()

    init(registry: ProviderRegistry) { self.registry = registry }

    func provider(_ name: String) -> (any Provider)? {
        lock.lock(); defer { lock.unlock() }
        if let p = providers[name] { return p }
        let p = registry[name]?.make()
        providers[name] = p
        return p
    }

    func schema(_ name: String) -> ProviderSchema? { provider(name)?.schema }

    func resourceSchema(provider: String, mode: ResourceMode, type: String) -> ResourceSchema? {
        guard let s = schema(provider) else { return nil }
        return mode == .managed ? s.resources[type] : s.dataSources[type]
    }

    /// Every resource type (or data source) of every provider, for suggestions.
    func allTypes(_ mode: ResourceMode) -> [String] {
        registry.names.flatMap { n -> [String] in
            guard let s = schema(n) else { return [] }
            return Array(mode == .managed ? s.resources.keys : s.dataSources.keys)
        }
    }

    /// `hashicorp/null`, as Terraform names a provider in messages.
    func displayAddress(_ name: String) -> String {
        registry.address(name).replacingOccurrences(of: "registry.terraform.io/", with: "")
    }
}
