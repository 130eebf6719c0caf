import TerraceBasics
import TerraceLang
import TerraceProviders
import TerraceState

/// Converts between state instance objects (JSON by schema) and values, including the
/// sensitive marks Terraform records in `sensitive_attributes`.
public enum StateCodec {
    public static func decode(_ obj: InstanceObject, schema: ResourceSchema) -> Value {
        var v = (try? ValueJSON.decode(obj.attributes, as: schema.block.impliedType)) ?? .unknown(schema.block.impliedType)
        v = markSensitive(v, schema: schema.block)
        // A path unreadable from its first step names nothing (marking the whole object for it
        // would hide every attribute).
        return v.marking(obj.sensitivePaths.compactMap(path).filter { !$0.isEmpty })
    }

    /// A `sensitive_attributes` path as Terraform writes it:
    /// `[{"type":"get_attr","value":"triggers"},{"type":"index","value":{"value":"v","type":"string"}}]`.
    /// Steps that cannot be read end the path there (the mark then covers more, never less).
    static func path(_ json: JSON) -> [PathStep]? {
        guard let steps = json.arrayValue, !steps.isEmpty else { return nil }
        var out: [PathStep] = []
        for s in steps {
            switch s["type"]?.stringValue {
            case "get_attr":
                guard let name = s["value"]?.stringValue else { return out }
                out.append(.attr(name))
            case "index":
                let key = s["value"]
                if key?["type"]?.stringValue == "number", let i = key?["value"]?.intValue {
                    out.append(.index(i))
                } else if let k = key?["value"]?.stringValue {
                    out.append(.key(k))
                } else {
                    return out
                }
            default:
                return out
            }
        }
        return out
    }

    static func json(_ path: [PathStep]) -> JSON {
        .array(path.map { step in
            switch step {
            case .attr(let name): return .object([("type", .string("get_attr")), ("value", .string(name))])
            case .key(let k): return .object([("type", .string("index")), ("value", .object([("value", .string(k)), ("type", .string("string"))]))])
            case .index(let i): return .object([("type", .string("index")), ("value", .object([("value", .number(String(i))), ("type", .string("number"))]))])
            }
        })
    }

    /// Why an instance object cannot be read with its resource type's schema (an attribute of
    /// the wrong type, in a hand-edited or damaged state), or nil when it can.
    public static func problem(_ obj: InstanceObject, schema: ResourceSchema) -> String? {
        do {
            _ = try ValueJSON.decode(obj.attributes, as: schema.block.impliedType)
            return nil
        } catch {
            return error.message
        }
    }

    /// Marks the attributes a schema declares sensitive.
    public static func markSensitive(_ v: Value, schema: SchemaBlock) -> Value {
        guard var attrs = v.attributes, case .object = v.kind else { return v }
        for (name, a) in schema.attributes where a.sensitive {
            if let x = attrs[name] { attrs[name] = x.marked() }
        }
        return Value(.object(attrs), sensitive: v.sensitive)
    }

    /// Marks each attribute of `v` that holds a sensitive value in `source` (the planned value,
    /// or the prior state), at the granularity state records marks. Providers answer with
    /// unmarked values, so without this a value the configuration marked (a sensitive
    /// variable in `tags`) would reach the state, and then `show`, unmarked.
    public static func keepMarks(of source: Value?, on v: Value) -> Value {
        guard let source, case .object = v.kind else { return v }
        return v.marking(source.sensitivePaths.filter { !$0.isEmpty })
    }

    public static func encode(_ v: Value, schema: ResourceSchema, dependencies: [String], createBeforeDestroy: Bool = false) -> InstanceObject {
        let paths = v.sensitivePaths.filter { !$0.isEmpty }.map(json)
        return InstanceObject(attributes: ValueJSON.encode(v.unmarkedDeep), sensitivePaths: paths,
                              dependencies: dependencies, schemaVersion: schema.version,
                              createBeforeDestroy: createBeforeDestroy)
    }
}
