import TerraceBasics
import TerraceLang
import TerraceProviders

/// Checking generated configuration against the provider, so the file Terrace writes plans with
/// no changes: a generator writes what the object has, but some of it the provider rejects when
/// configured together (`num_cache_clusters` with `num_node_groups`), or decides by itself and
/// plans differently when written (a computed block), or needs written although it is empty.
extension ConfigGenerator {
    /// The value the written block evaluates to, as the planner sees it: written arguments
    /// with their values, sensitive ones with the object's (they are in `ignore_changes`),
    /// everything else null or no blocks.
    public func configuration(_ v: Value, schema: SchemaBlock) -> Value {
        configuration(v.unmarkedDeep, original: v, schema: schema, topLevel: true)
    }

    func configuration(_ v: Value, original: Value, schema: SchemaBlock, topLevel: Bool) -> Value {
        var out: [String: Value] = [:]
        for (name, a) in schema.attributes { out[name] = .null(a.type) }
        for arg in arguments(original, schema, topLevel: topLevel) {
            out[arg.name] = arg.value ?? (v[arg.name] ?? .null(schema.attributes[arg.name]?.type ?? .dynamic))
            if topLevel, jsonDocuments.contains(arg.name), let s = arg.value?.stringValue, let e = JSONLiteral.encoded(s) {
                out[arg.name] = .string(e)
            }
        }
        let written = Dictionary(blocks(v, schema, topLevel: topLevel).map { ($0.name, $0.items) }) { a, _ in a }
        for (name, nb) in schema.blockTypes {
            let items = (written[name] ?? []).map { configuration($0, original: $0, schema: nb.block, topLevel: false) }
            switch nb.nesting {
            case .single: out[name] = items.first ?? .null(nb.block.impliedType)
            case .list: out[name] = Value(.list(items, element: nb.block.impliedType))
            case .set: out[name] = Value(.set(Value.canonicalSet(items), element: nb.block.impliedType))
            case .map: out[name] = Value(.map([:], element: nb.block.impliedType))
            }
        }
        return .object(out)
    }

    /// How far the configuration is from planning cleanly against the object: errors first,
    /// then attributes that would be replaced, then attributes that would change.
    struct Score: Comparable {
        var errors: Int
        var replaced: Int
        var changed: Int
        /// Top-level names the diagnostics mention or whose planned value differs.
        var suspects: Set<String>
        static func < (a: Score, b: Score) -> Bool { (a.errors, a.replaced, a.changed) < (b.errors, b.replaced, b.changed) }
        static func == (a: Score, b: Score) -> Bool { (a.errors, a.replaced, a.changed) == (b.errors, b.replaced, b.changed) }
        var clean: Bool { errors == 0 && replaced == 0 && changed == 0 }
    }

    func score(type: String, value: Value, schema: SchemaBlock, provider: any Provider) -> Score {
        let prior = value.unmarkedDeep
        let config = configuration(value, schema: schema)
        var diags = provider.validateResource(type: type, config: config)
        var resp: PlanResponse?
        if !diags.hasErrors {
            let r = provider.planResourceChange(PlanRequest(typeName: type, prior: prior, config: config))
            diags += r.diagnostics
            resp = r
        }
        let names = Set(schema.attributes.keys).union(schema.blockTypes.keys)
        if diags.hasErrors {
            let text = diags.errors.map { $0.summary + " " + $0.detail }.joined(separator: " ")
            let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            return Score(errors: diags.errors.count, replaced: 0, changed: 0, suspects: names.intersection(words))
        }
        guard let resp, let planned = resp.planned.unmarkedDeep.attributes, let before = prior.attributes else {
            return Score(errors: 1, replaced: 0, changed: 0, suspects: [])
        }
        var changed: Set<String> = []
        for name in names where !Evaluator.valuesEqual(planned[name] ?? .null(.dynamic), before[name] ?? .null(.dynamic)) {
            changed.insert(name)
        }
        let replaced = Set(resp.requiresReplace.compactMap(\.first))
        return Score(errors: 0, replaced: replaced.count, changed: changed.count, suspects: changed.union(replaced))
    }

    /// This generator with `omitted` and `kept` chosen so the configuration it writes for
    /// `value` validates and plans with no changes, as far as leaving out arguments the
    /// provider can decide (optional and computed ones, nested blocks) or writing ones the
    /// rules leave out can make it. Each step takes the one change that helps most.
    public func fitted(type: String, value: Value, schema: SchemaBlock, provider: any Provider) -> ConfigGenerator {
        var best = self
        var current = best.score(type: type, value: value, schema: schema, provider: provider)
        let present = Set((value.unmarkedDeep.attributes ?? [:]).filter { !$0.value.isNull }.keys)
        for _ in 0..<16 where !current.clean {
            let written = Set(best.arguments(value, schema, topLevel: true).map(\.name))
                .union(best.blocks(value.unmarkedDeep, schema, topLevel: true).map(\.name))
            var moves: [ConfigGenerator] = []
            for name in current.suspects.sorted() {
                var g = best
                if written.contains(name) {
                    let removable = schema.blockTypes[name] != nil || (schema.attributes[name].map { $0.optional && $0.computed } ?? false)
                    guard removable else { continue }
                    g.omitted.insert(name)
                } else if present.contains(name), !best.omitted.contains(name), schema.attributes[name].map({ $0.optional }) ?? false {
                    g.kept.insert(name)
                } else {
                    continue
                }
                moves.append(g)
            }
            var next: (ConfigGenerator, Score)?
            for g in moves {
                let s = g.score(type: type, value: value, schema: schema, provider: provider)
                if s < (next?.1 ?? current) { next = (g, s) }
            }
            guard let (g, s) = next else { break }
            best = g
            current = s
        }
        // JSON documents read better as `jsonencode`: where that gives another string for the
        // same document, use it if the provider plans no change for it.
        guard current.clean else { return best }
        for arg in best.arguments(value, schema, topLevel: true) {
            guard let s = arg.value?.stringValue, let e = JSONLiteral.encoded(s), e != s, references[s] == nil else { continue }
            var g = best
            g.jsonDocuments.insert(arg.name)
            if g.score(type: type, value: value, schema: schema, provider: provider).clean { best = g }
        }
        return best
    }
}
