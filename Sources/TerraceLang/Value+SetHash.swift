extension Value {
    /// The text cty hashes to place a value in a set, which also orders sets of values that are
    /// not primitives: `?` unknown, `~` null, numbers as Go's `%.10g`, strings Go-quoted, `T`/`F`,
    /// `[e;…]` lists and sets, `{k:v;…}` maps, `<…;>` objects (by sorted name) and tuples.
    public var setHashText: String {
        var out = ""
        appendSetHash(to: &out)
        return out
    }

    private func appendSetHash(to out: inout String) {
        switch kind {
        case .unknown: out += "?"
        case .null: out += "~"
        case .number(let n): out += n.big.text(format: "g", precision: 10)
        case .bool(let b): out += b ? "T" : "F"
        case .string(let s): out += GoQuote.quote(s)
        case .map(let items, _):
            out += "{"
            for k in items.keys.sorted() {
                out += GoQuote.quote(k) + ":"
                items[k]!.appendSetHash(to: &out)
                out += ";"
            }
            out += "}"
        case .list(let items, _), .set(let items, _):
            out += "["
            for i in items { i.appendSetHash(to: &out); out += ";" }
            out += "]"
        case .object(let attrs):
            out += "<"
            for k in attrs.keys.sorted() { attrs[k]!.appendSetHash(to: &out); out += ";" }
            out += ">"
        case .tuple(let items):
            out += "<"
            for i in items { i.appendSetHash(to: &out); out += ";" }
            out += ">"
        }
    }
}
