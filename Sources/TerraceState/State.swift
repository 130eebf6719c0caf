import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph

/// One resource instance object in state. Attributes are kept as the JSON the provider's
/// schema describes; the engine decodes them with that schema.
public struct InstanceObject: Sendable, Hashable {
    public var attributes: JSON
    /// Paths of sensitive attributes, as Terraform writes them (`[{"type":"get_attr","value":"password"}]`).
    public var sensitivePaths: [JSON]
    public var dependencies: [String]
    public var schemaVersion: Int
    public var tainted: Bool
    public var createBeforeDestroy: Bool
    public var privateData: String?

    public init(attributes: JSON, sensitivePaths: [JSON] = [], dependencies: [String] = [], schemaVersion: Int = 0,
                tainted: Bool = false, createBeforeDestroy: Bool = false, privateData: String? = nil) {
        self.attributes = attributes
        self.sensitivePaths = sensitivePaths
        self.dependencies = dependencies
        self.schemaVersion = schemaVersion
        self.tainted = tainted
        self.createBeforeDestroy = createBeforeDestroy
        self.privateData = privateData
    }

    /// The `id` attribute, which progress lines show.
    public var id: String? { attributes["id"]?.stringValue }
}

/// How a resource's instances are keyed.
public enum EachMode: String, Sendable {
    case none = ""
    case list
    case map
}

/// All instances of one resource in one module instance.
public struct ResourceState: Sendable, Hashable {
    public var addr: AbsResource
    /// `provider["registry.terraform.io/hashicorp/aws"]` or with `.alias`.
    public var provider: String
    public var eachMode: EachMode
    public var instances: [InstanceKey: InstanceObject]
    /// Objects replaced under create_before_destroy and not yet destroyed, by instance key and
    /// deposed key (Terraform's "deposed" objects).
    public var deposed: [InstanceKey: [String: InstanceObject]]

    public init(addr: AbsResource, provider: String, eachMode: EachMode = .none, instances: [InstanceKey: InstanceObject] = [:],
                deposed: [InstanceKey: [String: InstanceObject]] = [:]) {
        self.addr = addr
        self.provider = provider
        self.eachMode = eachMode
        self.instances = instances
        self.deposed = deposed
    }

    public var isEmpty: Bool { instances.isEmpty && deposed.values.allSatisfy(\.isEmpty) }
}

/// A root module output value in state.
public struct OutputState: Sendable, Hashable {
    public var value: JSON
    public var type: JSON
    public var sensitive: Bool
    public init(value: JSON, type: JSON, sensitive: Bool) {
        self.value = value
        self.type = type
        self.sensitive = sensitive
    }
}

/// The in-memory state: what Terrace knows exists, separate from the file format.
public struct State: Sendable, Hashable {
    public var lineage: String
    public var serial: Int
    public var terraformVersion: String
    public var outputs: [String: OutputState]
    public var resources: [AbsResource: ResourceState]
    /// Top-level members of a state file this version does not interpret, kept on rewrite.
    public var checkResults: JSON?

    public init(lineage: String = State.newLineage(), serial: Int = 0, terraformVersion: String = TerraceVersion.terraformCompatible,
                outputs: [String: OutputState] = [:], resources: [AbsResource: ResourceState] = [:]) {
        self.lineage = lineage
        self.serial = serial
        self.terraformVersion = terraformVersion
        self.outputs = outputs
        self.resources = resources
    }

    public static func newLineage() -> String { UUID().uuidString.lowercased() }

    public var isEmpty: Bool { resources.values.allSatisfy(\.isEmpty) }

    public func instance(_ addr: AbsResourceInstance) -> InstanceObject? {
        resources[addr.resource]?.instances[addr.key]
    }

    /// Every instance address, sorted.
    public var instanceAddresses: [AbsResourceInstance] {
        resources.values.flatMap { r in r.instances.keys.map { AbsResourceInstance(r.addr, $0) } }.sorted()
    }

    public mutating func setInstance(_ addr: AbsResourceInstance, _ obj: InstanceObject?, provider: String, eachMode: EachMode) {
        var r = resources[addr.resource] ?? ResourceState(addr: addr.resource, provider: provider, eachMode: eachMode)
        r.provider = provider
        r.eachMode = eachMode
        r.instances[addr.key] = obj
        resources[addr.resource] = r.isEmpty ? nil : r
    }

    /// Every deposed object, sorted by address and deposed key.
    public var deposedObjects: [(AbsResourceInstance, String, InstanceObject)] {
        var out: [(AbsResourceInstance, String, InstanceObject)] = []
        for r in resources.values {
            for (k, objs) in r.deposed { for (dk, o) in objs { out.append((AbsResourceInstance(r.addr, k), dk, o)) } }
        }
        return out.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    }

    /// Moves the current object of an instance aside as deposed (create_before_destroy).
    public mutating func depose(_ addr: AbsResourceInstance, key: String) {
        guard var r = resources[addr.resource], let obj = r.instances[addr.key] else { return }
        r.instances[addr.key] = nil
        r.deposed[addr.key, default: [:]][key] = obj
        resources[addr.resource] = r
    }

    /// Sets or removes a deposed object.
    public mutating func setDeposed(_ addr: AbsResourceInstance, key: String, _ obj: InstanceObject?, provider: String) {
        var r = resources[addr.resource] ?? ResourceState(addr: addr.resource, provider: provider)
        r.deposed[addr.key, default: [:]][key] = obj
        if r.deposed[addr.key]?.isEmpty == true { r.deposed[addr.key] = nil }
        resources[addr.resource] = r.isEmpty ? nil : r
    }

    /// A new random deposed key, as Terraform makes them (8 hex digits).
    public static func newDeposedKey() -> String {
        String(format: "%08x", UInt32.random(in: 0...UInt32.max))
    }

    /// Content equality, ignoring serial (used to decide whether the serial must increase).
    public func sameContent(as other: State) -> Bool {
        lineage == other.lineage && outputs == other.outputs && resources == other.resources
    }
}

/// Version strings.
public enum TerraceVersion {
    public static let version = "0.1.0"
    /// The Terraform version written into state files, so Terraform 1.0 tools read them.
    public static let terraformCompatible = "1.0.3"
}
