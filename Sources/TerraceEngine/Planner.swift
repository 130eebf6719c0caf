import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceHCL
import TerraceLang
import TerraceProviders
import TerraceState

public struct PlanOptions: Sendable {
    public var mode: PlanMode = .normal
    public var refresh = true
    public var targets: [String] = []
    public var replace: [String] = []
    public init() {}
}

/// Makes a plan: walks the configuration graph, refreshing each resource from its provider,
/// evaluating its configuration and asking the provider to plan the change; then plans the
/// deletion of everything in state that the configuration no longer has.
public final class Planner: @unchecked Sendable {
    let wc: WalkContext
    let options: PlanOptions
    let observer: any EngineObserver
    var prior: State
    private let lock = NSLock()
    /// New address → old address, for instances moved by `moved` blocks.
    private var movedFrom: [AbsResourceInstance: AbsResourceInstance] = [:]
    /// Import targets from `import` blocks, by address.
    private var importTargets: [AbsResourceInstance: Import] = [:]
    private var refreshed: State
    private var changes: [ResourceChange] = []
    private var drift: [ResourceDrift] = []
    private var changedNodes: Set<ConfigNode> = []
    private var targetNodes: Set<ConfigNode>?
    private var targetInstances: Set<AbsResourceInstance> = []
    private var replaceSet: Set<AbsResourceInstance> = []
    private var reportedInterrupt = false
    private var graph = DirectedGraph<ConfigNode>()

    public init(inputs: EngineInputs, state: State, options: PlanOptions, observer: any EngineObserver = SilentObserver()) {
        wc = WalkContext(inputs: inputs, planning: true)
        self.options = options
        self.observer = observer
        prior = state
        refreshed = state
    }

    public func plan() async -> Plan {
        let (g, gd) = wc.inputs.buildConfigGraph()
        graph = g
        wc.diags.add(gd)
        if !gd.hasErrors {
            applyMoves()
            if checkPriorState() {
                collectImports()
                parseTargets()
                _ = await PhaseTimes.measure("plan walk") {
                    await GraphWalker.walk(g, key: \.description) { node in await self.visit(node) }
                }
                if !wc.diags.hasErrors { await planOrphans() }
            }
        }
        return PhaseTimes.measure("plan finish") { finish() }
    }

    /// Applies `moved` blocks to the prior state before planning, as Terraform does: an
    /// object recorded at `from` continues at `to` without being replaced.
    func applyMoves() {
        for c in wc.inputs.config.allModules {
            for m in c.module.moved {
                let fromModule = Self.moduleAddress(m.from), toModule = Self.moduleAddress(m.to)
                if let from = fromModule, let to = toModule {
                    moveModule(from: c.path + from, to: c.path + to)
                    continue
                }
                guard let (fr, fk) = try? AddressParser.fromTraversal(m.from), let (tr, tk) = try? AddressParser.fromTraversal(m.to) else {
                    wc.diags.add(.error("Invalid \"moved\" addresses", "The \"from\" and \"to\" addresses must both be resource, resource instance or module addresses.", at: m.declRange))
                    continue
                }
                for rs in prior.resources.values where rs.addr.module.path == c.path + fr.module.path && rs.addr.resource == fr.resource {
                    let base = ModuleInstance(Array(rs.addr.module.steps.prefix(c.path.count)))
                    let newRes = AbsResource(ModuleInstance(base.steps + tr.module.steps), tr.resource)
                    for key in rs.instances.keys.sorted() where fk == nil || fk == key {
                        let newKey = tk ?? (fk == nil ? key : .none)
                        let to = newRes.instance(newKey), from = rs.addr.instance(key)
                        if prior.instance(to) != nil {
                            wc.diags.add(.warning("Moved object still exists",
                                                  "This statement declares a move from \(from), but that object is still declared in the state at \(to). The move was not made.", at: m.declRange))
                            continue
                        }
                        guard let obj = prior.instance(from) else { continue }
                        let mode: EachMode = newKey == .none ? .none : { if case .int = newKey { return .list }; return .map }()
                        prior.setInstance(from, nil, provider: rs.provider, eachMode: rs.eachMode)
                        prior.setInstance(to, obj, provider: rs.provider, eachMode: mode)
                        movedFrom[to] = movedFrom.removeValue(forKey: from) ?? from
                    }
                }
            }
        }
        refreshed = prior
    }

