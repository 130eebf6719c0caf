import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// The root module as `terrace console` sees it, like Terraform's `ctx.Eval`: every variable,
/// local, module call and output evaluated in dependency order (with the same graph and walk as
/// a plan), resources read from the state instead of planned. Variables without a value are
/// unknown, as Terraform's console makes them.
public enum ConsoleScope {
    /// The scope to evaluate console expressions in, and the problems found on the way (which
    /// do not stop the console, as in Terraform).
    public static func build(inputs: EngineInputs, state: State) async -> (ModuleScope, Diagnostics) {
        var inputs = inputs
        let root = inputs.config.module
        for (name, decl) in root.variables where inputs.variables[name] == nil && decl.defaultValue == nil {
            let unknown = Value.unknown(decl.type.type)
            inputs.variables[name] = decl.sensitive ? unknown.marked() : unknown
        }
        let wc = WalkContext(inputs: inputs)
        let (graph, graphDiags) = ConfigGraphBuilder(config: inputs.config).build()
        var diags = graphDiags
        if !graphDiags.hasErrors {
            _ = await GraphWalker.walk(graph, key: \.description) { node in
                switch node {
                case .variable(let p, let n): return wc.visitVariable(p, n)
                case .local(let p, let n): return wc.visitLocal(p, n)
                case .moduleCall(let p, let n): return wc.visitModuleCall(p, n)
                case .output(let p, let n): return wc.visitOutput(p, n)
                case .provider: return true
                case .resource(let p, let k): return readResource(wc, state, p, k)
                }
            }
            diags += wc.diags.all
        }
        return (scope(wc, inputs: inputs, state: state), diags)
    }

    /// Puts a resource's instances from the state into the store, as expressions see them.
    static func readResource(_ wc: WalkContext, _ state: State, _ path: [String], _ key: String) -> Bool {
        guard let r = wc.config(path).module.resources[key] else { return true }
        let schema = resourceSchema(wc, r, path)
        for mi in wc.store.instances(of: path) {
            let res = AbsResource(mi, ResourceAddr(r.mode, r.type, r.name))
            // A resource the state does not have is wholly unknown, as in Terraform's console.
            guard let saved = state.resources[res] else {
                wc.store.setResource(mi, key, .single(.dynamicUnknown))
                continue
            }
            var values: [InstanceKey: Value] = [:]
            for (k, obj) in saved.instances {
                values[k] = schema.map { StateCodec.decode(obj, schema: $0) }
                    ?? ((try? ValueJSON.decode(obj.attributes, as: .dynamic)) ?? .dynamicUnknown)
            }
            let mode: EachMode = r.count != nil ? .list : r.forEach != nil ? .map : saved.eachMode
            switch mode {
            case .none:
                wc.store.setResource(mi, key, .single(values[.none] ?? .unknown(schema?.block.impliedType ?? .dynamic)))
            case .list:
                let n = (values.keys.compactMap { if case .int(let i) = $0 { return i }; return nil }.max() ?? -1) + 1
                wc.store.setResource(mi, key, .list((0..<n).map { values[.int($0)] ?? .dynamicUnknown }))
            case .map:
                var m: [String: Value] = [:]
                for (k, v) in values { if case .string(let s) = k { m[s] = v } }
                wc.store.setResource(mi, key, .map(m))
            }
        }
        return true
    }

    static func resourceSchema(_ wc: WalkContext, _ r: Resource, _ path: [String]) -> ResourceSchema? {
        guard let provider = wc.providers.resolve(r.provider, in: path) else { return nil }
        let schemas = r.mode == .managed ? provider.provider.schema.resources : provider.provider.schema.dataSources
        return schemas[r.type]
    }

    /// The root module's names and values as a `ModuleScope`.
    static func scope(_ wc: WalkContext, inputs: EngineInputs, state: State) -> ModuleScope {
        let module = inputs.config.module
        var variables: [String: Value] = [:]
        let stored = wc.store.variables(.root)
        for name in module.variables.keys { variables[name] = stored[name] ?? inputs.variables[name] ?? .dynamicUnknown }
        var locals: [String: Value] = [:]
        for name in module.locals.keys { locals[name] = wc.store.local(.root, name) ?? .dynamicUnknown }
        var managed: [String: [String: ModuleScope.Resource]] = [:]
        var data: [String: [String: ModuleScope.Resource]] = [:]
        for (key, r) in module.resources {
            let schema = resourceSchema(wc, r, [])
            var names: Set<String>?
            if let block = schema?.block { names = Set(block.attributes.keys).union(block.blockTypes.keys) }
            let value = wc.store.resource(.root, key)?.value ?? .dynamicUnknown
            let decl = ModuleScope.Resource(hasCount: r.count != nil, hasForEach: r.forEach != nil, schemaNames: names, value: value)
            if r.mode == .managed { managed[r.type, default: [:]][r.name] = decl } else { data[r.type, default: [:]][r.name] = decl }
        }
        let baseScope = wc.scope(.root)
        var modules: [String: Value] = [:]
        for name in module.moduleCalls.keys where inputs.config.children[name] != nil {
            modules[name] = baseScope.moduleValue(name)
        }
        let cwd = FileManager.default.currentDirectoryPath
        func display(_ dir: String) -> String {
            let d = (dir as NSString).standardizingPath, r = (inputs.rootDir as NSString).standardizingPath
            if d == r { return "." }
            return d.hasPrefix(r + "/") ? String(d.dropFirst(r.count + 1)) : d
        }
        return ModuleScope(variables: variables, locals: locals, resources: managed, dataResources: data, modules: modules,
                           functions: wc.functions([]),
                           path: ["module": display(module.dir), "root": display(inputs.rootDir), "cwd": cwd],
                           workspace: inputs.workspace)
    }
}
