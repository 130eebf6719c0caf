import TerraceBasics
import TerraceHCL

/// A type constraint written in configuration (`list(string)`, `object({a = optional(number, 1)})`),
/// with the defaults of its optional attributes.
public struct TypeConstraint: Sendable {
    public var type: ValueType
    /// Defaults for optional object attributes, by attribute, nested as the type is.
    public var defaults: TypeDefaults?

    public init(type: ValueType, defaults: TypeDefaults? = nil) {
        self.type = type
        self.defaults = defaults
    }

    public static let any = TypeConstraint(type: .dynamic)
}

/// Defaults for the optional attributes of an object type, and of object types nested inside it.
public final class TypeDefaults: Sendable {
    public let type: ValueType
    public let defaults: [String: Value]
    /// Defaults of nested types, by attribute name (objects) or "" for collection elements.
    public let children: [String: TypeDefaults]

    public init(type: ValueType, defaults: [String: Value], children: [String: TypeDefaults]) {
        self.type = type
        self.defaults = defaults
        self.children = children
    }

    /// Fills null optional attributes with their defaults, recursively.
    public func apply(to v: Value) -> Value {
        guard !v.isNull, v.isKnown else { return v }
        switch v.kind {
        case .object(var attrs):
            for (k, d) in defaults where attrs[k]?.isNull ?? true {
                if let t = { if case .object(let ts, _) = type { return ts[k] }; return nil }(),
                   let c = try? Conversion.convert(d, to: t) {
                    attrs[k] = c
                } else {
                    attrs[k] = d
                }
            }
            for (k, child) in children where k != "" {
                if let a = attrs[k] { attrs[k] = child.apply(to: a) }
            }
            return Value(.object(attrs), sensitive: v.sensitive)
        case .list(let items, let e):
            guard let child = children[""] else { return v }
            return Value(.list(items.map(child.apply), element: e), sensitive: v.sensitive)
        case .set(let items, let e):
            guard let child = children[""] else { return v }
            return Value(.set(Value.canonicalSet(items.map(child.apply)), element: e), sensitive: v.sensitive)
        case .map(let items, let e):
            guard let child = children[""] else { return v }
            return Value(.map(items.mapValues(child.apply), element: e), sensitive: v.sensitive)
        case .tuple(let items):
            return Value(.tuple(items.map { children[""]?.apply(to: $0) ?? $0 }), sensitive: v.sensitive)
        default:
            return v
        }
    }
}

/// Parses type constraint expressions as Terraform's `typeexpr` package does.
public enum TypeExpr {
    public static func parse(_ e: Expr) -> (TypeConstraint, Diagnostics) {
        var diags = Diagnostics()
        let (t, d) = parseType(e, &diags, allowOptional: false)
        return (TypeConstraint(type: t, defaults: d), diags)
    }

    static func invalid(_ e: Expr, _ detail: String, _ diags: inout Diagnostics) -> (ValueType, TypeDefaults?) {
        diags += .error("Invalid type specification", detail, at: e.range)
        return (.dynamic, nil)
    }

    static func parseType(_ e: Expr, _ diags: inout Diagnostics, allowOptional: Bool) -> (ValueType, TypeDefaults?) {
        if let kw = e.asKeyword {
            switch kw {
            case "string": return (.string, nil)
            case "number": return (.number, nil)
            case "bool": return (.bool, nil)
            case "any": return (.dynamic, nil)
            case "list", "set", "map":
                return invalid(e, "The \(kw) type constructor requires one argument specifying the element type.", &diags)
            case "object":
                return invalid(e, "The object type constructor requires one argument specifying the attribute types as a map.", &diags)
            case "tuple":
                return invalid(e, "The tuple type constructor requires one argument specifying the element types as a list.", &diags)
            default:
                return invalid(e, "The keyword \"\(kw)\" is not a valid type specification.", &diags)
            }
        }
        guard case .call(let name, let nameRange, let args, _) = e.kind else {
            return invalid(e, "A type specification is either a primitive type keyword (bool, number, string) or a complex type constructor call, like list(string).", &diags)
        }
        switch name {
        case "list", "set", "map":
            guard args.count == 1 else {
                return invalid(e, "The \(name) type constructor requires one argument specifying the element type.", &diags)
            }
            let (et, ed) = parseType(args[0], &diags, allowOptional: false)
            let t: ValueType = name == "list" ? .list(et) : name == "set" ? .set(et) : .map(et)
            return (t, ed.map { TypeDefaults(type: t, defaults: [:], children: ["": $0]) })
        case "tuple":
            guard args.count == 1, case .tuple(let items) = args[0].kind else {
                return invalid(e, "The tuple type constructor requires one argument specifying the element types as a list.", &diags)
            }
            return (.tuple(items.map { parseType($0, &diags, allowOptional: false).0 }), nil)
        case "object":
            guard args.count == 1, case .object(let items) = args[0].kind else {
                return invalid(e, "The object type constructor requires one argument specifying the attribute types as a map.", &diags)
            }
            var attrs: [String: ValueType] = [:]
            var optional = Set<String>()
            var defaults: [String: Value] = [:]
            var children: [String: TypeDefaults] = [:]
            for item in items {
                var key: String?
                if item.keyIsIdentifier, case .literal(.string(let s)) = item.key.kind { key = s }
                else if let s = item.key.asStaticString { key = s }
                else if let k = item.key.asKeyword { key = k }
                guard let k = key else {
                    diags += .error("Invalid type specification", "Object constructor map keys must be attribute names.", at: item.key.range)
                    continue
                }
                var valueExpr = item.value
                var defaultExpr: Expr?
                if case .call("optional", _, let oargs, _) = item.value.kind {
                    guard !oargs.isEmpty else {
                        diags += .error("Invalid type specification", "Optional attribute modifier requires the attribute type as its argument.", at: item.value.range)
                        continue
                    }
                    guard oargs.count <= 2 else {
                        diags += .error("Invalid type specification", "Optional attribute modifier expects at most two arguments: the attribute type, and a default value.", at: item.value.range)
                        continue
                    }
                    optional.insert(k)
                    valueExpr = oargs[0]
                    if oargs.count == 2 {
                        let (dv, dd) = Evaluator.evaluate(oargs[1], in: EvalContext())
                        diags += dd
                        if !dd.hasErrors {
                            defaults[k] = dv
                            defaultExpr = oargs[1]
                        }
                    }
                }
                let (t, d) = parseType(valueExpr, &diags, allowOptional: true)
                attrs[k] = t
                if let d { children[k] = d }
                if let dv = defaults[k], let dexpr = defaultExpr {
                    do {
                        defaults[k] = try Conversion.convert(d?.apply(to: dv) ?? dv, to: t)
                    } catch {
                        diags += .error("Invalid default value for optional attribute",
                                        "This default value is not compatible with the attribute's type constraint: \(error.description).",
                                        at: dexpr.range)
                        defaults[k] = nil
                    }
                }
            }
            let t = ValueType.object(attrs, optional: optional)
            let hasDefaults = !defaults.isEmpty || !children.isEmpty
            return (t, hasDefaults ? TypeDefaults(type: t, defaults: defaults, children: children) : nil)
        case "optional":
            diags += .error("Invalid type specification", "Keyword \"optional\" is valid only as a modifier for object type attributes.", at: nameRange)
            return (.dynamic, nil)
        default:
            return invalid(e, "Keyword \"\(name)\" is not a valid type constructor.", &diags)
        }
    }
}