    /// Every object in the prior state must be readable with its type's schema. One that is not
    /// (an attribute of the wrong type, in a hand-edited or damaged state) stops the plan, as in
    /// Terraform: read as unknown, it would be planned as a change and overwritten.
    func checkPriorState() -> Bool {
        // Every object is checked in whatever order; only the problems found are sorted.
        var problems: [(AbsResourceInstance, String)] = []
        for rs in prior.resources.values where rs.addr.resource.mode == .managed {
            guard let p = wc.providers.resolve(stateAddress: rs.provider),
                  let schema = p.provider.schema.resources[rs.addr.resource.type] else { continue }
            for (key, obj) in rs.instances {
                if let why = StateCodec.problem(obj, schema: schema) { problems.append((rs.addr.instance(key), why)) }
            }
            for (key, objects) in rs.deposed {
                for obj in objects.values {
                    if let why = StateCodec.problem(obj, schema: schema) { problems.append((rs.addr.instance(key), why)) }
                }
            }
        }
        for i in AbsResourceInstance.sortedIndices(problems.map(\.0)) {
            wc.diags.add(.error("Invalid resource instance data in state",
                                "Instance \(problems[i].0) data could not be decoded from the state: \(problems[i].1). The state file may have been edited by hand or damaged; Terrace will not plan over it."))
        }
        return problems.isEmpty
    }

    /// `module.a` or `module.a.module.b` as a path, when a traversal names only modules.
    static func moduleAddress(_ t: Traversal) -> [String]? {
        guard t.root == "module" else { return nil }
        var path: [String] = []
        var expectName = true
        for step in t.steps {
            guard case .attr(let n, _) = step else { return nil }
            if expectName { path.append(n); expectName = false } else if n == "module" { expectName = true } else { return nil }
        }
        return expectName ? nil : path
    }

    func moveModule(from: [String], to: [String]) {
        for rs in prior.resources.values where Array(rs.addr.module.path.prefix(from.count)) == from {
            var steps = rs.addr.module.steps
            let rest = Array(steps.dropFirst(from.count))
            let keys = Array(steps.prefix(from.count)).map(\.key)
            steps = zip(to, keys + Array(repeating: InstanceKey.none, count: max(0, to.count - keys.count))).map { ModuleStep($0, $1) } + rest
            let newRes = AbsResource(ModuleInstance(steps), rs.addr.resource)
            guard prior.resources[newRes] == nil else { continue }
            for (key, obj) in rs.instances {
                prior.setInstance(rs.addr.instance(key), nil, provider: rs.provider, eachMode: rs.eachMode)
                prior.setInstance(newRes.instance(key), obj, provider: rs.provider, eachMode: rs.eachMode)
                movedFrom[newRes.instance(key)] = rs.addr.instance(key)
            }
        }
    }

    /// Import blocks of the root module, by target address.
    func collectImports() {
        for imp in wc.inputs.config.module.imports {
            guard let (res, key) = try? AddressParser.fromTraversal(imp.to) else {
                wc.diags.add(.error("Invalid import address", "The \"to\" argument must be a resource instance address.", at: imp.declRange))
                continue
            }
            let addr = res.instance(key ?? .none)
            guard wc.inputs.config.descendant(res.module.path)?.module.resources[res.resource.description] != nil else {
                wc.diags.add(.error("Configuration for import target does not exist",
                                    "The configuration for the given import target \(addr) does not exist. All target instances must have an associated configuration to be imported.",
                                    at: imp.declRange))
                continue
            }
            importTargets[addr] = imp
        }
    }

    /// Reads the object an import block names; nil (with a diagnostic) if it does not exist.
    func importObject(_ addr: AbsResourceInstance, _ imp: Import, schema: ResourceSchema, provider: ProviderSet.Resolved) async -> (Value, String)? {
        let scope = wc.scope(.root)
        let (idv, d) = Evaluator.evaluate(imp.id, in: scope.context(for: imp.id.variables))
        wc.diags.add(d)
        guard !d.hasErrors, let id = idv.stringValue else {
            if !d.hasErrors {
                wc.diags.add(.error("Invalid import id argument", "The import ID must be a known string.", at: imp.id.range))
            }
            return nil
        }
        let resp = await wc.semaphore.run { await provider.provider.importResource(type: addr.resource.resource.type, id: id) }
        wc.diags.add(Diagnostics(resp.diagnostics.items.map { var x = $0; if x.subject == nil { x.subject = imp.declRange }; return x }))
        guard let v = resp.state else {
            if !resp.diagnostics.hasErrors {
                wc.diags.add(.error("Cannot import non-existent remote object",
                                    "While attempting to import an existing object to \"\(addr)\", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use \"terrace apply\" to create a new remote object for this resource.",
                                    at: imp.declRange))
            }
            return nil
        }
        return (StateCodec.markSensitive(v, schema: schema.block), id)
    }

