import Foundation
import Testing
import TerraceBasics
import TerraceCost
import TerraceLang

/// Builders shared by the cost tests: planned resources from plain Swift values, the bundled
/// catalogue, and lookups into an estimate.
enum Fixture {
    static func catalogue() throws -> PriceCatalogue { try PriceCatalogue.shared() }

    /// A value from Swift literals: strings, numbers, bools, arrays (lists/blocks), dictionaries.
    static func value(_ x: Any?) -> Value {
        switch x {
        case nil: return .dynamicNull
        case let v as Value: return v
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let i as Int: return .number(i)
        case let d as Double: return .number(Number(d))
        case let a as [Any]: return .list(a.map { value($0) })
        case let m as [String: Any]: return .object(m.mapValues { value($0) })
        default: return .dynamicNull
        }
    }

    static func resource(_ address: String, _ attrs: [String: Any], region: String = "us-east-1",
                         references: [String: [String]] = [:]) -> PlannedResource {
        let type = address.split(separator: ".").reversed().dropFirst().first.map(String.init) ?? address
        return PlannedResource(address: address, type: type, region: region, values: value(attrs), references: references)
    }

    static func usage(_ yaml: String) throws -> UsageFile {
        let (u, d) = UsageFile.parse(yaml, filename: "test.usage.yml")
        guard let u, !d.hasErrors else { throw DiagnosticsError(d) }
        return u
    }

    static func estimate(_ resources: [PlannedResource], usage: String? = nil) throws -> ProjectCost {
        let (p, _) = CostEstimator.estimate(name: "test", resources: resources, catalogue: try catalogue(),
                                            usage: try usage.map { try Fixture.usage($0) })
        return p
    }

    /// A component by resource address and name ("Sub / Name" for a subresource's component).
    static func component(_ p: ProjectCost, _ address: String, _ name: String) -> CostComponent? {
        guard let r = p.resources.first(where: { $0.name == address }) else { return nil }
        return find(r, name, prefix: "")
    }

    static func find(_ r: ResourceCost, _ name: String, prefix: String) -> CostComponent? {
        if let c = r.components.first(where: { prefix + $0.name == name }) { return c }
        for s in r.subresources { if let c = find(s, name, prefix: prefix + s.name + " / ") { return c } }
        return nil
    }
}

/// Money compared to the cent-fraction: float sums of prices never match exactly.
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 0.0005) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance
}
