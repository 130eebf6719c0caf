import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceHCL
import TerraceLang
import TerraceProviders
import TerraceState

/// Terraform's machine-readable plan and state representation (`show -json`, format 0.2), as
/// tools such as checkov read it. Unlike Terraform, values marked sensitive are written as
/// null (their presence is still marked in `*_sensitive`), so secrets never reach the output.
public struct PlanJSON {
    public var config: Config?
    public var schemas: [String: ResourceSchema]
    public var registry: ProviderRegistry?

    public init(config: Config?, schemas: [String: ResourceSchema], registry: ProviderRegistry? = nil) {
        self.config = config
        self.schemas = schemas
        self.registry = registry
    }

    // MARK: - Value helpers

    /// A value as JSON with unknowns omitted and sensitive values redacted.
    public static func known(_ v: Value?) -> JSON {
        guard let v, v.isKnown, !v.sensitive else { return .null }
        switch v.kind {
        case .list(let items, _), .set(let items, _), .tuple(let items): return .array(items.map { known($0) })
        case .map(let m, _), .object(let m):
            var out: [String: JSON] = [:]
            for (k, x) in m where x.isKnown { out[k] = known(x) }
            return .sortedObject(out)
        default: return ValueJSON.encode(v)
        }
    }

    /// Terraform's `unknownAsBool`: true where unknown, structure mirrored, false leaves dropped from objects.
    public static func unknownAsBool(_ v: Value?) -> JSON {
        guard let v, !v.isNull else { return .bool(false) }
        if !v.isKnown { return .bool(true) }
        switch v.kind {
        case .list(let items, _), .set(let items, _), .tuple(let items): return .array(items.map { unknownAsBool($0) })
        case .map(let m, _), .object(let m):
            var out: [String: JSON] = [:]
            for (k, x) in m { let b = unknownAsBool(x); if b != .bool(false) { out[k] = b } }
            return .sortedObject(out)
        default: return .bool(false)
        }
    }

    /// Terraform's `sensitiveAsBool`.
    public static func sensitiveAsBool(_ v: Value?) -> JSON {
        guard let v else { return .bool(false) }
        if v.sensitive { return .bool(true) }
        if !v.isKnown {
            // Terraform writes an empty container for an unknown collection or structure.
            switch v.type {
            case .map, .object: return .object([])
            case .list, .set, .tuple: return .array([])
            default: return .bool(false)
            }
        }
        if v.isNull { return .bool(false) }
        switch v.kind {
        case .list(let items, _), .set(let items, _), .tuple(let items): return .array(items.map { sensitiveAsBool($0) })
        case .map(let m, _), .object(let m):
            var out: [String: JSON] = [:]
            for (k, x) in m { let b = sensitiveAsBool(x); if b != .bool(false) { out[k] = b } }
            return .sortedObject(out)
        default: return .bool(false)
        }
    }

    static func providerName(_ address: String) -> String {
        guard let open = address.range(of: "provider[\""), let close = address.range(of: "\"]") else { return address }
        return String(address[open.upperBound..<close.lowerBound])
    }

    static func indexJSON(_ k: InstanceKey) -> JSON? {
        switch k {
        case .none: return nil
        case .int(let i): return .int(i)
        case .string(let s): return .string(s)
        }
    }

    func resourceJSON(_ addr: AbsResourceInstance, provider: String, value: Value?, schemaVersion: Int,
                      dependencies: [String] = [], tainted: Bool = false) -> JSON {
        let r = addr.resource.resource
        var m: [(String, JSON)] = [("address", .string(addr.description)), ("mode", .string(r.mode.rawValue)),
                                   ("type", .string(r.type)), ("name", .string(r.name))]
        if let i = Self.indexJSON(addr.key) { m.append(("index", i)) }
        m.append(("provider_name", .string(Self.providerName(provider))))
        m.append(("schema_version", .int(schemaVersion)))
        let values = Self.known(value)
        if values != .null && values != .object([]) { m.append(("values", values)) }
        m.append(("sensitive_values", Self.sensitiveAsBool(value).objectValue.map { .object($0) } ?? .object([])))
        if !dependencies.isEmpty { m.append(("depends_on", .array(dependencies.sorted().map { .string($0) }))) }
        if tainted { m.append(("tainted", .bool(true))) }
        return .object(m)
    }

