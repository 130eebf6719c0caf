import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// Brings state up to date after an interrupted apply: replays the journal's completed changes
/// and asks providers about operations that started but never reported back, so an object
/// created just before a kill is adopted, not created again.
public enum Recovery {
    /// Configures providers from variables and locals only, for work outside a full plan.
    static func bootstrapProviders(_ inputs: EngineInputs) async -> WalkContext {
        let wc = WalkContext(inputs: inputs)
        let (g, _) = ConfigGraphBuilder(config: inputs.config).build()
        var sub = DirectedGraph<ConfigNode>()
        for n in g.nodes {
            if case .resource = n { continue }
            if case .output = n { continue }
            sub.add(n)
            for d in g.dependencies(of: n) {
                if case .resource = d { continue }
                if case .output = d { continue }
                sub.connect(n, dependsOn: d)
            }
        }
        _ = await GraphWalker.walk(sub, key: \.description) { node in
            switch node {
            case .variable(let p, let n): _ = wc.visitVariable(p, n)
            case .local(let p, let n): _ = wc.visitLocal(p, n)
            case .moduleCall(let p, let n): _ = wc.visitModuleCall(p, n)
            case .provider(let p, let k): _ = wc.visitProvider(p, k)
            default: break
            }
            return true
        }
        return wc
    }

    /// Returns true if a journal was found and reconciled into `state`.
    public static func recover(journalPath: String, state: inout State, inputs: EngineInputs) async -> (Bool, Diagnostics) {
        guard let j = StateJournal.read(journalPath) else { return (false, Diagnostics()) }
        var diags = Diagnostics()
        if let l = j.lineage, l != state.lineage, !state.isEmpty {
            diags += .error("State journal does not match state",
                            "The journal \(journalPath) was written for a state with lineage \(l), but the state has lineage \(state.lineage). Move the journal aside after checking which state is right.")
            return (true, diags)
        }
        if let l = j.lineage { state.lineage = l }
        for d in j.done {
            guard let (res, key) = try? AddressParser.parseInstance(d.addr) else { continue }
            let addr = res.instance(key ?? .none)
            if d.depose, let dk = d.deposed {
                state.depose(addr, key: dk)
            } else if let dk = d.deposed {
                state.setDeposed(addr, key: dk, d.object, provider: d.provider)
            } else {
                state.setInstance(addr, d.object, provider: d.provider, eachMode: d.each)
            }
        }
        if !j.pending.isEmpty {
            let wc = await bootstrapProviders(inputs)
            for intent in j.pending {
                guard let (res, key) = try? AddressParser.parseInstance(intent.addr),
                      let p = wc.providers.resolve(stateAddress: intent.provider) else {
                    diags += .warning("Interrupted operation not reconciled",
                                      "An interrupted \(intent.action) of \(intent.addr) could not be checked because its provider is unavailable.")
                    continue
                }
                diags += wc.providers.ensureConfigured(p)
                guard let schema = p.provider.schema.resources[intent.resourceType] else { continue }
                let addr = res.instance(key ?? .none)
                let each = state.resources[res]?.eachMode ?? (key.map { if case .int = $0 { return EachMode.list }; return EachMode.map } ?? .none)
                let deps = intent.prior?.dependencies ?? state.instance(addr)?.dependencies ?? []
                switch intent.action {
                case "create":
                    if let v = await p.provider.findByToken(type: intent.resourceType, token: intent.token) {
                        let marked = StateCodec.markSensitive(v, schema: schema.block)
                        state.setInstance(addr, StateCodec.encode(marked, schema: schema, dependencies: deps), provider: p.address, eachMode: each)
                    }
                default:
                    guard let prior = intent.prior else { continue }
                    let resp = await p.provider.readResource(type: intent.resourceType, state: StateCodec.decode(prior, schema: schema))
                    if resp.diagnostics.hasErrors { diags += resp.diagnostics; continue }
                    let now = resp.state.map { StateCodec.encode(StateCodec.markSensitive($0, schema: schema.block), schema: schema, dependencies: deps) }
                    if let dk = intent.deposed {
                        state.setDeposed(addr, key: dk, now, provider: p.address)
                    } else {
                        state.setInstance(addr, now, provider: p.address, eachMode: each)
                    }
                }
            }
        }
        return (true, diags)
    }
}
