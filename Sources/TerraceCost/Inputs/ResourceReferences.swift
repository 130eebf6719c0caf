import TerraceConfig
import TerraceGraph
import TerraceHCL

/// The resource instances each attribute of a resource's configuration refers to. This is how
/// "works on the configuration alone" follows a service to its task definition, or a load
/// balancer to its subnets, when the attribute itself is only known after apply. References
/// are followed through locals, module input variables and module outputs, so
/// `subnets = var.public_subnet_ids` in a module finds the subnets of the VPC module; an index
/// of `each.key` or `count.index` picks the instance with the referring instance's own key.
final class ResourceReferences {
    let config: Config
    /// Instance addresses by resource (`module.x.aws_eip.nat` → its instances).
    let instancesByResource: [AbsResource: [AbsResourceInstance]]
    /// Module instances by their parent and call name.
    let moduleChildren: [ModuleInstance: [String: [ModuleInstance]]]
    /// Variables, locals and module outputs already resolved (many resources read the same
    /// ones), keyed by what was read, where, and the instance key `each`/`count` stand for.
    private var memo: [MemoKey: Set<AbsResourceInstance>] = [:]
    static let maxDepth = 16

    struct MemoKey: Hashable {
        var root: String
        var name: String
        var module: ModuleInstance
        var key: InstanceKey
        var index: InstanceKey?
        var rest: [String]
    }

    init(config: Config, instances: [AbsResourceInstance]) {
        self.config = config
        var byResource: [AbsResource: [AbsResourceInstance]] = [:]
        var children: [ModuleInstance: [String: Set<ModuleInstance>]] = [:]
        for a in instances {
            byResource[a.resource, default: []].append(a)
            var mi = a.module
            while let parent = mi.parent, let last = mi.steps.last {
                children[parent, default: [:]][last.name, default: []].insert(mi)
                mi = parent
            }
        }
        instancesByResource = byResource.mapValues { $0.sorted() }
        moduleChildren = children.mapValues { $0.mapValues { $0.sorted() } }
    }

    /// Attribute (or nested block type) name → referenced instance addresses, sorted.
    func references(of addr: AbsResourceInstance) -> [String: [String]] {
        guard let r = config.descendant(addr.module.path)?.module.resources[addr.resource.resource.description] else { return [:] }
        var out: [String: Set<AbsResourceInstance>] = [:]
        for a in r.body.attributes {
            out[a.name, default: []].formUnion(resolve(a.expr, in: addr.module, key: addr.key, depth: 0))
        }
        for b in r.body.blocks where b.type != "lifecycle" {
            let name = b.type == "dynamic" ? (b.labels.first ?? b.type) : b.type
            out[name, default: []].formUnion(resolve(b.body, in: addr.module, key: addr.key, depth: 0))
        }
        return out.filter { !$0.value.isEmpty }.mapValues { $0.sorted().map(\.description) }
    }

    func resolve(_ body: Body, in mi: ModuleInstance, key: InstanceKey, depth: Int) -> Set<AbsResourceInstance> {
        var s = Set<AbsResourceInstance>()
        for a in body.attributes { s.formUnion(resolve(a.expr, in: mi, key: key, depth: depth)) }
        for b in body.blocks { s.formUnion(resolve(b.body, in: mi, key: key, depth: depth)) }
        return s
    }

    func resolve(_ e: Expr, in mi: ModuleInstance, key: InstanceKey, depth: Int) -> Set<AbsResourceInstance> {
        guard depth < Self.maxDepth else { return [] }
        func r(_ x: Expr) -> Set<AbsResourceInstance> { resolve(x, in: mi, key: key, depth: depth) }
        switch e.kind {
        case .literal, .splatItem, .invalid: return []
        case .traversal(let t): return traversal(t, index: nil, in: mi, key: key, depth: depth)
        case .index(let c, let k):
            if let t = c.asTraversal, t.steps.count == 1 {
                return traversal(t, index: Self.staticKey(k, key), in: mi, key: key, depth: depth).union(r(k))
            }
            return r(c).union(r(k))
        case .relativeTraversal(let x, _), .templateWrap(let x), .parens(let x), .unary(_, let x): return r(x)
        case .splat(let s, _): return r(s)
        case .template(let parts): return parts.reduce(into: Set()) { $0.formUnion(template($1, mi, key, depth)) }
        case .call(_, _, let args, _): return args.reduce(into: Set()) { $0.formUnion(r($1)) }
        case .tuple(let items): return items.reduce(into: Set()) { $0.formUnion(r($1)) }
        case .object(let items): return items.reduce(into: Set()) { $0.formUnion(r($1.value)) }
        case .forExpr(let f): return r(f.collection).union(r(f.valueExpr))
        case .conditional(let c, let t, let f): return r(c).union(r(t)).union(r(f))
        case .binary(_, let a, let b): return r(a).union(r(b))
        }
    }

