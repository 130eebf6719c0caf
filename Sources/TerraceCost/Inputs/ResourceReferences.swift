import TerraceConfig
import TerraceGraph
import TerraceHCL

/// The resource instances each attribute of a resource's configuration refers to, within the
/// same module instance. This is how "works on the configuration alone" follows a service to
/// its task definition when `task_definition` is only known after apply.
enum ResourceReferences {
    static let nonResourceRoots: Set<String> = ["var", "local", "module", "data", "count", "each", "path", "terraform", "self"]

    /// Attribute (or nested block type) name → referenced instance addresses. `known` lists every
    /// instance address of the project, so a reference without an index (`aws_eip.nat`, or one
    /// indexed by an expression) resolves to all instances of that resource.
    static func references(of addr: AbsResourceInstance, config: Config, known: Set<String>, instancesOf: [String: [String]]) -> [String: [String]] {
        guard let mc = config.descendant(addr.module.path),
              let r = mc.module.resources[addr.resource.resource.description] else { return [:] }
        let prefix = addr.module.prefix
        var out: [String: [String]] = [:]
        func add(_ attribute: String, _ traversals: [Traversal]) {
            var found: [String] = []
            for t in traversals {
                guard !nonResourceRoots.contains(t.root), case .attr(let name)? = t.steps.first.map(stepName) else { continue }
                let base = prefix + t.root + "." + name
                if t.steps.count > 1, case .index(let key, _) = t.steps[1] {
                    let exact = base + key.description
                    if known.contains(exact) { found.append(exact); continue }
                }
                found.append(contentsOf: instancesOf[base] ?? [])
            }
            if !found.isEmpty { out[attribute, default: []].append(contentsOf: found) }
        }
        for a in r.body.attributes { add(a.name, a.expr.variables) }
        for b in r.body.blocks where b.type != "lifecycle" {
            let name = b.type == "dynamic" ? (b.labels.first ?? b.type) : b.type
            add(name, b.body.variables)
        }
        return out.mapValues { Array(Set($0)).sorted() }
    }

    enum Step { case attr(String), other }

    static func stepName(_ s: TraversalStep) -> Step {
        if case .attr(let n, _) = s { return .attr(n) }
        return .other
    }

    /// Instance addresses grouped by their resource address (`module.x.aws_eip.nat` →
    /// `[module.x.aws_eip.nat[0], module.x.aws_eip.nat[1]]`).
    static func instancesByResource(_ addrs: [AbsResourceInstance]) -> [String: [String]] {
        var m: [String: [String]] = [:]
        for a in addrs { m[a.resource.description, default: []].append(a.description) }
        return m
    }
}