    /// `root_module` with `resources` and nested `child_modules`, grouped by module instance.
    func moduleTree(_ items: [(AbsResourceInstance, JSON)]) -> JSON {
        var byModule: [ModuleInstance: [JSON]] = [:]
        for (a, j) in items { byModule[a.module, default: []].append(j) }
        func build(_ mi: ModuleInstance) -> [(String, JSON)] {
            var m: [(String, JSON)] = []
            if let rs = byModule[mi], !rs.isEmpty { m.append(("resources", .array(rs))) }
            let children = Set(byModule.keys.filter { $0.steps.count > mi.steps.count && Array($0.steps.prefix(mi.steps.count)) == mi.steps }
                .map { ModuleInstance(Array($0.steps.prefix(mi.steps.count + 1))) }).sorted()
            if !children.isEmpty {
                m.append(("child_modules", .array(children.map { c in .object(build(c) + [("address", .string(c.description))]) })))
            }
            return m
        }
        return .object(build(.root))
    }

    // MARK: - State

    /// `values` of a state: outputs and the module tree.
    public func stateValues(_ state: State) -> JSON {
        var outputs: [String: JSON] = [:]
        for (name, o) in state.outputs {
            var m: [(String, JSON)] = [("sensitive", .bool(o.sensitive))]
            if !o.sensitive { m.append(("value", o.value)) }
            outputs[name] = .object(m)
        }
        var items: [(AbsResourceInstance, JSON)] = []
        for addr in state.instanceAddresses {
            guard let obj = state.instance(addr), let rs = state.resources[addr.resource] else { continue }
            let value = schemas[addr.resource.resource.type].map { StateCodec.decode(obj, schema: $0) }
                ?? (try? ValueJSON.decode(obj.attributes, as: .dynamic))
            items.append((addr, resourceJSON(addr, provider: rs.provider, value: value, schemaVersion: obj.schemaVersion,
                                             dependencies: obj.dependencies, tainted: obj.tainted)))
        }
        var m: [(String, JSON)] = []
        if !outputs.isEmpty { m.append(("outputs", .sortedObject(outputs))) }
        m.append(("root_module", moduleTree(items)))
        return .object(m)
    }

    public func state(_ state: State) -> JSON {
        .object([("format_version", .string("0.2")), ("terraform_version", .string(state.terraformVersion)),
                 ("values", stateValues(state))])
    }

    // MARK: - Plan