    func parseTargets() {
        for text in options.replace {
            do {
                let (res, key) = try AddressParser.parseInstance(text)
                replaceSet.insert(res.instance(key ?? .none))
            } catch {
                wc.diags.add(.error("Invalid replace address", error.description))
            }
        }
        guard !options.targets.isEmpty else { return }
        var nodes = Set<ConfigNode>()
        for text in options.targets {
            do {
                let (res, key) = try AddressParser.parseInstance(text)
                nodes.insert(.resource(res.module.path, res.resource.description))
                if let key { targetInstances.insert(res.instance(key)) }
            } catch {
                if text.hasPrefix("module."), let name = text.split(separator: ".").dropFirst().first {
                    // A whole module: every resource inside it.
                    if let c = wc.inputs.config.descendant([String(name)]) {
                        for m in c.allModules { for k in m.module.resources.keys { nodes.insert(.resource(m.path, k)) } }
                        continue
                    }
                }
                wc.diags.add(.error("Invalid target address", error.description))
            }
        }
        // Targets bring their dependencies with them.
        var closure = Set<ConfigNode>()
        var stack = Array(nodes)
        while let n = stack.popLast() {
            guard closure.insert(n).inserted else { continue }
            stack.append(contentsOf: graph.dependencies(of: n))
        }
        targetNodes = closure
    }

    func isTargeted(_ node: ConfigNode) -> Bool { targetNodes?.contains(node) ?? true }

    func visit(_ node: ConfigNode) async -> Bool {
        switch node {
        case .variable(let p, let n): return wc.visitVariable(p, n)
        case .local(let p, let n): return wc.visitLocal(p, n)
        case .moduleCall(let p, let n): return wc.visitModuleCall(p, n)
        case .output(let p, let n): return wc.visitOutput(p, n)
        case .provider(let p, let k): return wc.visitProvider(p, k)
        case .resource(let p, let k): return await planResource(p, k, node: node)
        }
    }

    func record(_ c: ResourceChange, node: ConfigNode?) {
        lock.lock(); defer { lock.unlock() }
        changes.append(c)
        if c.action != .noop, let node { changedNodes.insert(node) }
    }

    /// Whether a data source whose configuration is known must still wait for apply, as
    /// Terraform 1.0 decides it: the resources its configuration refers to directly and the
    /// targets of `depends_on` (its own and that of every module call around it), with
    /// everything those depend on in turn; a managed resource among them with a change pending
    /// defers the read. Values that reach it through variables, locals or module outputs do
    /// not: they are known, so it reads while planning.
    func dependsOnChanges(_ node: ConfigNode) -> Bool {
        guard case .resource(let path, let key) = node else { return false }
        let root = wc.inputs.config
        let builder = ConfigGraphBuilder(config: root)
        var targets: [ConfigNode] = []
        let here = wc.config(path)
        if let r = here.module.resources[key] {
            for t in r.dependsOn { targets += builder.resolve(t, in: here) }
            for t in r.body.variables {
                for case .resource(let p, let k) in builder.resolve(t, in: here) { targets.append(.resource(p, k)) }
            }
        }
        for depth in 0..<path.count {
            let parent = wc.config(Array(path.prefix(depth)))
            for t in parent.module.moduleCalls[path[depth]]?.dependsOn ?? [] { targets += builder.resolve(t, in: parent) }
        }
        // `depends_on = [module.x]` means every resource inside module x.
        for case .moduleCall(let p, let name) in targets {
            for m in root.allModules where m.path.starts(with: p + [name]) {
                targets += m.module.resources.keys.map { .resource(m.path, $0) }
            }
        }
        lock.lock(); defer { lock.unlock() }
        var seen = Set<ConfigNode>()
        var stack = targets
        while let n = stack.popLast() {
            guard seen.insert(n).inserted else { continue }
            if case .resource(_, let k) = n, !k.hasPrefix("data."), changedNodes.contains(n) { return true }
            stack.append(contentsOf: graph.dependencies(of: n))
        }
        return false
    }

