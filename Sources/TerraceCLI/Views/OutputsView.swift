import TerraceBasics
import TerraceLang
import TerraceState

/// Prints root module outputs as Terraform does after apply and in `terrace output`.
enum OutputsView {
    static func value(_ o: OutputState) -> Value? {
        guard let t = try? ValueJSON.decodeType(o.type), let v = try? ValueJSON.decode(o.value, as: t) else { return nil }
        return v
    }

    static func render(_ outputs: [String: OutputState]) -> String {
        var out = ""
        for name in outputs.keys.sorted() {
            let o = outputs[name]!
            if o.sensitive { out += "\(name) = <sensitive>\n"; continue }
            out += "\(name) = \(value(o).map(ValueFormatter.console) ?? "null")\n"
        }
        return out
    }
}