    public func plan(_ p: Plan) -> JSON {
        var top: [(String, JSON)] = [("format_version", .string("0.2")), ("terraform_version", .string(TerraceVersion.terraformCompatible))]
        if !p.variables.isEmpty {
            top.append(("variables", .sortedObject(p.variables.mapValues { .object([("value", Self.known($0))]) })))
        }
        // Planned values: everything that will exist after apply.
        var planned: [(AbsResourceInstance, JSON)] = []
        let changed = Dictionary(p.changes.map { ($0.addr, $0) }, uniquingKeysWith: { a, _ in a })
        for c in p.changes where c.action != .delete {
            planned.append((c.addr, resourceJSON(c.addr, provider: c.providerAddress, value: c.after, schemaVersion: schemas[c.type]?.version ?? 0)))
        }
        // Data sources read while planning have no change, and Terraform 1.0 lists them only in
        // the prior state.
        for addr in p.priorState.instanceAddresses where changed[addr] == nil && p.mode != .destroy && addr.resource.resource.mode == .managed {
            guard let obj = p.priorState.instance(addr), let rs = p.priorState.resources[addr.resource] else { continue }
            let value = schemas[addr.resource.resource.type].map { StateCodec.decode(obj, schema: $0) }
            planned.append((addr, resourceJSON(addr, provider: rs.provider, value: value, schemaVersion: obj.schemaVersion)))
        }
        planned.sort { $0.0 < $1.0 }
        var plannedOutputs: [String: JSON] = [:]
        for o in p.outputChanges where o.action != .delete {
            var m: [(String, JSON)] = [("sensitive", .bool(o.sensitive))]
            if let a = o.after, a.isWhollyKnown, !o.sensitive { m.append(("value", Self.known(a))) }
            plannedOutputs[o.name] = .object(m)
        }
        var pv: [(String, JSON)] = []
        if !plannedOutputs.isEmpty { pv.append(("outputs", .sortedObject(plannedOutputs))) }
        pv.append(("root_module", moduleTree(planned)))
        top.append(("planned_values", .object(pv)))
        if !p.drift.isEmpty {
            top.append(("resource_drift", .array(p.drift.map { d in
                changeJSON(d.addr, provider: p.priorState.resources[d.addr.resource]?.provider ?? "",
                           actions: d.after == nil ? ["delete"] : ["update"], before: d.before, after: d.after, replace: [], reason: nil)
            })))
        }
        top.append(("resource_changes", .array(p.changes.map { c in
            var j = changeJSON(c.addr, provider: c.providerAddress, actions: c.action.jsonActions, before: c.before, after: c.after,
                               replace: c.requiresReplace, reason: c.reason)
            if let d = c.deposedKey { j = j.setting("deposed", .string(d)) }
            return j
        })))
        var outs: [String: JSON] = [:]
        for o in p.outputChanges {
            var m: [(String, JSON)] = [("actions", .array(o.action.jsonActions.map { .string($0) })),
                                       ("before", o.sensitive ? .null : Self.known(o.before))]
            let a = o.after
            if o.action == .delete { m.append(("after", .null)) }
            else if let a, a.isWhollyKnown { m.append(("after", o.sensitive ? .null : Self.known(a))) }
            m.append(("after_unknown", .bool(!(a?.isWhollyKnown ?? true))))
            m.append(("before_sensitive", .bool(o.sensitive)))
            m.append(("after_sensitive", .bool(o.sensitive)))
            outs[o.name] = .object(m)
        }
        if !outs.isEmpty { top.append(("output_changes", .sortedObject(outs))) }
        // Like Terraform, the prior state carries the output values already known at plan time.
        var prior = p.priorState
        for o in p.outputChanges where o.action != .delete {
            guard let a = o.after, a.isWhollyKnown, !a.isNull else { continue }
            prior.outputs[o.name] = OutputState(value: ValueJSON.encode(a.unmarkedDeep), type: ValueJSON.encodeType(a.type), sensitive: o.sensitive)
        }
        top.append(("prior_state", state(prior)))
        if let config { top.append(("configuration", configuration(config))) }
        return .object(top)
    }

    func changeJSON(_ addr: AbsResourceInstance, provider: String, actions: [String], before: Value?, after: Value?,
                    replace: [AttributePath], reason: ActionReason?) -> JSON {
        let r = addr.resource.resource
        var m: [(String, JSON)] = [("address", .string(addr.description))]
        if !addr.module.isRoot { m.append(("module_address", .string(addr.module.description))) }
        m += [("mode", .string(r.mode.rawValue)), ("type", .string(r.type)), ("name", .string(r.name))]
        if let i = Self.indexJSON(addr.key) { m.append(("index", i)) }
        m.append(("provider_name", .string(Self.providerName(provider))))
        var change: [(String, JSON)] = [("actions", .array(actions.map { .string($0) })),
                                        ("before", Self.known(before)), ("after", Self.known(after)),
                                        ("after_unknown", after == nil ? .object([]) : Self.unknownAsBool(after)),
                                        ("before_sensitive", Self.sensitiveAsBool(before)),
                                        ("after_sensitive", Self.sensitiveAsBool(after))]
        if !replace.isEmpty { change.append(("replace_paths", .array(replace.map { .array($0.map { .string($0) }) }))) }
        m.append(("change", .object(change)))
        // Terraform 1.0.3 gives reasons for replacements and deletions only, never for reads.
        if let reason, reason != .readBecauseConfigUnknown, reason != .readBecauseDependencyPending {
            m.append(("action_reason", .string(reason.rawValue)))
        }
        return .object(m)
    }