    /// Whether the user interrupted the run (SIGINT/SIGTERM); reported once. Reads and plans
    /// under way finish, nothing new starts, and the plan fails, so nothing is applied.
    func interrupted() -> Bool {
        guard Cancellation.shared.isCancelled else { return false }
        let first = lock.withLock { () -> Bool in
            defer { reportedInterrupt = true }
            return !reportedInterrupt
        }
        if first {
            wc.diags.add(.error("Operation interrupted", "The run was interrupted while planning, so nothing was changed. Run the same command again to plan and apply."))
        }
        return true
    }

    /// Refreshes one instance from its provider; nil when it no longer exists.
    func refresh(_ addr: AbsResourceInstance, _ obj: InstanceObject, schema: ResourceSchema,
                 provider: ProviderSet.Resolved) async -> Value? {
        let before = StateCodec.decode(obj, schema: schema)
        guard options.refresh, addr.resource.resource.mode == .managed, !interrupted() else { return before }
        observer.refreshing(addr, id: obj.id)
        let resp = await wc.semaphore.run { await provider.provider.readResource(type: addr.resource.resource.type, state: before) }
        wc.diags.add(resp.diagnostics.redacting(sensitiveIn: [before]))
        if resp.diagnostics.hasErrors { return before }
        return lock.withLock {
            if let after = resp.state {
                // What the state marked stays marked: the provider reads values back unmarked.
                let marked = StateCodec.keepMarks(of: before, on: StateCodec.markSensitive(after, schema: schema.block))
                if !Evaluator.valuesEqual(marked.unmarkedDeep, before.unmarkedDeep) {
                    drift.append(ResourceDrift(addr: addr, before: before, after: marked))
                    var o = StateCodec.encode(marked, schema: schema, dependencies: obj.dependencies, createBeforeDestroy: obj.createBeforeDestroy)
                    o.tainted = obj.tainted
                    refreshed.resources[addr.resource]?.instances[addr.key] = o
                }
                return marked
            }
            drift.append(ResourceDrift(addr: addr, before: before, after: nil))
            refreshed.resources[addr.resource]?.instances[addr.key] = nil
            return nil
        }
    }

    func planResource(_ path: [String], _ key: String, node: ConfigNode) async -> Bool {
        guard let r = wc.config(path).module.resources[key] else { return true }
        if interrupted() { return false }
        guard let provider = wc.providers.resolve(r.provider, in: path) else {
            wc.diags.add(.error("Provider configuration not present",
                                "To work with \(key) its original provider configuration at provider[\"\(wc.inputs.registry.address(r.provider.name))\"].\(r.provider.alias ?? "") is required, but it has been removed or is not declared.",
                                at: r.declRange))
            return false
        }
        wc.diags.add(wc.providers.ensureConfigured(provider))
        let schemas = r.mode == .managed ? provider.provider.schema.resources : provider.provider.schema.dataSources
        guard let schema = schemas[r.type] else {
            let kind = r.mode == .managed ? "resource type" : "data source"
            wc.diags.add(.error("Invalid \(kind)",
                                "The provider \(wc.inputs.registry.address(r.provider.name).replacingOccurrences(of: "registry.terraform.io/", with: "")) does not support \(kind) \"\(r.type)\".\(Suggestions.didYouMean(r.type, in: schemas.keys))",
                                at: r.typeRange))
            return false
        }
        var ok = true
        for mi in wc.store.instances(of: path) {
            let res = AbsResource(mi, ResourceAddr(r.mode, r.type, r.name))
            let existing = prior.resources[res]?.instances ?? [:]
            // Not targeted: keep what state has, unchanged.
            if !isTargeted(node) || options.mode == .refreshOnly && false {
                storeValue(res, existing.mapValues { StateCodec.decode($0, schema: schema) }, eachMode: prior.resources[res]?.eachMode ?? .none, key: key, mi: mi)
                continue
            }
            if options.mode == .destroy {
                await planDeletes(res, existing, schema: schema, provider: provider, reason: nil, node: node)
                continue
            }
            guard let (eachMode, keys) = wc.expand(count: r.count, forEach: r.forEach, in: mi, what: "resource") else {
                ok = false
                continue
            }
            let wanted = Set(keys.map(\.0))
            let refs = r.body.variables
            let results = await GraphWalker.map(keys) { (k, extras) in
                let addr = res.instance(k)
                return await self.planInstance(r, addr, refs: refs, extras: extras, existing: existing[k], schema: schema,
                                               provider: provider, eachMode: eachMode, node: node)
            }
            var values: [InstanceKey: Value] = [:]
            for (k, v, good) in results {
                if !good { ok = false }
                if let v { values[k] = v }
            }
            storeValue(res, values, eachMode: eachMode, key: key, mi: mi)
            // Instances state has that the expansion no longer produces.
            let orphanKeys = existing.filter { !wanted.contains($0.key) }
            if !orphanKeys.isEmpty, options.mode == .normal {
                let reason: ActionReason = eachMode == .map || orphanKeys.keys.contains(where: { if case .string = $0 { return true }; return false })
                    ? .deleteBecauseEachKey : (eachMode == .none ? .deleteBecauseCountIndex : .deleteBecauseCountIndex)
                await planDeletes(res, orphanKeys, schema: schema, provider: provider, reason: reason, node: node)
            }
        }
        return ok
    }

