/// Reference discovery: the traversals an expression reads from its scope, as hclsyntax's
/// `Variables()`. Names bound by `for` expressions and template `for` directives are local and
/// are not reported.
extension Expr {
    public var variables: [Traversal] {
        var out: [Traversal] = []
        collect(into: &out, locals: [])
        return out
    }

    func collect(into out: inout [Traversal], locals: Set<String>) {
        switch kind {
        case .literal, .splatItem, .invalid:
            break
        case .template(let parts):
            for part in parts { part.collect(into: &out, locals: locals) }
        case .templateWrap(let e), .parens(let e), .unary(_, let e):
            e.collect(into: &out, locals: locals)
        case .traversal(let t):
            if !locals.contains(t.root) { out.append(t) }
        case .relativeTraversal(let e, _):
            e.collect(into: &out, locals: locals)
        case .call(_, _, let args, _):
            for a in args { a.collect(into: &out, locals: locals) }
        case .tuple(let items):
            for i in items { i.collect(into: &out, locals: locals) }
        case .object(let items):
            for i in items {
                if !i.keyIsIdentifier { i.key.collect(into: &out, locals: locals) }
                i.value.collect(into: &out, locals: locals)
            }
        case .index(let c, let k):
            c.collect(into: &out, locals: locals)
            k.collect(into: &out, locals: locals)
        case .splat(let s, let each):
            s.collect(into: &out, locals: locals)
            each.collect(into: &out, locals: locals)
        case .forExpr(let f):
            f.collection.collect(into: &out, locals: locals)
            var inner = locals
            inner.insert(f.valueVar)
            if let k = f.keyVar { inner.insert(k) }
            f.keyExpr?.collect(into: &out, locals: inner)
            f.valueExpr.collect(into: &out, locals: inner)
            f.condition?.collect(into: &out, locals: inner)
        case .conditional(let c, let t, let f):
            c.collect(into: &out, locals: locals)
            t.collect(into: &out, locals: locals)
            f.collect(into: &out, locals: locals)
        case .binary(_, let l, let r):
            l.collect(into: &out, locals: locals)
            r.collect(into: &out, locals: locals)
        }
    }
}

extension TemplatePart {
    func collect(into out: inout [Traversal], locals: Set<String>) {
        switch self {
        case .literal: break
        case .interpolation(let e): e.collect(into: &out, locals: locals)
        case .ifDirective(let c, let t, let e, _):
            c.collect(into: &out, locals: locals)
            for p in t { p.collect(into: &out, locals: locals) }
            for p in e ?? [] { p.collect(into: &out, locals: locals) }
        case .forDirective(let k, let v, let coll, let body, _):
            coll.collect(into: &out, locals: locals)
            var inner = locals
            inner.insert(v)
            if let k { inner.insert(k) }
            for p in body { p.collect(into: &out, locals: inner) }
        }
    }
}

extension Body {
    /// Every traversal read by the attributes and nested blocks of this body (for dependency
    /// analysis). `dynamic` block iterators are excluded inside their `content`.
    public var variables: [Traversal] {
        var out: [Traversal] = []
        collect(into: &out, locals: [])
        return out
    }

    func collect(into out: inout [Traversal], locals: Set<String>) {
        for a in attributes { a.expr.collect(into: &out, locals: locals) }
        for b in blocks {
            if b.type == "dynamic", let name = b.labels.first {
                var inner = locals
                var iterator = name
                if let it = b.body.attribute("iterator")?.expr.asKeyword { iterator = it }
                inner.insert(iterator)
                for a in b.body.attributes where a.name != "iterator" {
                    a.expr.collect(into: &out, locals: a.name == "for_each" ? locals : inner)
                }
                for c in b.body.blocks { c.body.collect(into: &out, locals: inner) }
            } else {
                b.body.collect(into: &out, locals: locals)
            }
        }
    }
}
