import Foundation
import TerraceBasics
import TerraceLang

/// hashicorp/random 3.5.1: `random_password`, `random_string` and `random_id`, with the
/// provider's schemas (versions 3, 2 and 0), defaults, validators, sensitivity and importers.
/// Every argument forces replacement: a random value never changes in place.
public final class RandomProvider: LocalProvider, RegisteredProvider {
    public static let localName = "random"
    public static let source = "registry.terraform.io/hashicorp/random"
    public static let version = "3.5.1"

    public init() {}

    static func stringSchema(sensitive: Bool) -> SchemaBlock {
        SchemaBlock(attributes: [
            "id": .computed(.string),
            "keepers": .optional(.map(.string), forceNew: true),
            "length": .required(.number, forceNew: true),
            "lower": .optional(.bool, forceNew: true, default: .bool(true)),
            "min_lower": .optional(.number, forceNew: true, default: .number(0)),
            "min_numeric": .optional(.number, forceNew: true, default: .number(0)),
            "min_special": .optional(.number, forceNew: true, default: .number(0)),
            "min_upper": .optional(.number, forceNew: true, default: .number(0)),
            "number": .optionalComputed(.bool, forceNew: true, description: "Deprecated: use numeric."),
            "numeric": .optionalComputed(.bool, forceNew: true),
            "override_special": .optional(.string, forceNew: true),
            "result": .computed(.string, sensitive: sensitive),
            "special": .optional(.bool, forceNew: true, default: .bool(true)),
            "upper": .optional(.bool, forceNew: true, default: .bool(true)),
        ])
    }

    public let schema: ProviderSchema = {
        var password = stringSchema(sensitive: true)
        password.attributes["bcrypt_hash"] = .computed(.string, sensitive: true)
        return ProviderSchema(resources: [
            "random_password": ResourceSchema(password, version: 3),
            "random_string": ResourceSchema(stringSchema(sensitive: false), version: 2),
            "random_id": ResourceSchema(SchemaBlock(attributes: [
                "b64_std": .computed(.string),
                "b64_url": .computed(.string),
                "byte_length": .required(.number, forceNew: true),
                "dec": .computed(.string),
                "hex": .computed(.string),
                "id": .computed(.string),
                "keepers": .optional(.map(.string), forceNew: true),
                "prefix": .optional(.string, forceNew: true),
            ])),
        ])
    }()

    public func validateResource(type: String, config: Value) -> Diagnostics {
        var d = Diagnostics()
        switch type {
        case "random_password", "random_string":
            guard let n = config["length"]?.intValue else { break }
            if n < 1 {
                d += .error("Invalid Attribute Value", "Attribute length value must be at least 1, got: \(n)")
            }
            let mins = ["min_upper", "min_lower", "min_numeric", "min_special"]
            let values = mins.map { config[$0] ?? .null(.number) }
            if values.allSatisfy(\.isKnown) {
                let sum = values.compactMap(\.intValue).reduce(0, +)
                if n < sum {
                    d += .error("Invalid Attribute Value",
                                "Attribute length value must be at least sum of \(mins.joined(separator: " + ")), got: \(n)")
                }
            }
        case "random_id":
            if let n = config["byte_length"]?.intValue, n < 1 {
                d += .error("Invalid Attribute Value", "Attribute byte_length value must be at least 1, got: \(n)")
            }
        default: break
        }
        return d
    }

    /// Schema planning, plus the provider's plan modifiers: `number` and `numeric` mirror each
    /// other (either set sets both; neither set means true).
    public func planResourceChange(_ req: PlanRequest) -> PlanResponse {
        guard let s = schema.resources[req.typeName] else {
            return PlanResponse(planned: req.config, diagnostics: Diagnostics([.error("Unknown resource type", "The provider does not support resource type \"\(req.typeName)\".")]))
        }
        var config = req.config
        if req.typeName != "random_id", var attrs = config.attributes {
            let number = attrs["number"] ?? .null(.bool), numeric = attrs["numeric"] ?? .null(.bool)
            let value = !numeric.isNull ? numeric : !number.isNull ? number : .bool(true)
            attrs["number"] = value
            attrs["numeric"] = value
            config = .object(attrs)
        }
        return SchemaPlanner.plan(schema: s.block, prior: req.prior, config: config)
    }

    static func generator(_ c: Value) -> RandomString {
        var g = RandomString(length: c["length"]?.intValue ?? 0)
        g.upper = c["upper"]?.boolValue ?? true
        g.lower = c["lower"]?.boolValue ?? true
        g.numeric = c["numeric"]?.boolValue ?? c["number"]?.boolValue ?? true
        g.special = c["special"]?.boolValue ?? true
        g.minUpper = c["min_upper"]?.intValue ?? 0
        g.minLower = c["min_lower"]?.intValue ?? 0
        g.minNumeric = c["min_numeric"]?.intValue ?? 0
        g.minSpecial = c["min_special"]?.intValue ?? 0
        g.overrideSpecial = c["override_special"]?.stringValue
        return g
    }