    func storeValue(_ res: AbsResource, _ values: [InstanceKey: Value], eachMode: EachMode, key: String, mi: ModuleInstance) {
        switch eachMode {
        case .none: wc.store.setResource(mi, key, .single(values[.none] ?? .dynamicUnknown))
        case .list:
            let n = (values.keys.compactMap { if case .int(let i) = $0 { return i }; return nil }.max() ?? -1) + 1
            wc.store.setResource(mi, key, .list((0..<n).map { values[.int($0)] ?? .dynamicUnknown }))
        case .map:
            var m: [String: Value] = [:]
            for (k, v) in values { if case .string(let s) = k { m[s] = v } }
            wc.store.setResource(mi, key, .map(m))
        }
    }

    func planDeletes(_ res: AbsResource, _ instances: [InstanceKey: InstanceObject], schema: ResourceSchema,
                     provider: ProviderSet.Resolved, reason: ActionReason?, node: ConfigNode?) async {
        for (k, obj) in instances.sorted(by: { $0.key < $1.key }) {
            let addr = res.instance(k)
            if res.resource.mode == .data { continue }
            guard let current = await refresh(addr, obj, schema: schema, provider: provider) else { continue }
            if options.mode == .refreshOnly { continue }
            record(ResourceChange(addr: addr, providerKey: provider.key, providerAddress: provider.address,
                                  eachMode: prior.resources[res]?.eachMode ?? .none, action: .delete, reason: reason,
                                  before: current, after: nil, requiresReplace: [], importID: nil, movedFrom: nil,
                                  createBeforeDestroy: false), node: node)
        }
    }

