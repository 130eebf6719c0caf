import TerraceLang
import TerraceProviders

/// The plugin SDK's equivalence of unset and empty: for an optional argument that is not
/// computed, state holds `""`, `0`, `false` or an empty collection where configuration says
/// nothing, and the AWS provider plans no change between the two. Plans keep the prior
/// zero value in that case, so an unset argument is not a difference.
enum ZeroValues {
    static func isZero(_ v: Value) -> Bool {
        switch v.kind {
        case .string(let s): return s.isEmpty
        case .bool(let b): return !b
        case .number(let n): return n == Number(0)
        case .list(let items, _), .set(let items, _): return items.isEmpty
        case .map(let items, _): return items.isEmpty
        default: return false
        }
    }

    /// `planned` with unset optional arguments taking the prior zero values they stand for.
    static func keepPrior(_ planned: Value, prior: Value?, block: SchemaBlock) -> Value {
        guard let prior, !prior.isNull, planned.attributes != nil else { return planned }
        return Value(merge(planned, prior, block).value.kind, sensitive: planned.sensitive)
    }

    /// The object with its unset arguments filled from a prior one's zero values, and whether
    /// the two are otherwise the same (which is what matches elements of a set).
    static func merge(_ planned: Value, _ prior: Value, _ block: SchemaBlock) -> (value: Value, same: Bool) {
        guard var p = planned.attributes, let q = prior.attributes else { return (planned, planned == prior) }
        var same = true
        for (name, a) in block.attributes {
            guard let pv = p[name], let qv = q[name] else { continue }
            if pv.isNull && !a.computed && a.defaultValue == nil && isZero(qv) {
                p[name] = qv
            } else if pv.unmarkedDeep != qv.unmarkedDeep {
                same = false
            }
        }
        for (name, nb) in block.blockTypes {
            guard let pv = p[name], let qv = q[name] else { continue }
            let planItems = pv.elements ?? [], priorItems = qv.elements ?? []
            switch nb.nesting {
            case .list:
                var items: [Value] = []
                for (i, item) in planItems.enumerated() {
                    guard i < priorItems.count else { items.append(item); same = false; continue }
                    let m = merge(item, priorItems[i], nb.block)
                    items.append(m.value)
                    same = same && m.same
                }
                if planItems.count != priorItems.count { same = false }
                p[name] = Value(.list(items, element: nb.block.impliedType))
            case .set:
                var used = Set<Int>()
                var items: [Value] = []
                for item in planItems {
                    let match = priorItems.indices.first { !used.contains($0) && merge(item, priorItems[$0], nb.block).same }
                    if let i = match {
                        used.insert(i)
                        items.append(merge(item, priorItems[i], nb.block).value)
                    } else {
                        items.append(item)
                        same = false
                    }
                }
                if planItems.count != priorItems.count { same = false }
                p[name] = Value(.set(Value.canonicalSet(items), element: nb.block.impliedType))
            case .single:
                if !pv.isNull, !qv.isNull {
                    let m = merge(pv, qv, nb.block)
                    p[name] = m.value
                    same = same && m.same
                } else if pv != qv {
                    same = false
                }
            case .map:
                if pv != qv { same = false }
            }
        }
        return (.object(p), same)
    }
}
