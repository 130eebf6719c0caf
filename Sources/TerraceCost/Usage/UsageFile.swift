import Foundation
import TerraceBasics

/// Usage quantities for one resource: numbers by key, nested per storage class or region
/// (`standard: { storage_gb: 10 }`, `monthly_data_transfer_to_internet_gb: { us: 100 }`).
public struct UsageValues: Sendable, Hashable {
    public indirect enum Item: Sendable, Hashable {
        case number(Double)
        case string(String)
        case map([String: Item])
    }

    public var items: [String: Item]
    public init(_ items: [String: Item] = [:]) { self.items = items }

    public var isEmpty: Bool { items.isEmpty }

    public func number(_ key: String) -> Double? {
        if case .number(let n)? = items[key] { return n }
        return nil
    }

    public func map(_ key: String) -> UsageValues? {
        if case .map(let m)? = items[key] { return UsageValues(m) }
        return nil
    }

    /// This set with `other`'s keys laid over it (nested maps merged key by key).
    public func merging(_ other: UsageValues) -> UsageValues {
        var out = items
        for (k, v) in other.items {
            if case .map(let a)? = out[k], case .map(let b) = v {
                out[k] = .map(UsageValues(a).merging(UsageValues(b)).items)
            } else {
                out[k] = v
            }
        }
        return UsageValues(out)
    }
}

/// A usage file in Infracost's format (`version: 0.1`, `resource_type_default_usage`,
/// `resource_usage` keyed by resource address, `[*]` matching any instance key), so the same
/// file serves both tools. Quantities are monthly unless the key says otherwise.
public struct UsageFile: Sendable {
    public struct Entry: Sendable {
        /// `aws_nat_gateway.this[*]`, `module.vpc.aws_nat_gateway.this[0]`.
        public var pattern: String
        public var values: UsageValues
        public var range: SourceRange
    }

    public var path: String
    public var version: String?
    public var resourceUsage: [Entry]
    public var typeDefaults: [String: UsageValues]
    public var typeDefaultRanges: [String: SourceRange]

    public init(path: String = "", version: String? = "0.1", resourceUsage: [Entry] = [], typeDefaults: [String: UsageValues] = [:]) {
        self.path = path
        self.version = version
        self.resourceUsage = resourceUsage
        self.typeDefaults = typeDefaults
        typeDefaultRanges = [:]
    }