    /// - Parameter refs: `r.body.variables`, found once for all instances.
    func planInstance(_ r: Resource, _ addr: AbsResourceInstance, refs: [Traversal], extras: [String: Value], existing: InstanceObject?,
                      schema: ResourceSchema, provider: ProviderSet.Resolved, eachMode: EachMode,
                      node: ConfigNode) async -> (InstanceKey, Value?, Bool) {
        let mi = addr.module
        let scope = wc.scope(mi, extras: extras)
        let ctx = scope.context(for: refs)
        let (config, d) = BodyDecoder.decode(r.body, schema: schema.block, ctx: ctx, ignoring: BodyDecoder.metaArguments)
        wc.diags.add(d)
        if d.hasErrors { return (addr.key, .unknown(schema.block.impliedType), false) }
        let vd = provider.provider.validateResource(type: r.type, config: config).redacting(sensitiveIn: [config])
        wc.diags.add(Diagnostics(vd.items.map { var x = $0; if x.subject == nil { x.subject = r.bodyStart }; return x }))
        if vd.hasErrors { return (addr.key, .unknown(schema.block.impliedType), false) }
        let pre = ConditionChecks.check(r.lifecycle.preconditions, .resourcePrecondition, scope: scope)
        wc.diags.add(pre)
        if pre.hasErrors { return (addr.key, .unknown(schema.block.impliedType), false) }

        if r.mode == .data {
            if config.isWhollyKnown && !dependsOnChanges(node) {
                let resp = await wc.semaphore.run { await provider.provider.readDataSource(type: r.type, config: config) }
                wc.diags.add(Diagnostics(resp.diagnostics.items.map { var x = $0; if x.subject == nil { x.subject = r.bodyStart }; return x }))
                guard let v = resp.state else { return (addr.key, .unknown(schema.block.impliedType), false) }
                let marked = StateCodec.markSensitive(v, schema: schema.block)
                lock.withLock {
                    refreshed.setInstance(addr, StateCodec.encode(marked, schema: schema, dependencies: []), provider: provider.address, eachMode: eachMode)
                }
                let post = ConditionChecks.check(r.lifecycle.postconditions, .resourcePostcondition, scope: scope, selfValue: marked)
                wc.diags.add(post)
                return (addr.key, marked, !post.hasErrors)
            }
            let planned = SchemaPlanner.merge(schema: schema.block, prior: nil, config: config)
            record(ResourceChange(addr: addr, providerKey: provider.key, providerAddress: provider.address, eachMode: eachMode,
                                  action: .read, reason: config.isWhollyKnown ? .readBecauseDependencyPending : .readBecauseConfigUnknown,
                                  before: nil, after: planned, requiresReplace: [], importID: nil, movedFrom: nil,
                                  createBeforeDestroy: false), node: node)
            return (addr.key, planned, true)
        }

        var priorValue: Value?
        var tainted = false
        var importID: String?
        if let existing {
            priorValue = await refresh(addr, existing, schema: schema, provider: provider)
            tainted = existing.tainted
        } else if let imp = importTargets[addr] {
            guard let (v, id) = await importObject(addr, imp, schema: schema, provider: provider) else {
                return (addr.key, .unknown(schema.block.impliedType), false)
            }
            priorValue = v
            importID = id
        }
        if options.mode == .refreshOnly {
            return (addr.key, priorValue, true)
        }
        var cfg = config
        if let p = priorValue, var attrs = cfg.attributes, let pattrs = p.attributes {
            if r.lifecycle.ignoreAllChanges {
                for (k, v) in pattrs where schema.block.attributes[k].map({ $0.optional || $0.required }) ?? true { attrs[k] = v }
            } else {
                for t in r.lifecycle.ignoreChanges {
                    let name = t.root
                    if let v = pattrs[name] { attrs[name] = v }
                }
            }
            cfg = Value(.object(attrs))
        }
        let resp = provider.provider.planResourceChange(PlanRequest(typeName: r.type, prior: priorValue, config: cfg))
        wc.diags.add(Diagnostics(resp.diagnostics.redacting(sensitiveIn: [cfg, priorValue]).items.map { var x = $0; if x.subject == nil { x.subject = r.bodyStart }; return x }))
        if resp.diagnostics.hasErrors { return (addr.key, .unknown(schema.block.impliedType), false) }
        var action: ChangeAction
        var reason: ActionReason?
        var after = resp.planned
        var requiresReplace = resp.requiresReplace
        if priorValue == nil {
            action = .create
        } else if tainted || replaceSet.contains(addr) || !resp.requiresReplace.isEmpty {
            action = r.lifecycle.createBeforeDestroy ? .createThenDelete : .deleteThenCreate
            reason = tainted ? .replaceBecauseTainted : replaceSet.contains(addr) ? .replaceByRequest : .replaceBecauseCannotUpdate
            if resp.requiresReplace.isEmpty {
                after = provider.provider.planResourceChange(PlanRequest(typeName: r.type, prior: nil, config: cfg)).planned
                requiresReplace = []
            }
        } else if Evaluator.valuesEqual(after.unmarkedDeep, priorValue!.unmarkedDeep) {
            // Only which values are sensitive changes (a variable newly declared sensitive):
            // an update, as Terraform plans it, so the state records the new marks.
            action = Self.sameMarks(after, priorValue!, schema: schema.block) ? .noop : .update
        } else {
            action = .update
        }
        if (action == .update || action == .noop), priorValue != nil, triggered(r, addr) {
            action = r.lifecycle.createBeforeDestroy ? .createThenDelete : .deleteThenCreate
            reason = .replaceByTriggers
            after = provider.provider.planResourceChange(PlanRequest(typeName: r.type, prior: nil, config: cfg)).planned
            requiresReplace = []
        }
        let post = ConditionChecks.check(r.lifecycle.postconditions, .resourcePostcondition, scope: scope, selfValue: after)
        wc.diags.add(post)
        if post.hasErrors { return (addr.key, after, false) }
        if action.deletes && r.lifecycle.preventDestroy {
            wc.diags.add(.error("Instance cannot be destroyed",
                                "Resource \(addr) has lifecycle.prevent_destroy set, but the plan calls for this resource to be destroyed. To avoid this error and continue with the plan, either disable lifecycle.prevent_destroy or reduce the scope of the plan using the -target flag.",
                                at: r.declRange))
            return (addr.key, after, false)
        }
        if !targetInstances.isEmpty && !targetInstances.contains(addr) && targetInstances.contains(where: { $0.resource == addr.resource }) {
            // Instance-level targeting: leave the other instances alone.
            return (addr.key, priorValue ?? after, true)
        }
        record(ResourceChange(addr: addr, providerKey: provider.key, providerAddress: provider.address, eachMode: eachMode,
                              action: action, reason: reason, before: priorValue, after: after,
                              requiresReplace: requiresReplace, importID: importID, movedFrom: movedFrom[addr],
                              createBeforeDestroy: r.lifecycle.createBeforeDestroy), node: node)
        return (addr.key, after, true)
    }

