import TerraceBasics
import TerraceConfig
import TerraceHCL
import TerraceLang
import TerraceProviders

/// Schemas for resource types a provider does not know, read from the configuration itself:
/// every argument and nested block the configuration writes (as optional values of any type)
/// and every attribute it reads from such a resource (as computed, unknown until apply). With
/// them `terrace cost` prices a configuration whatever the simulated cloud carries — as
/// Infracost's HCL mode prices from configuration without provider schemas. Planning, not
/// applying: nothing else uses these schemas.
enum ConfigurationSchemas {
    /// Schemas for the managed resource types of provider `provider` missing from `known`.
    static func synthesize(config: Config, provider: String, known: Set<String>) -> [String: ResourceSchema] {
        var blocks: [String: SchemaBlock] = [:]
        for mc in config.allModules {
            for r in mc.module.resources.values where r.mode == .managed && r.provider.name == provider && !known.contains(r.type) {
                blocks[r.type] = merge(blocks[r.type] ?? SchemaBlock(), block(from: r.body, top: true))
            }
        }
        guard !blocks.isEmpty else { return [:] }
        let read = readAttributes(config, types: Set(blocks.keys))
        var out: [String: ResourceSchema] = [:]
        for (type, var b) in blocks {
            for attr in read[type] ?? [] where b.blockTypes[attr] == nil {
                b.attributes[attr] = b.attributes[attr] == nil ? .computed(.dynamic) : .optionalComputed(.dynamic)
            }
            if b.attributes["id"] == nil { b.attributes["id"] = .computed(.dynamic) }
            out[type] = ResourceSchema(b)
        }
        return out
    }

    static func block(from body: Body, top: Bool) -> SchemaBlock {
        var b = SchemaBlock()
        for a in body.attributes where !(top && BodyDecoder.metaArguments.contains(a.name)) {
            b.attributes[a.name] = .optional(.dynamic)
        }
        for nested in body.blocks where !(top && BodyDecoder.metaArguments.contains(nested.type)) {
            if nested.type == "dynamic", let name = nested.labels.first {
                let content = nested.body.blocks(ofType: "content").first?.body ?? nested.body
                b.blockTypes[name] = NestedBlock(.list, merge(b.blockTypes[name]?.block ?? SchemaBlock(), block(from: content, top: false)))
            } else {
                b.blockTypes[nested.type] = NestedBlock(.list, merge(b.blockTypes[nested.type]?.block ?? SchemaBlock(), block(from: nested.body, top: false)))
            }
        }
        return b
    }

    static func merge(_ a: SchemaBlock, _ b: SchemaBlock) -> SchemaBlock {
        var m = a
        for (k, v) in b.attributes where m.attributes[k] == nil { m.attributes[k] = v }
        for (k, v) in b.blockTypes {
            if let existing = m.blockTypes[k] { m.blockTypes[k] = NestedBlock(.list, merge(existing.block, v.block)) } else { m.blockTypes[k] = v }
        }
        return m
    }

    // MARK: Attributes read from resources of the synthesized types

    static func readAttributes(_ config: Config, types: Set<String>) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        func visit(_ e: Expr) {
            Walk.each(e) { x in
                if let (type, attr) = access(x, types), let attr { out[type, default: []].insert(attr) }
            }
        }
        func visit(_ body: Body) {
            for a in body.attributes { visit(a.expr) }
            for b in body.blocks { visit(b.body) }
        }
        for mc in config.allModules {
            let m = mc.module
            for r in m.resources.values { visit(r.body); r.count.map(visit); r.forEach.map(visit) }
            for l in m.locals.values { visit(l.expr) }
            for o in m.outputs.values { o.expr.map(visit) }
            for c in m.moduleCalls.values { visit(c.body); c.count.map(visit); c.forEach.map(visit) }
            for p in m.providerConfigs.values { visit(p.body) }
        }
        return out
    }

    /// If `e` reads an attribute of a resource of one of `types` (`t.n.attr`, `t.n[k].attr`,
    /// `t.n[*].attr`, `t.n[expr].attr`), that type and attribute.
    static func access(_ e: Expr, _ types: Set<String>) -> (String, String?)? {
        switch e.kind {
        case .traversal(let t):
            guard types.contains(t.root), t.steps.count >= 2 else { return nil }
            var rest = t.steps.dropFirst()
            if case .index? = rest.first { rest = rest.dropFirst() }
            if case .attr(let a, _)? = rest.first { return (t.root, a) }
            return nil
        case .relativeTraversal(let base, let steps):
            guard let type = resourceType(base, types) else { return nil }
            var rest = steps[...]
            if case .index? = rest.first { rest = rest.dropFirst() }
            if case .attr(let a, _)? = rest.first { return (type, a) }
            return nil
        case .splat(let source, let each):
            guard let type = resourceType(source, types) else { return nil }
            var attr: String?
            Walk.each(each) { x in
                if attr == nil, case .relativeTraversal(let b, let steps) = x.kind, case .splatItem = b.kind,
                   case .attr(let a, _)? = steps.first { attr = a }
            }
            return (type, attr)
        default:
            return nil
        }
    }

    /// The type when `e` is a resource itself (`t.n`, `t.n[k]`, `t.n[expr]`), not an attribute of it.
    static func resourceType(_ e: Expr, _ types: Set<String>) -> String? {
        switch e.kind {
        case .traversal(let t):
            guard types.contains(t.root) else { return nil }
            if t.steps.count == 1 { return t.root }
            if t.steps.count == 2, case .index = t.steps[1] { return t.root }
            return nil
        case .index(let c, _): return resourceType(c, types)
        case .parens(let x): return resourceType(x, types)
        default: return nil
        }
    }
}