    /// Reads a usage file; its text is registered with `sources` so diagnostics can quote it.
    public static func load(_ path: String, displayName: String? = nil, sources: SourceFiles? = nil) -> (UsageFile?, Diagnostics) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, Diagnostics([.error("Usage file not found", "The usage file \(displayName ?? path) does not exist or cannot be read.")]))
        }
        let name = displayName ?? path
        sources?.register(name, bytes: [UInt8](data))
        return parse(String(decoding: data, as: UTF8.self), filename: name)
    }

    public static func parse(_ text: String, filename: String) -> (UsageFile?, Diagnostics) {
        let (doc, d) = YAMLReader.parse(text, filename: filename)
        var diags = d
        guard let doc else { return (nil, diags) }
        var file = UsageFile(path: filename, version: nil)
        if case .null = doc.kind { return (file, diags) }
        guard let top = doc.entries else {
            diags += .error("Invalid usage file", "A usage file is a mapping with \"version\" and \"resource_usage\" keys.", at: doc.range)
            return (nil, diags)
        }
        let known = ["version", "resource_usage", "resource_type_default_usage"]
        for e in top {
            switch e.key {
            case "version":
                file.version = e.value.scalar
                if file.version != "0.1" {
                    diags += .warning("Unexpected usage file version", "This usage file says version \(e.value.scalar ?? "(none)"); Terrace reads Infracost's version 0.1.", at: e.value.range)
                }
            case "resource_usage":
                for r in mappingEntries(e.value, what: "resource_usage", diags: &diags) {
                    file.resourceUsage.append(Entry(pattern: r.key, values: values(r.value, diags: &diags), range: r.keyRange))
                }
            case "resource_type_default_usage":
                for r in mappingEntries(e.value, what: "resource_type_default_usage", diags: &diags) {
                    file.typeDefaults[r.key] = values(r.value, diags: &diags)
                    file.typeDefaultRanges[r.key] = r.keyRange
                }
            default:
                diags += .warning("Unknown usage file key", "The key \"\(e.key)\" is not part of a usage file and is ignored.\(Suggestions.didYouMean(e.key, in: known))", at: e.keyRange)
            }
        }
        return (file, diags)
    }

    static func mappingEntries(_ node: YAMLNode, what: String, diags: inout Diagnostics) -> [YAMLEntry] {
        if case .null = node.kind { return [] }
        guard let e = node.entries else {
            diags += .error("Invalid \(what)", "\"\(what)\" must be a mapping from resource addresses to usage values.", at: node.range)
            return []
        }
        return e
    }

    static func values(_ node: YAMLNode, diags: inout Diagnostics) -> UsageValues {
        if case .null = node.kind { return UsageValues() }
        guard let entries = node.entries else {
            diags += .error("Invalid usage values", "Usage values must be a mapping of usage keys to numbers.", at: node.range)
            return UsageValues()
        }
        var out: [String: UsageValues.Item] = [:]
        for e in entries {
            switch e.value.kind {
            case .null: continue
            case .scalar(let s, let quoted):
                if !quoted, let n = Double(s.replacingOccurrences(of: "_", with: "")), n.isFinite {
                    if n < 0 {
                        diags += .error("Negative usage quantity", "The usage quantity \"\(e.key)\" is \(s); quantities cannot be negative.", at: e.value.range)
                        continue
                    }
                    out[e.key] = .number(n)
                } else {
                    out[e.key] = .string(s)
                }
            case .mapping:
                out[e.key] = .map(values(e.value, diags: &diags).items)
            case .sequence:
                diags += .error("Invalid usage value", "The usage key \"\(e.key)\" has a list; usage values are numbers or mappings of numbers.", at: e.value.range)
            }
        }
        return UsageValues(out)
    }

    /// The usage for one resource instance: its type's defaults, then wildcard entries, then
    /// the entry for its exact address, each laid over the one before.
    public func usage(for address: String, type: String) -> UsageValues {
        var v = typeDefaults[type] ?? UsageValues()
        let matching = resourceUsage.filter { Self.matches(pattern: $0.pattern, address: address) }
        for e in matching where e.pattern.contains("[*]") { v = v.merging(e.values) }
        for e in matching where !e.pattern.contains("[*]") { v = v.merging(e.values) }
        return v
    }

    /// Whether a usage key matches an address: equal, or equal with each `[*]` standing for any
    /// one instance key (`[0]`, `["a"]`). A pattern without a key matches only an unkeyed address.
    public static func matches(pattern: String, address: String) -> Bool {
        if pattern == address { return true }
        guard pattern.contains("[*]") else { return false }
        let pieces = pattern.components(separatedBy: "[*]")
        var rest = Substring(address)
        for (i, piece) in pieces.enumerated() {
            guard rest.hasPrefix(piece) else { return false }
            rest = rest.dropFirst(piece.count)
            if i == pieces.count - 1 { return rest.isEmpty }
            // One instance key: `[` … `]`, skipping brackets inside a quoted key.
            guard rest.first == "[" else { return false }
            var inQuote = false
            var idx = rest.index(after: rest.startIndex)
            var closed = false
            while idx < rest.endIndex {
                let c = rest[idx]
                if c == "\"" { inQuote.toggle() } else if c == "]" && !inQuote { closed = true; break }
                idx = rest.index(after: idx)
            }
            guard closed else { return false }
            rest = rest[rest.index(after: idx)...]
        }
        return rest.isEmpty
    }
}

extension UsageFile {
    /// `environments/NAME.usage.yml` (or `.yaml`) under `rootDir` when it exists: the usage
    /// file `terrace cost -env=NAME` and `terrace plan -env=NAME` use unless told otherwise.
    public static func environmentFile(rootDir: String, environment: String) -> String? {
        for ext in ["yml", "yaml"] {
            let rel = "environments/\(environment).usage.\(ext)"
            if FileManager.default.fileExists(atPath: (rootDir as NSString).appendingPathComponent(rel)) { return rel }
        }
        return nil
    }
}