    func template(_ p: TemplatePart, _ mi: ModuleInstance, _ key: InstanceKey, _ depth: Int) -> Set<AbsResourceInstance> {
        switch p {
        case .literal: return []
        case .interpolation(let e): return resolve(e, in: mi, key: key, depth: depth)
        case .ifDirective(let c, let t, let e, _):
            return resolve(c, in: mi, key: key, depth: depth)
                .union(t.reduce(into: Set()) { $0.formUnion(template($1, mi, key, depth)) })
                .union((e ?? []).reduce(into: Set()) { $0.formUnion(template($1, mi, key, depth)) })
        case .forDirective(_, _, let coll, let body, _):
            return resolve(coll, in: mi, key: key, depth: depth).union(body.reduce(into: Set()) { $0.formUnion(template($1, mi, key, depth)) })
        }
    }

    /// A statically known index: a literal, or `each.key` / `count.index` of the referring instance.
    static func staticKey(_ k: Expr, _ key: InstanceKey) -> InstanceKey? {
        switch k.kind {
        case .literal(.string(let s)): return .string(s)
        case .literal(.number(let n)): return Int(n).map(InstanceKey.int)
        case .templateWrap(let x), .parens(let x): return staticKey(x, key)
        case .template(let parts):
            if parts.count == 1, case .literal(let s, _) = parts[0] { return .string(s) }
            return nil
        default:
            guard let t = k.asTraversal, t.steps.count == 1, case .attr(let a, _) = t.steps[0] else { return nil }
            if t.root == "each" && a == "key", case .string = key { return key }
            if t.root == "count" && a == "index", case .int = key { return key }
            return nil
        }
    }

    static func key(_ l: LiteralKey) -> InstanceKey {
        switch l {
        case .number(let n): return Int(n).map(InstanceKey.int) ?? .string(n)
        case .string(let s): return .string(s)
        }
    }

    func traversal(_ t: Traversal, index: InstanceKey?, in mi: ModuleInstance, key: InstanceKey, depth: Int) -> Set<AbsResourceInstance> {
        guard case .attr(let name, _)? = t.steps.first else { return [] }
        guard ["var", "local", "module"].contains(t.root) else { return uncached(t, name, index: index, in: mi, key: key, depth: depth) }
        let rest = t.steps.dropFirst().map { step -> String in
            switch step {
            case .attr(let a, _): return a
            case .index(let k, _): return k.description
            }
        }
        let mk = MemoKey(root: t.root, name: name, module: mi, key: key, index: index, rest: rest)
        if let hit = memo[mk] { return hit }
        let r = uncached(t, name, index: index, in: mi, key: key, depth: depth)
        memo[mk] = r
        return r
    }

    func uncached(_ t: Traversal, _ name: String, index: InstanceKey?, in mi: ModuleInstance, key: InstanceKey, depth: Int) -> Set<AbsResourceInstance> {
        let mc = config.descendant(mi.path)?.module
        switch t.root {
        case "each", "count", "data", "path", "terraform", "self":
            return []
        case "var":
            // The module call's argument, evaluated where the call is.
            guard let parent = mi.parent, let step = mi.steps.last,
                  let call = config.descendant(parent.path)?.module.moduleCalls[step.name],
                  let arg = call.body.attribute(name) else { return [] }
            return resolve(arg.expr, in: parent, key: step.key, depth: depth + 1)
        case "local":
            guard let l = mc?.locals[name] else { return [] }
            return resolve(l.expr, in: mi, key: key, depth: depth + 1)
        case "module":
            var children = moduleChildren[mi]?[name] ?? []
            var rest = Array(t.steps.dropFirst())
            if case .index(let lk, _)? = rest.first {
                children = children.filter { $0.steps.last?.key == Self.key(lk) }
                rest.removeFirst()
            } else if let index {
                children = children.filter { $0.steps.last?.key == index }
            }
            guard case .attr(let output, _)? = rest.first else {
                // The whole module object: every resource it holds is too broad; nothing.
                return []
            }
            var s = Set<AbsResourceInstance>()
            for child in children {
                if let expr = config.descendant(child.path)?.module.outputs[output]?.expr {
                    s.formUnion(resolve(expr, in: child, key: key, depth: depth + 1))
                }
            }
            return s
        default:
            let res = AbsResource(mi, ResourceAddr(.managed, t.root, name))
            let all = instancesByResource[res] ?? []
            var pick = index
            if t.steps.count > 1, case .index(let lk, _) = t.steps[1] { pick = Self.key(lk) }
            if let pick { return Set(all.filter { $0.key == pick }) }
            return Set(all)
        }
    }
}
