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
        for path in obj.sensitivePaths {
            guard let steps = path.arrayValue, steps.count == 1, let name = steps[0]["value"]?.stringValue,
                  var attrs = v.attributes, let a = attrs[name] else { continue }
            attrs[name] = a.marked()
            v = .object(attrs)
        }
        return v
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
        guard let src = source?.attributes, var attrs = v.attributes, case .object = v.kind else { return v }
        for (name, s) in src where s.containsSensitive {
            if let x = attrs[name], !x.sensitive { attrs[name] = x.marked() }
        }
        return Value(.object(attrs), sensitive: v.sensitive)
    }

    public static func encode(_ v: Value, schema: ResourceSchema, dependencies: [String], createBeforeDestroy: Bool = false) -> InstanceObject {
        var paths: [JSON] = []
        if let attrs = v.attributes {
            for name in attrs.keys.sorted() where attrs[name]!.containsSensitive {
                paths.append(.array([.object([("type", .string("get_attr")), ("value", .string(name))])]))
            }
        }
        return InstanceObject(attributes: ValueJSON.encode(v.unmarkedDeep), sensitivePaths: paths,
                              dependencies: dependencies, schemaVersion: schema.version,
                              createBeforeDestroy: createBeforeDestroy)
    }
}