    public func create(type: String, planned: Value) throws(LocalProviderError) -> Value {
        switch type {
        case "random_id":
            let n = planned["byte_length"]?.intValue ?? 0
            var rng = SystemRandomNumberGenerator()
            let bytes = (0..<max(0, n)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return Self.idValue(bytes, prefix: planned["prefix"]?.stringValue, keepers: planned["keepers"] ?? .null(.map(.string)))
        default:
            let s: String
            do { s = try Self.generator(planned).generate() } catch {
                throw LocalProviderError("Random Read Error",
                                         "While attempting to generate a random value for this resource, a read error was generated.\n\nOriginal Error: \(error.description)")
            }
            return resolveUnknowns(planned) { k in
                switch k {
                case "id": return .string(type == "random_password" ? "none" : s)
                case "result": return Value(.string(s), sensitive: type == "random_password")
                case "bcrypt_hash": return Value(.string(Bcrypt.hash(s)), sensitive: true)
                default: return .dynamicNull
                }
            }
        }
    }

    /// A `random_id` object for `bytes`: the ID is unpadded URL-safe base64 without the prefix;
    /// the other encodings carry the prefix.
    static func idValue(_ bytes: [UInt8], prefix: String?, keepers: Value) -> Value {
        let std = Data(bytes).base64EncodedString()
        let url = std.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let p = prefix ?? ""
        return .object([
            "id": .string(url),
            "byte_length": .number(bytes.count),
            "prefix": prefix.map(Value.string) ?? .null(.string),
            "keepers": keepers,
            "b64_url": .string(p + url),
            "b64_std": .string(p + std),
            "hex": .string(p + bytes.map { String(format: "%02x", $0) }.joined()),
            "dec": .string(p + decimal(bytes)),
        ])
    }

    /// The big-endian unsigned integer of `bytes` in decimal (Go's `big.Int.SetBytes(...).String()`).
    static func decimal(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = [0]  // little-endian base-10 digits
        for b in bytes {
            var carry = Int(b)
            for i in digits.indices {
                let v = Int(digits[i]) * 256 + carry
                digits[i] = UInt8(v % 10)
                carry = v / 10
            }
            while carry > 0 {
                digits.append(UInt8(carry % 10))
                carry /= 10
            }
        }
        while digits.count > 1 && digits.last == 0 { digits.removeLast() }
        return String(digits.reversed().map { Character(String($0)) })
    }

    /// Import as the provider does: a password or string is its own ID (with every option at its
    /// default); a random ID is its URL-safe base64, optionally `prefix,` before it.
    public func importResource(type: String, id: String) async -> ReadResponse {
        switch type {
        case "random_password", "random_string":
            var attrs: [String: Value] = [
                "id": .string(type == "random_password" ? "none" : id),
                "result": Value(.string(id), sensitive: type == "random_password"),
                "length": .number(id.count),
                "special": .bool(true), "upper": .bool(true), "lower": .bool(true),
                "number": .bool(true), "numeric": .bool(true),
                "min_special": .number(0), "min_upper": .number(0), "min_lower": .number(0), "min_numeric": .number(0),
                "keepers": .null(.map(.string)),
                "override_special": .null(.string),
            ]
            if type == "random_password" { attrs["bcrypt_hash"] = Value(.string(Bcrypt.hash(id)), sensitive: true) }
            return ReadResponse(state: .object(attrs))
        case "random_id":
            var prefix: String?
            var encoded = id
            if let comma = id.lastIndex(of: ",") {
                prefix = String(id[..<comma])
                encoded = String(id[id.index(after: comma)...])
            }
            guard let bytes = Self.decodeRawURLBase64(encoded) else {
                return ReadResponse(state: nil, diagnostics: Diagnostics([.error("Import Random ID Error",
                    "While attempting to import a random id there was a decoding error. This is always an issue in the provider and should be reported to the provider developers.\n\nOriginal Error: illegal base64 data in \"\(encoded)\"")]))
            }
            return ReadResponse(state: Self.idValue(bytes, prefix: prefix, keepers: .null(.map(.string))))
        default:
            return importNotSupported(type)
        }
    }

    /// Go's `base64.RawURLEncoding.DecodeString`: URL alphabet, no padding.
    static func decodeRawURLBase64(_ s: String) -> [UInt8]? {
        guard !s.contains("="), s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var std = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if std.count % 4 == 1 { return nil }
        while std.count % 4 != 0 { std += "=" }
        return Data(base64Encoded: std).map { Array($0) }
    }
}
