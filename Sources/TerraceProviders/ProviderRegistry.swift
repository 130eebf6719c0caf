/// Providers by local name (`aws`, `random`, `null`, `terraform`), each with its registry
/// address and a factory that makes one instance per provider configuration.
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

    public subscript(name: String) -> Entry? { entries[name] }
    public var names: [String] { entries.keys.sorted() }

    /// `registry.terraform.io/hashicorp/aws` for `aws`.
    public func address(_ name: String) -> String {
        entries[name].map { $0.source } ?? "registry.terraform.io/hashicorp/\(name)"
    }

    /// The providers that need no cloud: terraform (terraform_data), null and random.
    public static func builtins() -> ProviderRegistry {
        var r = ProviderRegistry()
        r.register("terraform", source: "terraform.io/builtin/terraform", version: "1.0.3") { TerraformProvider() }
        r.register("null", source: "registry.terraform.io/hashicorp/null", version: "2.1.2") { NullProvider() }
        r.register("random", source: "registry.terraform.io/hashicorp/random", version: "3.1.0") { RandomProvider() }
        return r
    }
}
