import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceHCL
import TerraceLang
import TerraceProviders
import TerraceState

/// A node of the apply graph: a configuration object (evaluated again, now with real values)
/// or the destruction of a resource's instances.
enum ApplyNode: Hashable, Sendable, CustomStringConvertible {
    case config(ConfigNode)
    case destroy([String], String)

    var description: String {
        switch self {
        case .config(let c): return c.description
        case .destroy(let p, let k): return p.map { "module.\($0)." }.joined() + k + " (destroy)"
        }
    }
}

/// The outcome of an apply.
public struct ApplyResult: Sendable {
    public var state: State
    public var diagnostics: Diagnostics
    public var added = 0
    public var changed = 0
    public var destroyed = 0
    public var imported = 0
    public var forgotten = 0

    public init(state: State, diagnostics: Diagnostics, added: Int = 0, changed: Int = 0, destroyed: Int = 0) {
        self.state = state
        self.diagnostics = diagnostics
        self.added = added
        self.changed = changed
        self.destroyed = destroyed
    }
}

/// Carries out a plan: walks the apply graph concurrently, re-evaluating configuration with the
/// values of what has been applied, creating and updating in dependency order and destroying in
/// reverse. Each change goes through the journal before and after it reaches the provider, so
/// state is never behind the cloud.
public final class Applier: @unchecked Sendable {
    let wc: WalkContext
    let plan: Plan
    let journal: StateJournal?
    let observer: any EngineObserver
    private let lock = NSLock()
    private var state: State
    private var added = 0, changed = 0, destroyed = 0, imported = 0, forgotten = 0
    private var reportedCancel = false
    /// Deposed keys of objects moved aside by create_before_destroy in this run.
    private var deposedKeys: [AbsResourceInstance: String] = [:]
    private var configGraph = DirectedGraph<ConfigNode>()
    private var changesByNode: [ConfigNode: [AbsResourceInstance: ResourceChange]] = [:]
    private var deletesByNode: [ApplyNode: [ResourceChange]] = [:]

    public init(inputs: EngineInputs, plan: Plan, journal: StateJournal?, observer: any EngineObserver = SilentObserver()) {
        wc = WalkContext(inputs: inputs)
        self.plan = plan
        self.journal = journal
        self.observer = observer
        state = plan.priorState
    }

    public func apply() async -> ApplyResult {
        let (cg, gd) = wc.inputs.buildConfigGraph()
        configGraph = cg
        wc.diags.add(gd)
        if gd.hasErrors { return result() }
        guard let graph = buildGraph() else { return result() }
        _ = await GraphWalker.walk(graph, key: \.description) { node in await self.visit(node) }
        finishOutputs()
        forgetDataSources()
        return result()
    }

    /// A whole destroy leaves no data sources in state either, as Terraform's does: they
    /// describe objects the configuration only reads, and the next plan reads them again.
    func forgetDataSources() {
        guard plan.mode == .destroy, plan.targets.isEmpty else { return }
        lock.withLock {
            for addr in state.resources.keys where addr.resource.mode == .data { state.resources[addr] = nil }
        }
    }

    /// The apply graph in DOT, for `terrace graph -type=apply`.
    public func graphDOT() -> String? {
        let (cg, gd) = wc.inputs.buildConfigGraph()
        configGraph = cg
        guard !gd.hasErrors, let g = buildGraph() else { return nil }
        return g.dot(name: { $0.description }, shape: { n in
            if case .config(let c) = n { return ConfigGraphBuilder.shape(c) }
            return "box"
        })
    }

    func result() -> ApplyResult {
        lock.withLock {
            var r = ApplyResult(state: state, diagnostics: wc.diags.all, added: added, changed: changed, destroyed: destroyed)
            r.imported = imported
            r.forgotten = forgotten
            return r
        }
    }

    /// The resource nodes a configuration node reaches through non-resource nodes.
    func resourceDependencies(_ node: ConfigNode) -> [ConfigNode] {
        var out: [ConfigNode] = []
        var seen = Set<ConfigNode>()
        var stack = configGraph.dependencies(of: node)
        while let n = stack.popLast() {
            guard seen.insert(n).inserted else { continue }
            if case .resource = n { out.append(n); continue }
            stack.append(contentsOf: configGraph.dependencies(of: n))
        }
        return out
    }

