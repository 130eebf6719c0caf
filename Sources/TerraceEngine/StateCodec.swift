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

    /// Marks the attributes a schema declares sensitive.
    public static func markSensitive(_ v: Value, schema: SchemaBlock) -> Value {
        guard var attrs = v.attributes, case .object = v.kind else { return v }
        for (name, a) in schema.attributes where a.sensitive {
            if let x = attrs[name] { attrs[name] = x.marked() }
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
