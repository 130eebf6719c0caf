import TerraceLang

/// The plan every schema-described resource gets unless its provider refines it: configured
/// values as given, computed values kept from the prior object or unknown on create, defaults
/// for unset optional arguments, and replacement wherever a force-new attribute changes.
public enum SchemaPlanner {
    public static func plan(schema: SchemaBlock, prior: Value?, config: Value) -> PlanResponse {
        var planned = merge(schema: schema, prior: prior, config: config)
        var replace: [AttributePath] = []
        if let prior, !prior.isNull {
            for name in schema.attributes.keys.sorted() where schema.attributes[name]!.forceNew {
                let after = planned[name] ?? .dynamicNull
                let before = prior[name] ?? .dynamicNull
                if !after.isWhollyKnown || !Evaluator.valuesEqual(after.unmarkedDeep, before.unmarkedDeep) {
                    replace.append([name])
                }
            }
            for name in schema.blockTypes.keys.sorted() where schema.blockTypes[name]!.forceNew {
                let after = planned[name] ?? .dynamicNull
                let before = prior[name] ?? .dynamicNull
                if !Evaluator.valuesEqual(after.unmarkedDeep, before.unmarkedDeep) { replace.append([name]) }
            }
            if !replace.isEmpty {
                planned = merge(schema: schema, prior: nil, config: config)
            }
        }
        return PlanResponse(planned: planned, requiresReplace: replace)
    }

    /// Configured values over prior computed values, recursively through nested blocks.
    public static func merge(schema: SchemaBlock, prior: Value?, config: Value) -> Value {
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
                if let pv = pattrs?[name] { out[name] = pv } else { out[name] = Value(.unknown(a.type), sensitive: a.sensitive) }
            } else if let d = a.defaultValue {
                out[name] = d
            } else {
                out[name] = .null(a.type)
            }
        }
        for (name, nb) in schema.blockTypes {
            let cv = cattrs[name] ?? .null(nb.impliedType)
            let pv = pattrs?[name]
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