    func buildGraph() -> DirectedGraph<ApplyNode>? {
        var g = DirectedGraph<ApplyNode>()
        // The configuration graph's nodes keep their positions, so its edges copy by position.
        for n in configGraph.nodes { g.add(.config(n)) }
        for i in configGraph.nodes.indices {
            for d in configGraph.dependencyIndices(i) { g.connect(index: i, dependsOn: d) }
        }
        var replaced = Set<ApplyNode>()
        for c in plan.changes {
            let key = c.addr.resource.resource.description
            let path = c.addr.module.path
            let cn = ConfigNode.resource(path, key)
            if c.action != .delete { changesByNode[cn, default: [:]][c.addr] = c }
            if c.action.deletes {
                let dn = ApplyNode.destroy(path, key)
                deletesByNode[dn, default: []].append(c)
                g.add(dn)
                // A provider deletes only once configured (an aliased aws provider's region is
                // known only then): the destroy waits for the provider's configuration node.
                if let p = wc.providers.resolve(stateAddress: c.providerAddress), configGraph.contains(.provider(p.path, p.key)) {
                    g.connect(dn, dependsOn: .config(.provider(p.path, p.key)))
                }
                if c.action == .deleteThenCreate { g.connect(.config(cn), dependsOn: dn); replaced.insert(dn) }
                if c.action == .createThenDelete { g.connect(dn, dependsOn: .config(cn)); replaced.insert(dn) }
            }
        }
        // Destroy in reverse dependency order: a resource is destroyed after everything that
        // depends on it (by configuration, or by the dependencies recorded in state).
        if !deletesByNode.isEmpty { orderDestroys(&g, replaced: replaced) }
        if let cycle = g.cycles().first {
            wc.diags.add(.error("Cycle in apply order",
                                "The planned changes cannot be ordered: \(cycle.map(\.description).sorted().joined(separator: ", ")) depend on each other."))
            return nil
        }
        return g
    }

    /// Makes each destroy wait for what depends on the resource it destroys.
    func orderDestroys(_ g: inout DirectedGraph<ApplyNode>, replaced: Set<ApplyNode>) {
        var dependentsOf: [String: Set<ApplyNode>] = [:]
        for n in configGraph.nodes {
            guard case .resource(let p, let k) = n else { continue }
            for d in resourceDependencies(n) {
                guard case .resource(let dp, let dk) = d else { continue }
                dependentsOf[ApplyNode.destroy(dp, dk).description, default: []].insert(.destroy(p, k))
            }
        }
        for rs in plan.priorState.resources.values {
            for inst in rs.instances.values {
                for dep in inst.dependencies {
                    guard let (res, _) = try? AddressParser.parseInstance(dep) else { continue }
                    let target = ApplyNode.destroy(res.module.path, res.resource.description)
                    dependentsOf[target.description, default: []].insert(.destroy(rs.addr.module.path, rs.addr.resource.description))
                }
            }
        }
        for dn in deletesByNode.keys {
            for dependent in dependentsOf[dn.description] ?? [] where dependent != dn {
                if deletesByNode[dependent] != nil {
                    g.connect(dn, dependsOn: dependent)
                } else if !replaced.contains(dn), case .destroy(let p, let k) = dependent,
                          changesByNode[.resource(p, k)] != nil {
                    // A dependent that is updated must stop using this resource before it goes.
                    g.connect(dn, dependsOn: .config(.resource(p, k)))
                }
            }
        }
    }

    func visit(_ node: ApplyNode) async -> Bool {
        switch node {
        case .destroy:
            return await destroy(node)
        case .config(let c):
            if plan.mode == .destroy {
                switch c {
                case .resource, .output: return true
                default: break
                }
            }
            switch c {
            case .variable(let p, let n): return wc.visitVariable(p, n)
            case .local(let p, let n): return wc.visitLocal(p, n)
            case .moduleCall(let p, let n): return wc.visitModuleCall(p, n)
            case .output(let p, let n): return wc.visitOutput(p, n)
            case .provider(let p, let k): return wc.visitProvider(p, k)
            case .resource(let p, let k): return await applyResource(p, k, node: c)
            }
        }
    }

