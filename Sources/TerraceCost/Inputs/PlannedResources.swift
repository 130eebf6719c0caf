import Foundation
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceState

/// Turns what the engine knows into the estimators' input: planned values from a plan, or the
/// objects of a state, each with its region and references.
public struct PlannedResources: Sendable {
    let config: Config
    let regions: RegionResolver

    /// `variables` are the root module's input values (for the provider's `region`).
    public init(config: Config, variables: [String: Value], environment: [String: String] = ProcessInfo.processInfo.environment,
                baseDir: String) {
        self.config = config
        regions = RegionResolver(config: config, variables: variables, environment: environment, baseDir: baseDir)
    }

    /// Warnings gathered while working out regions.
    public var diagnostics: Diagnostics { regions.diagnostics }

    /// Every managed instance a plan leaves in place or creates, with its planned values; what
    /// the plan does not touch (untargeted resources) keeps its prior-state value.
    public func after(_ plan: Plan) -> [PlannedResource] {
        var values: [AbsResourceInstance: (Value, String, [String])] = [:]
        var deleted: Set<AbsResourceInstance> = []
        for ch in plan.changes where ch.mode == .managed {
            if ch.action == .delete { deleted.insert(ch.addr); continue }
            if let after = ch.after { values[ch.addr] = (after, ch.providerAddress, []) }
        }
        for (addr, obj, provider) in Self.instances(plan.priorState) where values[addr] == nil && !deleted.contains(addr)
            && !plan.changes.contains(where: { $0.addr == addr }) {
            values[addr] = (Self.decode(obj), provider, obj.dependencies)
        }
        return build(values)
    }

    /// Every managed instance of a state, with the values state holds.
    public func from(_ state: State) -> [PlannedResource] {
        var values: [AbsResourceInstance: (Value, String, [String])] = [:]
        for (addr, obj, provider) in Self.instances(state) { values[addr] = (Self.decode(obj), provider, obj.dependencies) }
        return build(values)
    }

    static func instances(_ state: State) -> [(AbsResourceInstance, InstanceObject, String)] {
        state.resources.values.filter { $0.addr.resource.mode == .managed }.flatMap { rs in
            rs.instances.map { (AbsResourceInstance(rs.addr, $0.key), $0.value, rs.provider) }
        }
    }

    /// State attributes as a value: lists and blocks become tuples, which estimators read alike.
    static func decode(_ obj: InstanceObject) -> Value {
        (try? ValueJSON.decode(obj.attributes, as: .dynamic)) ?? .emptyObject
    }

    func build(_ values: [AbsResourceInstance: (Value, String, [String])]) -> [PlannedResource] {
        let addrs = values.keys.sorted()
        let refs = ResourceReferences(config: config, instances: addrs)
        return addrs.map { addr in
            let (value, providerAddress, deps) = values[addr] ?? (.emptyObject, "", [])
            let ref = Self.providerRef(providerAddress, type: addr.resource.resource.type, config: config, addr: addr)
            return PlannedResource(address: addr.description, type: addr.resource.resource.type,
                                   region: ref.name == "aws" ? regions.region(path: addr.module.path, ref: ref) : "",
                                   values: value.unmarkedDeep, provider: ref.name, modulePrefix: addr.module.prefix,
                                   references: refs.references(of: addr),
                                   dependencies: deps)
        }
    }

    /// The provider reference of an instance: its configuration's `provider` when it is still
    /// configured, else read from the state/plan provider address
    /// (`provider["registry.terraform.io/hashicorp/aws"].west`).
    static func providerRef(_ address: String, type: String, config: Config, addr: AbsResourceInstance) -> ProviderRef {
        if let r = config.descendant(addr.module.path)?.module.resources[addr.resource.resource.description] { return r.provider }
        var name = Resource.impliedProvider(type)
        var alias: String?
        if let open = address.range(of: "provider[\""), let close = address[open.upperBound...].range(of: "\"]") {
            let source = address[open.upperBound..<close.lowerBound]
            if let last = source.split(separator: "/").last { name = String(last) }
            let rest = address[close.upperBound...]
            if rest.hasPrefix(".") { alias = String(rest.dropFirst()) }
        }
        return ProviderRef(name: name, alias: alias)
    }
}
