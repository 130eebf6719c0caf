import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// How `terrace cloud list` and `show` print objects: a table sorted by type, region and ID;
/// one object's attributes as `terrace state show` prints them; or JSON.
enum CloudView {
    static func json(_ o: CloudObject) -> JSON {
        var m: [(String, JSON)] = [("type", .string(o.kind)), ("id", .string(o.id)), ("account", .string(o.account)),
                                   ("region", .string(o.region))]
        if let by = o.managedBy { m.append(("managed_by", .string(by))) }
        m.append(("attributes", o.attributes))
        return .object(m)
    }

    /// The object's `Name` tag, or its `name`.
    static func name(_ o: CloudObject) -> String {
        o["tags"]?["Name"]?.stringValue ?? o["name"]?.stringValue ?? ""
    }

    /// The object's lifecycle state when it is not simply there: a deregistered task definition
    /// (`INACTIVE`), a key pending deletion, a deleted secret.
    static func status(_ o: CloudObject) -> String {
        for key in ["status", "key_state", "state"] {
            if let s = o[key]?.stringValue, !["ACTIVE", "available", "Enabled", "active", "ISSUED", "Ready", ""].contains(s) { return s }
        }
        return ""
    }

    static func table(_ objects: [CloudObject]) -> String {
        if objects.isEmpty { return "No objects.\n" }
        let rows = [["TYPE", "ID", "REGION", "NAME", "STATUS"]] + objects.map { [$0.kind, $0.id, $0.region, name($0), status($0)] }
        let widths = (0..<5).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { r in
            (0..<5).map { c in r[c].padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    /// The object as `terrace state show` prints a resource: `# TYPE ID (account, region)` then
    /// its attributes in a block.
    static func render(_ o: CloudObject) -> String {
        let value: Value
        let schema: SchemaBlock?
        if let r = AWSCatalog.resource(o.kind) {
            schema = r.schema.block
            value = StateCodec.markSensitive(r.decode(o), schema: r.schema.block)
        } else {
            schema = nil
            value = (try? ValueJSON.decode(o.attributes, as: .dynamic)) ?? .emptyObject
        }
        var out = "# \(o.kind) \(o.id) (account \(o.account), \(o.region))\n"
        if let by = o.managedBy { out += "# managed by \(by)\n" }
        return out + "object \"\(o.kind)\" {" + DiffWriter.renderObject(value, schema: schema) + "}\n"
    }
}

import Foundation
import TerraceEngine
