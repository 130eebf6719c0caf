import TerraceLang

/// The plan every schema-described resource gets unless its provider refines it: configured
/// values as given, computed values kept from the prior object or unknown on create, defaults
/// for unset optional arguments, and replacement wherever a force-new attribute changes —
/// at the top level or inside nested blocks.
public enum SchemaPlanner {
    /// Plans `config` against `prior` (nil or null to create).
    ///
    /// `computedBlocks` names nested block types that behave like the AWS provider's optional
    /// and computed "attributes as blocks" (`ingress` of a security group, `route` of a route
    /// table): when the configuration has no block of that type, the prior value is kept
    /// instead of planning to remove every item.
    public static func plan(schema: SchemaBlock, prior: Value?, config: Value, computedBlocks: Set<String> = []) -> PlanResponse {
        let priorObject = (prior?.isNull ?? true) ? nil : prior
        var planned = merge(schema: schema, prior: priorObject, config: config, computedBlocks: computedBlocks)
        var replace: [AttributePath] = []
        if let priorObject {
            replace = replacePaths(schema: schema, before: priorObject, after: planned, path: [])
            if !replace.isEmpty {
                // A replacement starts from nothing: every computed value is new.
                planned = merge(schema: schema, prior: nil, config: config, computedBlocks: computedBlocks)
            }
        }
        return PlanResponse(planned: planned, requiresReplace: replace)
    }

    /// The paths of force-new attributes (and force-new blocks) whose planned value differs
    /// from the prior one, or is not yet known.
    public static func replacePaths(schema: SchemaBlock, before: Value, after: Value, path: AttributePath) -> [AttributePath] {
        var out: [AttributePath] = []
        for name in schema.attributes.keys.sorted() where schema.attributes[name]?.forceNew == true {
            let a = after[name] ?? .dynamicNull
            let b = before[name] ?? .dynamicNull
            if !a.isWhollyKnown || !Evaluator.valuesEqual(a.unmarkedDeep, b.unmarkedDeep) { out.append(path + [name]) }
        }
        for name in schema.blockTypes.keys.sorted() {
            guard let nb = schema.blockTypes[name] else { continue }
            let a = after[name] ?? .dynamicNull
            let b = before[name] ?? .dynamicNull
            if nb.forceNew {
                if !a.isWhollyKnown || !Evaluator.valuesEqual(a.unmarkedDeep, b.unmarkedDeep) { out.append(path + [name]) }
                continue
            }
            guard containsForceNew(nb.block) else { continue }
            switch nb.nesting {
            case .single:
                if a.isNull != b.isNull { out.append(path + [name]) }
                else if !a.isNull { out += replacePaths(schema: nb.block, before: b, after: a, path: path + [name]) }
            case .list:
                let ai = a.elements ?? [], bi = b.elements ?? []
                if !a.isKnown || ai.count != bi.count { out.append(path + [name]); continue }
                for (i, (x, y)) in zip(ai, bi).enumerated() {
                    out += replacePaths(schema: nb.block, before: y, after: x, path: path + [name, String(i)])
                }
            case .set, .map:
                // Set items have no stable index: any difference in their force-new parts replaces.
                let project = { (v: Value) in (v.elements ?? v.attributes.map { Array($0.values) } ?? []).map { forceNewProjection(nb.block, $0) } }
                if !a.isKnown || Set(project(a)) != Set(project(b)) { out.append(path + [name]) }
            }
        }
        return out
    }

    /// Whether a block, or any block nested in it, has a force-new attribute.
    static func containsForceNew(_ block: SchemaBlock) -> Bool {
        block.attributes.values.contains { $0.forceNew }
            || block.blockTypes.values.contains { $0.forceNew || containsForceNew($0.block) }
    }

    /// Only the force-new attributes of a nested item, so set items can be compared on them.
    static func forceNewProjection(_ block: SchemaBlock, _ v: Value) -> Value {
        var out: [String: Value] = [:]
        for (name, a) in block.attributes where a.forceNew { out[name] = (v[name] ?? .dynamicNull).unmarkedDeep }
        for (name, nb) in block.blockTypes where nb.forceNew || containsForceNew(nb.block) {
            out[name] = (v[name] ?? .dynamicNull).unmarkedDeep
        }
        return .object(out)
    }

    /// Configured values over prior computed values, recursively through nested blocks.
    public static func merge(schema: SchemaBlock, prior: Value?, config: Value, computedBlocks: Set<String> = []) -> Value {
        guard let cattrs = config.attributes else { return config }
        let pattrs = (prior?.isNull ?? true) ? nil : prior?.attributes
        var out: [String: Value] = [:]
        for (name, a) in schema.attributes {
            var cv = cattrs[name] ?? .null(a.type)
            // As in the SDKv2 providers (aws, null, random), a collection with any unknown
            // element is planned as wholly unknown.
            if a.type.isCollection && cv.isKnown && !cv.isWhollyKnown { cv = Value(.unknown(a.type), sensitive: cv.sensitive) }
            if !cv.isNull {
                out[name] = a.sensitive ? cv.marked() : cv
            } else if a.computed {
                if let pv = pattrs?[name] {
                    out[name] = a.sensitive ? pv.marked() : pv
                } else {
                    out[name] = Value(.unknown(a.type), sensitive: a.sensitive)
                }
            } else if let d = a.defaultValue {
                out[name] = d
            } else {
                out[name] = .null(a.type)
            }
        }
        for (name, nb) in schema.blockTypes {
            let cv = cattrs[name] ?? .null(nb.impliedType)
            let pv = pattrs?[name]
            if !cv.isKnown {
                // A dynamic block over a collection not known until apply.
                out[name] = cv
                continue
            }
            if computedBlocks.contains(name), (cv.elements ?? []).isEmpty, cv.attributes == nil, let pv, !pv.isNull {
                out[name] = pv
                continue
            }
            switch nb.nesting {
            case .single:
                out[name] = cv.isNull ? cv : merge(schema: nb.block, prior: pv, config: cv)
            case .list:
                let items = cv.elements ?? []
                let priors = pv?.elements ?? []
                let merged = items.enumerated().map { i, item in
                    merge(schema: nb.block, prior: i < priors.count ? priors[i] : nil, config: item)
                }
                out[name] = Value(.list(merged, element: nb.block.impliedType))
            case .set:
                let items = cv.elements ?? []
                let priors = pv?.elements ?? []
                let merged = items.map { item in
                    merge(schema: nb.block, prior: priors.first { p in sameConfigured(nb.block, p, item) }, config: item)
                }
                out[name] = Value(.set(Value.canonicalSet(merged), element: nb.block.impliedType))
            case .map:
                out[name] = cv
            }
        }
        return Value(.object(out), sensitive: config.sensitive)
    }

    /// Whether a prior set element matches a configured one on every configured attribute.
    static func sameConfigured(_ schema: SchemaBlock, _ prior: Value, _ config: Value) -> Bool {
        guard let p = prior.attributes, let c = config.attributes else { return false }
        for (name, cv) in c where !cv.isNull {
            if schema.attributes[name]?.computed == true && !cv.isKnown { continue }
            guard let pv = p[name], Evaluator.valuesEqual(pv.unmarkedDeep, cv.unmarkedDeep) else { return false }
        }
        return true
    }
}