    /// Whether two values of a resource have their sensitive marks in the same places (those
    /// its schema declares counted on both sides).
    static func sameMarks(_ a: Value, _ b: Value, schema: SchemaBlock) -> Bool {
        // Without marks on either side the schema's marks fall on both alike (nearly every
        // instance of a re-plan): nothing to compare.
        if !a.containsSensitive && !b.containsSensitive { return true }
        return StateCodec.markSensitive(a, schema: schema).hasSameMarks(as: StateCodec.markSensitive(b, schema: schema))
    }

    /// Whether a `replace_triggered_by` reference has a planned change: a referenced resource
    /// being created, updated or replaced, or a referenced attribute changing.
    func triggered(_ r: Resource, _ addr: AbsResourceInstance) -> Bool {
        guard !r.lifecycle.replaceTriggeredBy.isEmpty else { return false }
        let recorded = lock.withLock { changes }
        for e in r.lifecycle.replaceTriggeredBy {
            guard let t = e.asTraversal, let (res, key) = try? AddressParser.fromTraversal(Traversal(root: t.root, rootRange: t.rootRange, steps: Array(t.steps.prefix(t.root == "data" ? 2 : 1)))) else { continue }
            let target = AbsResource(addr.module, res.resource)
            // The attribute named after the resource address, if any (`aws_x.y.attr`).
            let rest = t.steps.dropFirst(t.root == "data" ? 2 : 1)
            var attr: String?
            for step in rest { if case .attr(let n, _) = step { attr = n; break } }
            for c in recorded where c.addr.resource == target && (key == nil || c.addr.key == key) {
                guard c.action != .noop && c.action != .read else { continue }
                guard let attr else { return true }
                let b = c.before?[attr], a = c.after?[attr]
                if c.action.isReplace || c.action == .create { return true }
                if let a, !a.isWhollyKnown { return true }
                if let a, let b, !Evaluator.valuesEqual(a.unmarkedDeep, b.unmarkedDeep) { return true }
            }
        }
        return false
    }

    /// Deletes for deposed objects left by an interrupted create_before_destroy.
    func planDeposed() async {
        for (addr, key, obj) in prior.deposedObjects {
            guard let rs = prior.resources[addr.resource], let provider = wc.providers.resolve(stateAddress: rs.provider) else { continue }
            wc.diags.add(wc.providers.ensureConfigured(provider))
            guard let schema = provider.provider.schema.resources[addr.resource.resource.type] else { continue }
            var current: Value? = StateCodec.decode(obj, schema: schema)
            if options.refresh, let c = current {
                let resp = await wc.semaphore.run { await provider.provider.readResource(type: addr.resource.resource.type, state: c) }
                current = resp.state
                if current == nil { lock.withLock { refreshed.setDeposed(addr, key: key, nil, provider: rs.provider) } }
            }
            guard let before = current, options.mode != .refreshOnly else { continue }
            var change = ResourceChange(addr: addr, providerKey: provider.key, providerAddress: rs.provider, eachMode: rs.eachMode,
                                        action: .delete, reason: nil, before: before, after: nil, requiresReplace: [],
                                        importID: nil, movedFrom: nil, createBeforeDestroy: false)
            change.deposedKey = key
            record(change, node: nil)
        }
    }

