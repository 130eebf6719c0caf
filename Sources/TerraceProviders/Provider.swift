import TerraceBasics
import TerraceLang

/// A provider's schemas: its configuration block, resource types and data sources.
public struct ProviderSchema: Sendable {
    public var provider: SchemaBlock
    public var resources: [String: ResourceSchema]
    public var dataSources: [String: ResourceSchema]

    public init(provider: SchemaBlock = SchemaBlock(), resources: [String: ResourceSchema] = [:], dataSources: [String: ResourceSchema] = [:]) {
        self.provider = provider
        self.resources = resources
        self.dataSources = dataSources
    }
}

/// The schema of one resource type or data source.
public struct ResourceSchema: Sendable {
    public var block: SchemaBlock
    public var version: Int
    public init(_ block: SchemaBlock, version: Int = 0) {
        self.block = block
        self.version = version
    }
}

/// A path to an attribute inside a resource object (`["triggers"]`, `["ingress", "0", "from_port"]`).
public typealias AttributePath = [String]

public struct PlanRequest: Sendable {
    public var typeName: String
    /// The current object; nil when it is to be created.
    public var prior: Value?
    /// The configuration, decoded with the resource schema (unknowns where it depends on other changes).
    public var config: Value
    public init(typeName: String, prior: Value?, config: Value) {
        self.typeName = typeName
        self.prior = prior
        self.config = config
    }
}

public struct PlanResponse: Sendable {
    /// The object as it will be after apply; unknown where the provider decides at apply time.
    public var planned: Value
    /// Attributes whose change cannot be made in place.
    public var requiresReplace: [AttributePath]
    public var diagnostics: Diagnostics
    public init(planned: Value, requiresReplace: [AttributePath] = [], diagnostics: Diagnostics = Diagnostics()) {
        self.planned = planned
        self.requiresReplace = requiresReplace
        self.diagnostics = diagnostics
    }
}

public struct ApplyRequest: Sendable {
    public var typeName: String
    /// The current object (nil to create).
    public var prior: Value?
    /// The planned object (nil to delete).
    public var planned: Value?
    public var config: Value?
    /// An idempotency token: a create retried with the same token returns the same object,
    /// and `findByToken` finds an object whose create was interrupted.
    public var token: String
    public init(typeName: String, prior: Value?, planned: Value?, config: Value?, token: String) {
        self.typeName = typeName
        self.prior = prior
        self.planned = planned
        self.config = config
        self.token = token
    }
}

public struct ApplyResponse: Sendable {
    /// The object after the change; nil once deleted. On failure, whatever exists now.
    public var newState: Value?
    public var diagnostics: Diagnostics
    public init(newState: Value?, diagnostics: Diagnostics = Diagnostics()) {
        self.newState = newState
        self.diagnostics = diagnostics
    }
}

public struct ReadResponse: Sendable {
    /// The object as it is now; nil when it no longer exists.
    public var state: Value?
    public var diagnostics: Diagnostics
    public init(state: Value?, diagnostics: Diagnostics = Diagnostics()) {
        self.state = state
        self.diagnostics = diagnostics
    }
}

/// The interface between the engine and every provider. Adding a provider is one type that
/// conforms to this protocol plus its registration (see `docs/providers/README.md`).
///
/// The engine calls, per run: `configure` once per provider configuration; for each resource
/// `validateResource`, then `readResource` (refresh) and `planResourceChange`; during apply
/// `planResourceChange` again with the values learned so far, then `applyResourceChange`.
/// Only `schema` and `applyResourceChange` have no default.
public protocol Provider: AnyObject, Sendable {
    var schema: ProviderSchema { get }
    /// Called once with the provider block's decoded configuration (an object by
    /// `schema.provider`; `alias` is removed by the engine, which resolves aliases itself).
    func configure(_ config: Value) -> Diagnostics
    /// Checks a resource's (or data source's) configuration beyond what its schema says:
    /// value ranges, formats, combinations. Values may be unknown; skip those.
    func validateResource(type: String, config: Value) -> Diagnostics
    /// The planned new object and the attributes that force replacement. The default is
    /// `SchemaPlanner` over the resource schema.
    func planResourceChange(_ req: PlanRequest) -> PlanResponse
    /// Creates (no prior), updates (both) or deletes (no planned) an object.
    func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse
    /// Refreshes an object; `state: nil` in the response means it no longer exists.
    func readResource(type: String, state: Value) async -> ReadResponse
    /// Reads an existing object by its import ID.
    func importResource(type: String, id: String) async -> ReadResponse
    /// Finds an object created with `token` (for reconciling an interrupted create).
    func findByToken(type: String, token: String) async -> Value?
    /// Reads a data source with its configuration; the response holds the whole object.
    func readDataSource(type: String, config: Value) async -> ReadResponse
}

extension Provider {
    /// The schema of a resource type (`mode: .managed`) or data source.
    public func resourceSchema(_ type: String, dataSource: Bool = false) -> ResourceSchema? {
        dataSource ? schema.dataSources[type] : schema.resources[type]
    }

    public func configure(_ config: Value) -> Diagnostics { Diagnostics() }
    public func validateResource(type: String, config: Value) -> Diagnostics { Diagnostics() }
    public func planResourceChange(_ req: PlanRequest) -> PlanResponse {
        guard let s = schema.resources[req.typeName] else {
            return PlanResponse(planned: req.config, diagnostics: Diagnostics([.error("Unknown resource type", "The provider does not support resource type \"\(req.typeName)\".")]))
        }
        return SchemaPlanner.plan(schema: s.block, prior: req.prior, config: req.config)
    }
    public func importResource(type: String, id: String) async -> ReadResponse {
        ReadResponse(state: nil, diagnostics: Diagnostics([.error("Resource Import Not Implemented", "This resource type does not support import.")]))
    }
    public func findByToken(type: String, token: String) async -> Value? { nil }
    public func readDataSource(type: String, config: Value) async -> ReadResponse {
        ReadResponse(state: nil, diagnostics: Diagnostics([.error("Unknown data source", "The provider does not support data source \"\(type)\".")]))
    }
}
