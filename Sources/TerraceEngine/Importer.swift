import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceLang
import TerraceProviders

/// Reads existing objects through their providers, configured from the configuration's
/// provider blocks, for `terrace import` and generated configuration.
public struct Importer: Sendable {
    public let inputs: EngineInputs

    public init(inputs: EngineInputs) { self.inputs = inputs }

    /// The object `id` names for resource `r` in module `path`, its schema and the state
    /// provider address; nil when it does not exist (diagnostics say why if it is an error).
    public func read(_ r: Resource, in path: [String], id: String) async -> ((Value, ResourceSchema, String)?, Diagnostics) {
        let wc = await Recovery.bootstrapProviders(inputs)
        var diags = wc.diags.all
        guard let provider = wc.providers.resolve(r.provider, in: path) else {
            diags += .error("Provider configuration not present", "There is no provider configuration for \(r.provider) in this module.", at: r.declRange)
            return (nil, diags)
        }
        diags += wc.providers.ensureConfigured(provider)
        guard let schema = provider.provider.schema.resources[r.type] else {
            diags += .error("Invalid resource type", "The provider \(provider.name) does not support resource type \"\(r.type)\".", at: r.typeRange)
            return (nil, diags)
        }
        let resp = await provider.provider.importResource(type: r.type, id: id)
        diags += resp.diagnostics
        guard let v = resp.state else { return (nil, diags) }
        return ((StateCodec.markSensitive(v, schema: schema.block), schema, provider.address), diags)
    }

    /// Configuration generated for one import target.
    public struct Generated: Sendable {
        public var address: AbsResourceInstance
        public var id: String
        /// The resource block, fitted to the provider so that it plans with no changes.
        public var text: String
    }

    /// Reads the objects named by `import` blocks whose targets have no resource block and
    /// writes their configuration, for `plan -generate-config-out`.
    public func generateUnconfiguredImports(_ config: Config) async -> ([Generated], Diagnostics) {
        var out: [Generated] = []
        var diags = Diagnostics()
        let wc = await Recovery.bootstrapProviders(inputs)
        for imp in config.module.imports {
            guard let (res, key) = try? AddressParser.fromTraversal(imp.to), res.resource.mode == .managed else { continue }
            if config.descendant(res.module.path)?.module.resources[res.resource.description] != nil { continue }
            // As Terraform: configuration is generated only into the root module, one instance each.
            guard res.module.isRoot else {
                diags += .error("Configuration for import target does not exist",
                                "The configuration for the given import target \(res.instance(key ?? .none)) does not exist. All target instances must have an associated configuration to be imported.",
                                at: imp.to.range)
                continue
            }
            guard (key ?? InstanceKey.none) == InstanceKey.none else {
                diags += .error("Cannot generate configuration",
                                "The given import block is not compatible with config generation. The -generate-config-out option cannot be used with import blocks which use for_each, or resources which use for_each or count.",
                                at: imp.to.range)
                continue
            }
            let ref = imp.provider ?? ProviderRef(name: Resource.impliedProvider(res.resource.type))
            guard let provider = wc.providers.resolve(ref, in: res.module.path),
                  let schema = provider.provider.schema.resources[res.resource.type] else {
                diags += .error("Invalid import target", "No provider supports resource type \"\(res.resource.type)\".", at: imp.declRange)
                continue
            }
            diags += wc.providers.ensureConfigured(provider)
            let (idv, d) = Evaluator.evaluate(imp.id, in: wc.scope(.root).context(for: imp.id.variables))
            diags += d
            guard let id = idv.stringValue else { continue }
            let addr = res.instance(key ?? .none)
            let resp = await provider.provider.importResource(type: res.resource.type, id: id)
            diags += resp.diagnostics
            guard let v = resp.state else {
                diags += .error("Cannot import non-existent remote object",
                                "While attempting to import an existing object to \"\(addr)\", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use \"terrace apply\" to create a new remote object for this resource.",
                                at: imp.declRange)
                continue
            }
            let value = StateCodec.markSensitive(v, schema: schema.block)
            let gen = ConfigGenerator().fitted(type: res.resource.type, value: value, schema: schema.block, provider: provider.provider)
            let providerLine = imp.provider?.key
            out.append(Generated(address: addr, id: id,
                                 text: gen.resource(type: res.resource.type, name: res.resource.name, value: value, schema: schema.block,
                                                    importID: id, provider: providerLine)))
        }
        return (out, diags)
    }
}
