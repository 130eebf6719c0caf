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

    public init(addr: AbsResource, provider: String, eachMode: EachMode = .none, instances: [InstanceKey: InstanceObject] = [:]) {
        self.addr = addr
        self.provider = provider
        self.eachMode = eachMode
        self.instances = instances
    }
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

    public var isEmpty: Bool { resources.values.allSatisfy { $0.instances.isEmpty } }

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
        if r.instances.isEmpty { resources[addr.resource] = nil } else { resources[addr.resource] = r }
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
