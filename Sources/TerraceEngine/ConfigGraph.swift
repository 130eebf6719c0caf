import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceHCL

/// A node of the configuration graph: one configuration object, evaluated for every instance
/// of its module during a walk.
public enum ConfigNode: Hashable, Sendable, CustomStringConvertible {
    case variable([String], String)
    case local([String], String)
    case output([String], String)
    /// A managed resource or data source, by its module-local key (`aws_vpc.main`).
    case resource([String], String)
    /// The expansion of a module call into instances (count/for_each), in its parent module.
    case moduleCall([String], String)
    case provider([String], String)

    public var path: [String] {
        switch self {
        case .variable(let p, _), .local(let p, _), .output(let p, _), .resource(let p, _), .moduleCall(let p, _), .provider(let p, _): return p
        }
    }

    var modulePrefix: String { path.map { "module.\($0)." }.joined() }

    public var description: String {
        switch self {
        case .variable(_, let n): return modulePrefix + "var." + n
        case .local(_, let n): return modulePrefix + "local." + n
        case .output(_, let n): return modulePrefix + "output." + n
        case .resource(_, let k): return modulePrefix + k
        case .moduleCall(_, let n): return modulePrefix + "module." + n
        case .provider(_, let k): return modulePrefix + "provider[\"\(k)\"]"
        }
    }
}

/// Builds the graph of configuration objects from their references, `depends_on` and module
/// boundaries, as Terraform's graph transformers do. Each step below sits where it does
/// because later steps connect to nodes earlier steps created.
public struct ConfigGraphBuilder {
    public let config: Config
    public init(config: Config) { self.config = config }

    public func build() -> (DirectedGraph<ConfigNode>, Diagnostics) {
        var g = DirectedGraph<ConfigNode>()
        var diags = Diagnostics()
        // 1. One node per configuration object, in every module.
        for c in config.allModules {
            let m = c.module, p = c.path
            for n in m.variables.keys.sorted() { g.add(.variable(p, n)) }
            for n in m.locals.keys.sorted() { g.add(.local(p, n)) }
            for n in m.outputs.keys.sorted() { g.add(.output(p, n)) }
            for k in m.resources.keys.sorted() { g.add(.resource(p, k)) }
            for n in m.moduleCalls.keys.sorted() where c.children[n] != nil { g.add(.moduleCall(p, n)) }
            for k in m.providerConfigs.keys.sorted() { g.add(.provider(p, k)) }
        }
        // 2. Edges from references, depends_on and module boundaries. Each node is found in
        // the graph once and connected by position, not hashed again for every edge.
        for c in config.allModules {
            let m = c.module, p = c.path
            func connect(_ from: Int, _ refs: [Traversal]) {
                for r in refs {
                    for target in resolve(r, in: c) {
                        if let t = g.index(of: target) { g.connect(index: from, dependsOn: t) }
                    }
                }
            }
            func connect(_ from: Int, dependsOn to: Int?) {
                if let to { g.connect(index: from, dependsOn: to) }
            }
            // A module's objects depend on its call's expansion, and inherit its depends_on.
            let call: Int? = p.isEmpty ? nil : g.index(of: .moduleCall(Array(p.dropLast()), p.last!))
            for (n, local) in m.locals {
                let i = g.add(.local(p, n))
                connect(i, local.expr.variables)
                connect(i, dependsOn: call)
            }
            for (n, out) in m.outputs {
                let i = g.add(.output(p, n))
                connect(i, (out.expr?.variables ?? []) + out.dependsOn + out.preconditions.flatMap { $0.condition.variables })
                connect(i, dependsOn: call)
            }
            // Resources of a module share few provider configurations: each is looked up once.
            var providers: [String: Int?] = [:]
            for (k, r) in m.resources {
                let i = g.add(.resource(p, k))
                var refs = r.body.variables + r.dependsOn
                refs += r.lifecycle.replaceTriggeredBy.flatMap(\.variables)
                refs += (r.lifecycle.preconditions + r.lifecycle.postconditions).flatMap { $0.condition.variables }
                connect(i, refs.filter { $0.root != "self" })
                let pk = r.provider.key
                if providers[pk] == nil { providers[pk] = providerKey(for: r.provider, in: c).flatMap { g.index(of: $0) } }
                connect(i, dependsOn: providers[pk]!)
                connect(i, dependsOn: call)
            }
            for (k, pc) in m.providerConfigs {
                let i = g.add(.provider(p, k))
                connect(i, pc.body.variables)
                connect(i, dependsOn: call)
            }
            for (n, mc) in m.moduleCalls where c.children[n] != nil {
                let child = c.children[n]!
                let i = g.add(.moduleCall(p, n))
                var refs = mc.dependsOn
                if let e = mc.count { refs += e.variables }
                if let e = mc.forEach { refs += e.variables }
                connect(i, refs)
                connect(i, dependsOn: call)
                // Child input variables read the call's arguments in the parent.
                for attr in mc.body.attributes where child.module.variables[attr.name] != nil {
                    connect(g.add(.variable(child.path, attr.name)), attr.expr.variables)
                }
                for v in child.module.variables.keys {
                    g.connect(index: g.add(.variable(child.path, v)), dependsOn: i)
                }
                // depends_on on a module call applies to everything inside it.
                if !mc.dependsOn.isEmpty {
                    for k in child.module.resources.keys {
                        connect(g.add(.resource(child.path, k)), mc.dependsOn)
                    }
                }
            }
        }
        // Terraform names every node of each cycle in the summary: "Cycle: local.a, local.b".
        for cycle in g.cycles() {
            diags += .error("Cycle: " + cycle.map(\.description).sorted().joined(separator: ", "))
        }
        return (g, diags)
    }