    // MARK: - Destroy

    func destroy(_ node: ApplyNode) async -> Bool {
        let changes = deletesByNode[node] ?? []
        return await GraphWalker.map(changes) { c in await self.destroyInstance(c) }.allSatisfy { $0 }
    }

    func providerFor(_ c: ResourceChange) -> ProviderSet.Resolved? {
        let r = wc.providers.resolve(stateAddress: c.providerAddress)
        if let r { wc.diags.add(wc.providers.ensureConfigured(r)) }
        return r
    }

    func schemaFor(_ c: ResourceChange, _ p: ProviderSet.Resolved) -> ResourceSchema? {
        (c.mode == .managed ? p.provider.schema.resources : p.provider.schema.dataSources)[c.type]
    }

    /// Reports that an operation was not started because the run was interrupted.
    func cancelled(_ addr: AbsResourceInstance) -> Bool {
        guard Cancellation.shared.isCancelled else { return false }
        let first = lock.withLock { () -> Bool in
            defer { reportedCancel = true }
            return !reportedCancel
        }
        if first {
            wc.diags.add(.error("Apply interrupted", "The run was interrupted: operations already under way finished and were recorded in the state; the remaining changes were not started. Run the same command again to finish them."))
        }
        return true
    }

    func destroyInstance(_ c: ResourceChange) async -> Bool {
        if cancelled(c.addr) { return false }
        guard let provider = providerFor(c), let schema = schemaFor(c, provider) else {
            wc.diags.add(.error("Provider configuration not present", "Cannot destroy \(c.addr): its provider \(c.providerAddress) is not available."))
            return false
        }
        // With create_before_destroy the old object was moved aside as deposed before its
        // replacement was created; a deposed object left by an earlier run is named by the plan.
        let dk: String? = c.deposedKey ?? (c.action == .createThenDelete ? lock.withLock { deposedKeys[c.addr] } : nil)
        let obj: InstanceObject? = lock.withLock {
            if let dk { return state.resources[c.addr.resource]?.deposed[c.addr.key]?[dk] }
            return state.instance(c.addr)
        }
        guard let obj else { return true }
        if c.action == .forget {
            // Forgotten, not destroyed: only the state changes.
            await persist(c, nil, seq: 0)
            lock.withLock { forgotten += 1 }
            return true
        }
        let prior = StateCodec.decode(obj, schema: schema)
        let start = Date()
        observer.applyStarting(c.addr, action: .delete, id: obj.id)
        let token = RandomUUID.string()
        var seq = 0
        do {
            seq = try await journal?.intent(addr: c.addr.description, action: "delete", resourceType: c.type,
                                      provider: provider.address, token: token, prior: obj, deposed: dk) ?? 0
        } catch {
            wc.diags.add(.error("Failed to record state", "The state journal could not be written: \(error). Nothing was changed."))
            return false
        }
        let resp = await wc.semaphore.run {
            await provider.provider.applyResourceChange(ApplyRequest(typeName: c.type, prior: prior, planned: nil, config: nil, token: token))
        }
        if resp.diagnostics.hasErrors {
            observer.applyErrored(c.addr, action: .delete, elapsed: Date().timeIntervalSince(start))
            wc.diags.add(withContext(resp.diagnostics, c.addr, nil, redacting: [prior]))
            // Record what exists now so state still matches the cloud.
            let now = resp.newState.map { StateCodec.encode($0, schema: schema, dependencies: obj.dependencies) } ?? obj
            if let dk { await persistDeposed(c, dk, now, seq: seq) } else { await persist(c, now, seq: seq) }
            return false
        }
        if let dk { await persistDeposed(c, dk, nil, seq: seq) } else { await persist(c, nil, seq: seq) }
        lock.withLock { destroyed += 1 }
        observer.applyComplete(c.addr, action: .delete, id: obj.id, elapsed: Date().timeIntervalSince(start))
        return true
    }

