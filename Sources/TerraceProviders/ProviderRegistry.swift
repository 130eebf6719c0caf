/// A provider that needs nothing to be constructed, so it can register itself by type:
/// `registry.register(NullProvider.self)`. Providers that need outside state (the `aws`
/// provider needs its cloud store) register with a factory closure instead.
public protocol RegisteredProvider: Provider {
    /// The local name configurations use (`null` for `null_resource`).
    static var localName: String { get }
    /// The registry address written to state (`registry.terraform.io/hashicorp/null`).
    static var source: String { get }
    /// The version Terrace presents, matching the real provider whose schema it follows.
    static var version: String { get }
    init()
}

/// Providers by local name (`aws`, `random`, `null`, `terraform`), each with its registry
/// address and a factory that makes one instance per provider configuration (so two aliased
/// configurations of one provider never share settings such as the region).
public struct ProviderRegistry: Sendable {
    public struct Entry: Sendable {
        public var source: String
        public var version: String
        public var make: @Sendable () -> any Provider
        public init(source: String, version: String, make: @escaping @Sendable () -> any Provider) {
            self.source = source
            self.version = version
            self.make = make
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    public mutating func register(_ name: String, source: String, version: String, make: @escaping @Sendable () -> any Provider) {
        entries[name] = Entry(source: source, version: version, make: make)
    }

    /// Registers a provider that describes itself.
    public mutating func register<P: RegisteredProvider>(_ type: P.Type) {
        register(P.localName, source: P.source, version: P.version) { P() }
    }

    public subscript(name: String) -> Entry? { entries[name] }
    public var names: [String] { entries.keys.sorted() }

    /// `registry.terraform.io/hashicorp/aws` for `aws`.
    public func address(_ name: String) -> String {
        entries[name].map { $0.source } ?? "registry.terraform.io/hashicorp/\(name)"
    }

    /// The providers that need no cloud: terraform (terraform_data), null and random.
    public static func builtins() -> ProviderRegistry {
        var r = ProviderRegistry()
        r.register(TerraformProvider.self)
        r.register(NullProvider.self)
        r.register(RandomProvider.self)
        return r
    }
}