    /// Deletes for state resources whose configuration or module instance is gone.
    func planOrphans() async {
        await planDeposed()
        for (res, rs) in prior.resources.sorted(by: { $0.key < $1.key }) {
            let key = res.resource.description
            let configured = wc.inputs.config.descendant(res.module.path)?.module.resources[key] != nil
            let moduleExists = res.module.isRoot || wc.store.instances(of: res.module.path).contains(res.module)
            if configured && moduleExists { continue }
            if let t = targetNodes, !t.contains(.resource(res.module.path, key)) { continue }
            guard let provider = wc.providers.resolve(stateAddress: rs.provider) else {
                wc.diags.add(.error("Provider configuration not present",
                                    "To work with \(res) its original provider configuration at \(rs.provider) is required, but it has been removed."))
                continue
            }
            wc.diags.add(wc.providers.ensureConfigured(provider))
            let schemas = res.resource.mode == .managed ? provider.provider.schema.resources : provider.provider.schema.dataSources
            guard let schema = schemas[res.resource.type] else { continue }
            if res.resource.mode == .data {
                lock.withLock { refreshed.resources[res] = nil }
                continue
            }
            if let removed = removedBlock(for: res), !removed.destroy {
                for key in rs.instances.keys.sorted() {
                    let addr = res.instance(key)
                    record(ResourceChange(addr: addr, providerKey: provider.key, providerAddress: rs.provider, eachMode: rs.eachMode,
                                          action: .forget, reason: nil, before: StateCodec.decode(rs.instances[key]!, schema: schema),
                                          after: nil, requiresReplace: [], importID: nil, movedFrom: nil, createBeforeDestroy: false), node: nil)
                }
                continue
            }
            await planDeletes(res, rs.instances, schema: schema, provider: provider,
                              reason: moduleExists ? .deleteBecauseNoResourceConfig : .deleteBecauseNoModule, node: nil)
        }
    }

    /// The `removed` block (in any module) that covers a resource, if any.
    func removedBlock(for res: AbsResource) -> Removed? {
        for c in wc.inputs.config.allModules {
            for r in c.module.removed {
                if let path = Self.moduleAddress(r.from), Array(res.module.path.prefix(c.path.count + path.count)) == c.path + path { return r }
                if let (target, _) = try? AddressParser.fromTraversal(r.from),
                   res.module.path == c.path + target.module.path, res.resource == target.resource { return r }
            }
        }
        return nil
    }

    func finish() -> Plan {
        var outputChanges: [OutputChange] = []
        let rootOutputs = wc.inputs.config.module.outputs
        for name in Set(rootOutputs.keys).union(prior.outputs.keys).sorted() {
            let before = prior.outputs[name].flatMap { o -> Value? in
                guard let t = try? ValueJSON.decodeType(o.type), let v = try? ValueJSON.decode(o.value, as: t) else { return nil }
                return o.sensitive ? v.marked() : v
            }
            let sensitive = rootOutputs[name]?.sensitive ?? prior.outputs[name]?.sensitive ?? false
            if options.mode == .destroy || rootOutputs[name] == nil {
                if before != nil { outputChanges.append(OutputChange(name: name, action: .delete, before: before, after: nil, sensitive: sensitive)) }
                continue
            }
            let after = wc.store.output(.root, name) ?? .dynamicUnknown
            var action = ChangeAction.noop
            if before == nil { action = .create }
            else if !after.isWhollyKnown || !Evaluator.valuesEqual(after.unmarkedDeep, before!.unmarkedDeep) { action = .update }
            outputChanges.append(OutputChange(name: name, action: action, before: before, after: after, sensitive: sensitive))
        }
        // Concurrent walks finish in any order: report diagnostics in source order.
        let diags = Diagnostics(wc.diags.all.items.enumerated().sorted { a, b in
            let x = a.element.subject, y = b.element.subject
            switch (x, y) {
            case let (x?, y?) where x.filename != y.filename: return x.filename < y.filename
            case let (x?, y?) where x.start != y.start: return x.start < y.start
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element))
        // Sorting indices by address moves small values instead of whole changes.
        let all = changes
        let ordered = AbsResourceInstance.sortedIndices(all.map(\.addr)).map { all[$0] }
        return Plan(mode: options.mode, changes: ordered, outputChanges: outputChanges,
                    drift: drift.sorted { $0.addr < $1.addr }, priorState: refreshed,
                    baseSerial: prior.serial, baseLineage: prior.lineage, variables: wc.inputs.variables,
                    targets: options.targets, replace: options.replace, refresh: options.refresh,
                    diagnostics: diags, errored: diags.hasErrors)
    }
}