    /// Records an instance's new object (or its absence) in the journal and in memory.
    func persist(_ c: ResourceChange, _ obj: InstanceObject?, seq: Int) async {
        do {
            try await journal?.done(seq: seq, addr: c.addr.description, provider: c.providerAddress, each: c.eachMode, object: obj)
        } catch {
            wc.diags.add(.error("Failed to record state", "The state journal could not be written after changing \(c.addr): \(error)."))
        }
        lock.withLock { state.setInstance(c.addr, obj, provider: c.providerAddress, eachMode: c.eachMode) }
    }

    func persistDeposed(_ c: ResourceChange, _ key: String, _ obj: InstanceObject?, seq: Int) async {
        do {
            try await journal?.done(seq: seq, addr: c.addr.description, provider: c.providerAddress, each: c.eachMode, object: obj, deposed: key)
        } catch {
            wc.diags.add(.error("Failed to record state", "The state journal could not be written after changing \(c.addr): \(error)."))
        }
        lock.withLock { state.setDeposed(c.addr, key: key, obj, provider: c.providerAddress) }
    }

    /// Names the instance and, when its configuration still exists, points at its block, as
    /// Terraform's provider diagnostics do.
    /// A provider's diagnostics about one instance, pointing at its block, with the sensitive
    /// values of `values` (its configuration, prior and planned values) redacted.
    func withContext(_ d: Diagnostics, _ addr: AbsResourceInstance, _ r: Resource?, redacting values: [Value?] = []) -> Diagnostics {
        let config = r ?? wc.inputs.config.descendant(addr.module.path)?.module.resources[addr.resource.resource.description]
        return Diagnostics(d.redacting(sensitiveIn: values).items.map { x in
            var y = x
            if y.subject == nil { y.subject = config?.bodyStart }
            if y.address == nil { y.address = addr.description }
            return y
        })
    }

    // MARK: - Create, update, read

    func applyResource(_ path: [String], _ key: String, node: ConfigNode) async -> Bool {
        guard let r = wc.config(path).module.resources[key] else { return true }
        let planned = changesByNode[node] ?? [:]
        guard let provider = wc.providers.resolve(r.provider, in: path) else { return planned.isEmpty }
        wc.diags.add(wc.providers.ensureConfigured(provider))
        let schemas = r.mode == .managed ? provider.provider.schema.resources : provider.provider.schema.dataSources
        guard let schema = schemas[r.type] else { return planned.isEmpty }
        var ok = true
        let deps = resourceDependencies(node).compactMap { n -> String? in
            guard case .resource(let p, let k) = n else { return nil }
            return p.map { "module.\($0)." }.joined() + k
        }.sorted()
        for mi in wc.store.instances(of: path) {
            let res = AbsResource(mi, ResourceAddr(r.mode, r.type, r.name))
            guard let (eachMode, keys) = wc.expand(count: r.count, forEach: r.forEach, in: mi, what: "resource") else {
                ok = false
                continue
            }
            let refs = r.body.variables
            let results = await GraphWalker.map(keys) { (k, extras) in
                let addr = res.instance(k)
                return await self.applyInstance(r, addr, refs: refs, extras: extras, change: planned[addr], schema: schema,
                                                provider: provider, eachMode: eachMode, deps: deps)
            }
            var values: [InstanceKey: Value] = [:]
            for (k, v, good) in results {
                if !good { ok = false }
                if let v { values[k] = v }
            }
            switch eachMode {
            case .none: wc.store.setResource(mi, key, .single(values[.none] ?? .dynamicUnknown))
            case .list:
                wc.store.setResource(mi, key, .list((0..<keys.count).map { values[.int($0)] ?? .dynamicUnknown }))
            case .map:
                var m: [String: Value] = [:]
                for (k, v) in values { if case .string(let s) = k { m[s] = v } }
                wc.store.setResource(mi, key, .map(m))
            }
        }
        return ok
    }

