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

    static func table(_ objects: [CloudObject]) -> String {
        if objects.isEmpty { return "No objects.\n" }
        let rows = [["TYPE", "ID", "REGION", "NAME"]] + objects.map { [$0.kind, $0.id, $0.region, name($0)] }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { r in
            (0..<4).map { c in c == 3 ? r[c] : r[c].padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    static func render(_ o: CloudObject) -> String {
        let value: Value
        if let r = AWSCatalog.resource(o.kind) {
            value = StateCodec.markSensitive(r.decode(o), schema: r.schema.block)
        } else {
            value = (try? ValueJSON.decode(o.attributes, as: .dynamic)) ?? .emptyObject
        }
        var out = "# \(o.kind) \(o.id) (account \(o.account), \(o.region))\n"
        if let by = o.managedBy { out += "# managed by \(by)\n" }
        let attrs = value.attributes ?? [:]
        let shown = attrs.keys.sorted().filter { !(attrs[$0]?.isNull ?? true) }
        let width = shown.map(\.count).max() ?? 0
        for k in shown {
            guard let v = attrs[k] else { continue }
            out += k.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + StateView.literal(v, indent: 0) + "\n"
        }
        return out
    }
}

import Foundation
import TerraceEngine