    // MARK: - Configuration

    static func expressionJSON(_ e: Expr) -> JSON {
        let refs = e.variables
        if refs.isEmpty {
            // As Terraform does, only expressions that evaluate with no variables and no
            // functions are constants.
            let (v, d) = Evaluator.evaluate(e, in: EvalContext())
            if !d.hasErrors, v.isWhollyKnown { return .object([("constant_value", known(v))]) }
            return .object([])
        }
        return .object([("references", .array(refs.flatMap(referenceStrings).map { .string($0) }))])
    }

    /// What Terraform 1.0.3's `jsonconfig` lists for one reference: the referenced address with
    /// the rest of the traversal, then each shorter prefix down to the address itself, then, for
    /// an instance (`a.b[0]`, `module.m[0]`) or a module output, the address it belongs to. No
    /// duplicates are removed, as in Terraform.
    static func referenceStrings(_ t: Traversal) -> [String] {
        let steps = t.steps
        var subjectLength: Int
        var parent: Int?   // how many steps the enclosing address has, if it is listed too
        func isIndex(_ i: Int) -> Bool {
            guard i < steps.count, case .index = steps[i] else { return false }
            return true
        }
        func isAttr(_ i: Int) -> Bool {
            guard i < steps.count, case .attr = steps[i] else { return false }
            return true
        }
        switch t.root {
        case "module":
            subjectLength = min(1, steps.count)
            if isIndex(1) {
                subjectLength = 2
                parent = 1
            }
            if isAttr(subjectLength) {
                parent = subjectLength
                subjectLength += 1
            }
        case "data":
            subjectLength = min(2, steps.count)
            if isIndex(2) { subjectLength = 3; parent = 2 }
        case "var", "local", "count", "each", "path", "terraform":
            subjectLength = min(1, steps.count)
        case "self":
            subjectLength = 0
        default:
            subjectLength = min(1, steps.count)
            if isIndex(1) { subjectLength = 2; parent = 1 }
        }
        func text(_ n: Int) -> String { Traversal(root: t.root, rootRange: t.rootRange, steps: Array(steps.prefix(n))).description }
        var out: [String] = []
        var n = steps.count
        while n > subjectLength {
            out.append(text(n))
            n -= 1
        }
        out.append(text(subjectLength))
        if let parent { out.append(text(parent)) }
        return out
    }

    /// The expressions of a body; an attribute its schema declares sensitive (a password, a
    /// provider's secret key) shows its references but never its constant value.
    static func bodyExpressions(_ b: Body, skip: Set<String>, schema: SchemaBlock? = nil) -> JSON {
        var m: [String: JSON] = [:]
        for a in b.attributes where !skip.contains(a.name) {
            let e = expressionJSON(a.expr)
            m[a.name] = schema?.attributes[a.name]?.sensitive == true && e["constant_value"] != nil ? .object([]) : e
        }
        var blocks: [String: [JSON]] = [:]
        for blk in b.blocks where !skip.contains(blk.type) && blk.type != "dynamic" {
            blocks[blk.type, default: []].append(bodyExpressions(blk.body, skip: [], schema: schema?.blockTypes[blk.type]?.block))
        }
        for (k, v) in blocks { m[k] = .array(v) }
        return .sortedObject(m)
    }

