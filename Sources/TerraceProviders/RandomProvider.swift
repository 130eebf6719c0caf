import Foundation
import TerraceBasics
import TerraceLang

/// hashicorp/random: `random_password`, `random_string` and `random_id`.
public final class RandomProvider: LocalProvider {
    public init() {}

    static func stringSchema(sensitive: Bool) -> SchemaBlock {
        SchemaBlock(attributes: [
            "id": .computed(.string, sensitive: false),
            "length": .required(.number, forceNew: true),
            "keepers": .optional(.map(.string), forceNew: true),
            "special": .optional(.bool, forceNew: true, default: .bool(true)),
            "upper": .optional(.bool, forceNew: true, default: .bool(true)),
            "lower": .optional(.bool, forceNew: true, default: .bool(true)),
            "number": .optional(.bool, forceNew: true, default: .bool(true)),
            "numeric": .optional(.bool, forceNew: true, default: .bool(true)),
            "min_numeric": .optional(.number, forceNew: true, default: .number(0)),
            "min_upper": .optional(.number, forceNew: true, default: .number(0)),
            "min_lower": .optional(.number, forceNew: true, default: .number(0)),
            "min_special": .optional(.number, forceNew: true, default: .number(0)),
            "override_special": .optional(.string, forceNew: true),
            "result": .computed(.string, sensitive: sensitive),
        ])
    }

    public let schema: ProviderSchema = {
        var password = stringSchema(sensitive: true)
        password.attributes["bcrypt_hash"] = .computed(.string, sensitive: true)
        return ProviderSchema(resources: [
            "random_password": ResourceSchema(password, version: 3),
            "random_string": ResourceSchema(stringSchema(sensitive: false), version: 2),
            "random_id": ResourceSchema(SchemaBlock(attributes: [
                "id": .computed(.string),
                "byte_length": .required(.number, forceNew: true),
                "prefix": .optional(.string, forceNew: true),
                "keepers": .optional(.map(.string), forceNew: true),
                "b64_url": .computed(.string),
                "b64_std": .computed(.string),
                "hex": .computed(.string),
                "dec": .computed(.string),
            ])),
        ])
    }()

    public func validateResource(type: String, config: Value) -> Diagnostics {
        var d = Diagnostics()
        if type == "random_password" || type == "random_string", let n = config["length"]?.intValue, n < 1 {
            d += .error("Invalid Attribute Value", "Attribute length value must be at least 1, got: \(n)")
        }
        if type == "random_id", let n = config["byte_length"]?.intValue, n < 1 {
            d += .error("Invalid Attribute Value", "Attribute byte_length value must be at least 1, got: \(n)")
        }
        return d
    }

    static func randomString(_ c: Value) -> String {
        let length = c["length"]?.intValue ?? 16
        func flag(_ k: String) -> Bool { c[k]?.boolValue ?? true }
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), lower = Array("abcdefghijklmnopqrstuvwxyz"), digits = Array("0123456789")
        let special = Array(c["override_special"]?.stringValue ?? "!@#$%&*()-_=+[]{}<>:?")
        var pools: [([Character], Int)] = []
        if flag("upper") { pools.append((upper, c["min_upper"]?.intValue ?? 0)) }
        if flag("lower") { pools.append((lower, c["min_lower"]?.intValue ?? 0)) }
        if flag("number") && flag("numeric") { pools.append((digits, c["min_numeric"]?.intValue ?? 0)) }
        if flag("special") { pools.append((special, c["min_special"]?.intValue ?? 0)) }
        if pools.isEmpty { pools = [(lower, 0)] }
        var chars: [Character] = []
        for (pool, minimum) in pools { for _ in 0..<minimum { chars.append(pool.randomElement()!) } }
        let all = pools.flatMap(\.0)
        while chars.count < length { chars.append(all.randomElement()!) }
        return String(chars.shuffled().prefix(max(length, chars.count)))
    }

    public func create(type: String, planned: Value) -> Value {
        switch type {
        case "random_id":
            let n = planned["byte_length"]?.intValue ?? 8
            let bytes = (0..<max(1, n)).map { _ in UInt8.random(in: 0...255) }
            let prefix = planned["prefix"]?.stringValue ?? ""
            let std = Data(bytes).base64EncodedString()
            let url = std.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            var dec = "0"
            if bytes.count <= 8 { dec = String(bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
            return resolveUnknowns(planned) { k in
                switch k {
                case "id": return .string(url)
                case "b64_url": return .string(prefix + url)
                case "b64_std": return .string(prefix + std)
                case "hex": return .string(prefix + hex)
                case "dec": return .string(prefix + dec)
                default: return .dynamicNull
                }
            }
        default:
            let s = Self.randomString(planned)
            return resolveUnknowns(planned) { k in
                switch k {
                case "id": return .string(type == "random_password" ? "none" : s)
                case "result": return Value(.string(s), sensitive: type == "random_password")
                case "bcrypt_hash": return Value(.string("$2a$10$" + String(s.utf8.map { String(format: "%02x", $0) }.joined().prefix(53))), sensitive: true)
                default: return .dynamicNull
                }
            }
        }
    }
}
