import TerraceLang

/// EC2's `Describe*` filters (`filter { name = "vpc-id" values = [...] }`, `tags = {…}`),
/// matched against stored objects. Values may use `*` and `?` wildcards.
enum EC2Filters {
    static let filterBlock = SchemaBlock(attributes: [
        "name": .required(.string),
        "values": .required(.set(.string)),
    ])

    /// Whether `value` matches `pattern` (`*` any run, `?` any one character).
    static func glob(_ pattern: String, _ value: String) -> Bool {
        let p = Array(pattern), v = Array(value)
        var pi = 0, vi = 0, star = -1, mark = 0
        while vi < v.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == v[vi]) { pi += 1; vi += 1 }
            else if pi < p.count && p[pi] == "*" { star = pi; mark = vi; pi += 1 }
            else if star >= 0 { pi = star + 1; mark += 1; vi = mark }
            else { return false }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// The values an object has for filter `name`, given how the filter names map to attributes.
    static func values(_ o: Value, filter name: String, attributes: [String: String]) -> [String]? {
        if name.hasPrefix("tag:") {
            let key = String(name.dropFirst(4))
            return o["tags"]?.attributes?[key]?.stringValue.map { [$0] } ?? []
        }
        if name == "tag-key" { return Array((o["tags"]?.attributes ?? [:]).keys) }
        if name == "tag-value" { return (o["tags"]?.attributes ?? [:]).values.compactMap(\.stringValue) }
        guard let attr = attributes[name] else { return nil }
        guard let v = o[attr], !v.isNull else { return [] }
        if let b = v.boolValue { return [b ? "true" : "false"] }
        if let items = v.elements { return items.compactMap(\.stringValue) }
        return v.stringValue.map { [$0] } ?? v.numberValue.map { [$0.description] } ?? []
    }

    /// Objects matching every filter block and every tag of `config`. Throws for a filter name
    /// the API does not know (`InvalidParameterValue`).
    static func matching(_ objects: [Value], config: Value, attributes: [String: String]) throws -> [Value] {
        let filters = config.items("filter").map { ($0.str("name") ?? "", $0.strings("values")) }
        for (name, _) in filters where !name.hasPrefix("tag:") && !["tag-key", "tag-value"].contains(name) && attributes[name] == nil {
            throw CloudError.invalidParameter("The filter '\(name)' is invalid")
        }
        let tags = (config["tags"]?.attributes ?? [:]).compactMapValues(\.stringValue)
        return objects.filter { o in
            for (name, patterns) in filters {
                let have = values(o, filter: name, attributes: attributes) ?? []
                if !have.contains(where: { h in patterns.contains { glob($0, h) } }) { return false }
            }
            for (k, v) in tags where o["tags"]?.attributes?[k]?.stringValue != v { return false }
            return true
        }
    }
}