    func moduleConfig(_ c: Config) -> JSON {
        var m: [(String, JSON)] = []
        let mod = c.module
        if !mod.outputs.isEmpty {
            var outs: [String: JSON] = [:]
            for (n, o) in mod.outputs {
                var om: [(String, JSON)] = []
                if o.sensitive { om.append(("sensitive", .bool(true))) }
                if let e = o.expr { om.append(("expression", Self.expressionJSON(e))) }
                if let d = o.description { om.append(("description", .string(d))) }
                outs[n] = .object(om)
            }
            m.append(("outputs", .sortedObject(outs)))
        }
        // As Terraform: managed resources by address, then data resources by address.
        let resources = mod.resources.values.sorted { ($0.mode != .managed ? 1 : 0, $0.key) < ($1.mode != .managed ? 1 : 0, $1.key) }
        if !resources.isEmpty {
            m.append(("resources", .array(resources.map { r in
                var rm: [(String, JSON)] = [("address", .string(r.key)), ("mode", .string(r.mode.rawValue)),
                                            ("type", .string(r.type)), ("name", .string(r.name)),
                                            ("provider_config_key", .string((c.path.isEmpty ? "" : c.path.joined(separator: ":") + ":") + r.provider.key))]
                let expressions = Self.bodyExpressions(r.body, skip: BodyDecoder.metaArguments, schema: schemas[r.type]?.block)
                if expressions != .object([]) { rm.append(("expressions", expressions)) }
                rm.append(("schema_version", .int(schemas[r.type]?.version ?? 0)))
                if let e = r.count, Self.expressionJSON(e) != .object([]) { rm.append(("count_expression", Self.expressionJSON(e))) }
                if let e = r.forEach, Self.expressionJSON(e) != .object([]) { rm.append(("for_each_expression", Self.expressionJSON(e))) }
                if !r.dependsOn.isEmpty { rm.append(("depends_on", .array(r.dependsOn.map { .string($0.description) }))) }
                return .object(rm)
            })))
        }
        if !mod.moduleCalls.isEmpty {
            var calls: [String: JSON] = [:]
            for (n, call) in mod.moduleCalls {
                // Terraform's `jsonconfig.moduleCall`, whose empty fields are omitted. The child's
                // sensitive variables are the call's sensitive arguments.
                let inputs = c.children[n].map { child in
                    SchemaBlock(attributes: child.module.variables.mapValues { SchemaAttribute.optional(.dynamic, sensitive: $0.sensitive) })
                }
                var cm: [(String, JSON)] = [("source", .string(call.source))]
                let expressions = Self.bodyExpressions(call.body, skip: ["source", "count", "for_each", "providers", "depends_on", "version"], schema: inputs)
                if expressions != .object([]) { cm.append(("expressions", expressions)) }
                if let e = call.count { cm.append(("count_expression", Self.expressionJSON(e))) }
                if let e = call.forEach { cm.append(("for_each_expression", Self.expressionJSON(e))) }
                if let child = c.children[n] { cm.append(("module", moduleConfig(child))) }
                if let v = call.version { cm.append(("version_constraint", .string(v))) }
                if !call.dependsOn.isEmpty { cm.append(("depends_on", .array(call.dependsOn.map { .string($0.description) }))) }
                calls[n] = .object(cm)
            }
            m.append(("module_calls", .sortedObject(calls)))
        }
        if !mod.variables.isEmpty {
            var vars: [String: JSON] = [:]
            for (n, v) in mod.variables {
                var vm: [(String, JSON)] = []
                if let d = v.defaultValue { vm.append(("default", v.sensitive ? .null : Self.known(d))) }
                if let d = v.description { vm.append(("description", .string(d))) }
                if v.sensitive { vm.append(("sensitive", .bool(true))) }
                vars[n] = .object(vm)
            }
            m.append(("variables", .sortedObject(vars)))
        }
        return .object(m)
    }

    public func configuration(_ c: Config) -> JSON {
        var top: [(String, JSON)] = []
        var providers: [String: JSON] = [:]
        for (k, p) in c.module.providerConfigs {
            var pm: [(String, JSON)] = [("name", .string(p.name))]
            if let a = p.alias { pm.append(("alias", .string(a))) }
            pm.append(("expressions", Self.bodyExpressions(p.body, skip: ["alias"], schema: registry?[p.name]?.make().schema.provider)))
            providers[k] = .object(pm)
        }
        if !providers.isEmpty { top.append(("provider_config", .sortedObject(providers))) }
        top.append(("root_module", moduleConfig(c)))
        return .object(top)
    }
}