/// Visits an expression and every expression inside it.
enum Walk {
    static func each(_ e: Expr, _ f: (Expr) -> Void) {
        f(e)
        switch e.kind {
        case .literal, .splatItem, .invalid, .traversal: break
        case .template(let parts): for p in parts { part(p, f) }
        case .templateWrap(let x), .parens(let x), .unary(_, let x), .relativeTraversal(let x, _): each(x, f)
        case .call(_, _, let args, _): for a in args { each(a, f) }
        case .tuple(let items): for i in items { each(i, f) }
        case .object(let items): for i in items { each(i.key, f); each(i.value, f) }
        case .index(let c, let k): each(c, f); each(k, f)
        case .splat(let s, let x): each(s, f); each(x, f)
        case .forExpr(let fe):
            each(fe.collection, f); fe.keyExpr.map { each($0, f) }; each(fe.valueExpr, f); fe.condition.map { each($0, f) }
        case .conditional(let c, let t, let x): each(c, f); each(t, f); each(x, f)
        case .binary(_, let a, let b): each(a, f); each(b, f)
        }
    }

    static func part(_ p: TemplatePart, _ f: (Expr) -> Void) {
        switch p {
        case .literal: break
        case .interpolation(let e): each(e, f)
        case .ifDirective(let c, let t, let x, _): each(c, f); for q in t { part(q, f) }; for q in x ?? [] { part(q, f) }
        case .forDirective(_, _, let coll, let body, _): each(coll, f); for q in body { part(q, f) }
        }
    }
}

/// A provider that plans the types it does not know with schemas from the configuration, and
/// passes everything else to the real provider. Only `terrace cost` uses it, and only to plan.
final class ConfigurationSchemaProvider: Provider, @unchecked Sendable {
    let inner: any Provider
    let extra: [String: ResourceSchema]
    let schema: ProviderSchema

    init(inner: any Provider, extra: [String: ResourceSchema]) {
        self.inner = inner
        self.extra = extra
        var s = inner.schema
        for (k, v) in extra { s.resources[k] = v }
        schema = s
    }

    func configure(_ config: Value) -> Diagnostics { inner.configure(config) }

    func validateResource(type: String, config: Value) -> Diagnostics {
        extra[type] == nil ? inner.validateResource(type: type, config: config) : Diagnostics()
    }

    func planResourceChange(_ req: PlanRequest) -> PlanResponse {
        guard let s = extra[req.typeName] else { return inner.planResourceChange(req) }
        return SchemaPlanner.plan(schema: s.block, prior: req.prior, config: req.config)
    }

    func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        guard extra[req.typeName] == nil else {
            return ApplyResponse(newState: req.prior, diagnostics: Diagnostics([.error("Not applied", "Resource type \(req.typeName) was planned from its configuration alone for a cost estimate; it cannot be applied.")]))
        }
        return await inner.applyResourceChange(req)
    }

    func readResource(type: String, state: Value) async -> ReadResponse {
        extra[type] == nil ? await inner.readResource(type: type, state: state) : ReadResponse(state: state)
    }

    func importResource(type: String, id: String) async -> ReadResponse { await inner.importResource(type: type, id: id) }
    func findByToken(type: String, token: String) async -> Value? { await inner.findByToken(type: type, token: token) }
    func readDataSource(type: String, config: Value) async -> ReadResponse { await inner.readDataSource(type: type, config: config) }
}