    /// - Parameter refs: `r.body.variables`, found once for all instances.
    func applyInstance(_ r: Resource, _ addr: AbsResourceInstance, refs: [Traversal], extras: [String: Value], change: ResourceChange?,
                       schema: ResourceSchema, provider: ProviderSet.Resolved, eachMode: EachMode,
                       deps: [String]) async -> (InstanceKey, Value?, Bool) {
        let current = lock.withLock { state.instance(addr) }
        var currentValue = current.map { StateCodec.decode($0, schema: schema) }
        if currentValue == nil, change?.importID != nil { currentValue = change?.before }
        guard let change, change.action != .noop else {
            if let change, change.importID != nil, current == nil, let before = change.before {
                // An import with nothing to change: the object only enters state.
                await persist(change, StateCodec.encode(before, schema: schema, dependencies: deps), seq: 0)
                lock.withLock { imported += 1 }
            }
            return (addr.key, currentValue, true)
        }
        if change.importID != nil, current == nil { lock.withLock { imported += 1 } }
        let ctx = wc.scope(addr.module, extras: extras).context(for: refs)
        let (config, d) = BodyDecoder.decode(r.body, schema: schema.block, ctx: ctx, ignoring: BodyDecoder.metaArguments)
        wc.diags.add(d)
        if d.hasErrors { return (addr.key, nil, false) }

        if change.action == .read {
            let resp = await wc.semaphore.run { await provider.provider.readDataSource(type: r.type, config: config) }
            wc.diags.add(withContext(resp.diagnostics, addr, r, redacting: [config]))
            guard let v = resp.state else { return (addr.key, nil, false) }
            let marked = StateCodec.markSensitive(v, schema: schema.block)
            lock.withLock { state.setInstance(addr, StateCodec.encode(marked, schema: schema, dependencies: []), provider: provider.address, eachMode: eachMode) }
            return (addr.key, marked, true)
        }

        var cfg = config
        if let p = currentValue, var attrs = cfg.attributes, let pattrs = p.attributes {
            if r.lifecycle.ignoreAllChanges {
                for (k, v) in pattrs where schema.block.attributes[k].map({ $0.optional || $0.required }) ?? true { attrs[k] = v }
            } else {
                for t in r.lifecycle.ignoreChanges { if let v = pattrs[t.root] { attrs[t.root] = v } }
            }
            cfg = Value(.object(attrs))
        }
        // For a replacement the old object is gone (or, with create_before_destroy, separate).
        let prior: Value? = change.action.isReplace ? nil : currentValue
        let final = provider.provider.planResourceChange(PlanRequest(typeName: r.type, prior: prior, config: cfg))
        wc.diags.add(withContext(final.diagnostics, addr, r, redacting: [cfg, prior]))
        if final.diagnostics.hasErrors { return (addr.key, nil, false) }
        if let plannedAfter = change.after, let inconsistency = Self.inconsistency(plannedAfter, final.planned) {
            wc.diags.add(.error("Provider produced inconsistent final plan",
                                "When expanding the plan for \(addr) to include new values learned so far during apply, provider \"\(provider.address)\" produced an invalid new value for \(inconsistency).\n\nThis is a bug in the provider, which should be reported in the provider's own issue tracker.",
                                at: r.declRange))
            return (addr.key, nil, false)
        }
        let action: ChangeAction = change.action.isReplace ? .create : change.action
        if cancelled(addr) { return (addr.key, nil, false) }
        // create_before_destroy: move the old object aside (durably) before its replacement exists.
        var deposedKey: String?
        if change.action == .createThenDelete, current != nil {
            let key = State.newDeposedKey()
            do {
                try await journal?.depose(addr: addr.description, key: key, provider: provider.address, each: eachMode)
            } catch {
                wc.diags.add(.error("Failed to record state", "The state journal could not be written: \(error). Nothing was changed."))
                return (addr.key, nil, false)
            }
            lock.withLock {
                state.depose(addr, key: key)
                deposedKeys[addr] = key
            }
            deposedKey = key
        }
        let start = Date()
        observer.applyStarting(addr, action: change.action == .update ? .update : .create, id: change.action == .update ? current?.id : nil)
        let token = RandomUUID.string()
        var seq = 0
        do {
            seq = try await journal?.intent(addr: addr.description, action: action == .update ? "update" : "create", resourceType: r.type,
                                      provider: provider.address, token: token, prior: action == .update ? current : nil) ?? 0
        } catch {
            wc.diags.add(.error("Failed to record state", "The state journal could not be written: \(error). Nothing was changed."))
            return (addr.key, nil, false)
        }
        let request = ApplyRequest(typeName: r.type, prior: prior, planned: final.planned, config: cfg, token: token)
        let resp = await wc.semaphore.run { await provider.provider.applyResourceChange(request) }
        let pc = ResourceChange(addr: addr, providerKey: provider.key, providerAddress: provider.address, eachMode: eachMode,
                                action: action, reason: nil, before: prior, after: final.planned, requiresReplace: [],
                                importID: nil, movedFrom: nil, createBeforeDestroy: r.lifecycle.createBeforeDestroy)
        if resp.diagnostics.hasErrors {
            observer.applyErrored(addr, action: action, elapsed: Date().timeIntervalSince(start))
            wc.diags.add(withContext(resp.diagnostics, addr, r, redacting: [cfg, prior, final.planned]))
            if let partial = resp.newState {
                // The object exists but is not as configured: keep it, tainted, as Terraform does.
                let marked = StateCodec.keepMarks(of: final.planned, on: StateCodec.markSensitive(partial, schema: schema.block))
                var obj = StateCodec.encode(marked, schema: schema, dependencies: deps)
                obj.tainted = action == .create
                await persist(pc, obj, seq: seq)
            } else if action == .update, let current {
                await persist(pc, current, seq: seq)
            } else {
                await persist(pc, nil, seq: seq)
            }
            // A failed create_before_destroy puts the old object back.
            if let key = deposedKey, let current, resp.newState == nil {
                await persist(pc, current, seq: 0)
                await persistDeposed(pc, key, nil, seq: 0)
                lock.withLock { deposedKeys[addr] = nil }
            }
            return (addr.key, nil, false)
        }
        guard let newValue = resp.newState else {
            await persist(pc, nil, seq: seq)
            return (addr.key, nil, false)
        }
        let marked = StateCodec.keepMarks(of: final.planned, on: StateCodec.markSensitive(newValue, schema: schema.block))
        let obj = StateCodec.encode(marked, schema: schema, dependencies: deps, createBeforeDestroy: r.lifecycle.createBeforeDestroy)
        await persist(pc, obj, seq: seq)
        lock.withLock { if action == .update { changed += 1 } else { added += 1 } }
        observer.applyComplete(addr, action: action, id: obj.id, elapsed: Date().timeIntervalSince(start))
        return (addr.key, marked, true)
    }

    /// Describes the first known planned value the final plan contradicts, if any.
    static func inconsistency(_ planned: Value, _ final: Value) -> String? {
        guard let p = planned.attributes, let f = final.attributes else { return nil }
        for name in p.keys.sorted() {
            let pv = p[name]!, fv = f[name] ?? .dynamicNull
            if pv.isWhollyKnown, !Evaluator.valuesEqual(pv.unmarkedDeep, fv.unmarkedDeep) {
                return ".\(name): was \(pv.debugDescription), but now \(fv.debugDescription)"
            }
        }
        return nil
    }

    func finishOutputs() {
        lock.withLock {
            if plan.mode == .destroy {
                state.outputs = [:]
                return
            }
            var outs: [String: OutputState] = [:]
            for (name, out) in wc.inputs.config.module.outputs {
                guard let v = wc.store.output(.root, name), v.isWhollyKnown, !v.isNull else { continue }
                outs[name] = OutputState(value: ValueJSON.encode(v.unmarkedDeep), type: ValueJSON.encodeType(v.type),
                                         sensitive: out.sensitive || v.containsSensitive)
            }
            state.outputs = outs
        }
    }
}