    /// Graphviz shapes as Terraform draws them.
    public static func shape(_ n: ConfigNode) -> String {
        switch n {
        case .resource, .moduleCall: return "box"
        case .provider: return "diamond"
        default: return "note"
        }
    }

    /// The graph in DOT, for `terrace graph`.
    public func dot() -> (String, Diagnostics) {
        let (g, d) = build()
        return (g.dot(name: { $0.description }, shape: Self.shape), d)
    }

    /// The provider configuration node a resource uses: its own module's, or inherited.
    func providerKey(for ref: ProviderRef, in c: Config) -> ConfigNode? {
        var path = c.path
        var key = ref.key
        while true {
            if let mc = config.descendant(path), mc.module.providerConfigs[key] != nil { return .provider(path, key) }
            guard let last = path.last else { return nil }
            let parent = Array(path.dropLast())
            if let call = config.descendant(parent)?.module.moduleCalls[last], let mapped = call.providers[key] {
                key = mapped.key
            }
            path = parent
        }
    }

    /// The nodes a reference reads.
    public func resolve(_ t: Traversal, in c: Config) -> [ConfigNode] {
        let p = c.path
        let first: String? = { if case .attr(let n, _)? = t.steps.first { return n }; return nil }()
        let second: String? = { if t.steps.count > 1, case .attr(let n, _) = t.steps[1] { return n }; return nil }()
        switch t.root {
        case "var": return first.map { [.variable(p, $0)] } ?? []
        case "local": return first.map { [.local(p, $0)] } ?? []
        case "module":
            guard let name = first, let child = c.children[name] else { return [] }
            // `module.x.out`, or `module.x[0].out`: the output; `module.x`: every output.
            var outName: String?
            for step in t.steps.dropFirst() {
                if case .attr(let n, _) = step { outName = n; break }
            }
            if let o = outName, child.module.outputs[o] != nil { return [.output(child.path, o)] }
            return child.module.outputs.keys.sorted().map { .output(child.path, $0) } + [.moduleCall(p, name)]
        case "data":
            guard let type = first, let name = second else { return [] }
            return [.resource(p, "data.\(type).\(name)")]
        case "count", "each", "path", "terraform", "self": return []
        default:
            guard let name = first else { return [] }
            let key = "\(t.root).\(name)"
            return c.module.resources[key] != nil ? [.resource(p, key)] : []
        }
    }
}
