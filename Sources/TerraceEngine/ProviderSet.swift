import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceLang
import TerraceProviders

/// The provider instances of one run: one per provider configuration (including implied
/// empty ones), created from the registry and configured once.
public final class ProviderSet: @unchecked Sendable {
    public struct Resolved: Sendable {
        /// The module path that declares the configuration, and its key (`aws`, `aws.west`).
        public var path: [String]
        public var key: String
        public var provider: any Provider
        /// As written to state: `provider["registry.terraform.io/hashicorp/aws"].west`.
        public var address: String
        public var name: String
    }

    public let registry: ProviderRegistry
    public let config: Config
    private var instances: [String: Resolved] = [:]
    private var configured: Set<String> = []
    private let lock = NSLock()

    public init(registry: ProviderRegistry, config: Config) {
        self.registry = registry
        self.config = config
    }

    static func nodeKey(_ path: [String], _ key: String) -> String {
        path.map { "module.\($0)." }.joined() + key
    }

    /// The configuration a reference in module `path` resolves to, following `providers` maps
    /// of module calls and falling back to the root's implied default.
    public func resolve(_ ref: ProviderRef, in path: [String]) -> Resolved? {
        var p = path
        var key = ref.key
        while true {
            if let mc = config.descendant(p), mc.module.providerConfigs[key] != nil { return instance(p, key) }
            guard let last = p.last else { break }
            let parent = Array(p.dropLast())
            if let call = config.descendant(parent)?.module.moduleCalls[last], let mapped = call.providers[key] {
                key = mapped.key
            }
            p = parent
        }
        // An unconfigured default provider is implied at the root; an unconfigured alias is an error.
        if key.contains(".") { return nil }
        return instance([], key)
    }

    /// Resolves a state `provider` string (`provider["registry.terraform.io/hashicorp/aws"].west`,
    /// possibly prefixed with `module.x.`).
    public func resolve(stateAddress: String) -> Resolved? {
        guard let open = stateAddress.range(of: "provider[\"") else { return nil }
        let prefix = stateAddress[..<open.lowerBound]
        let rest = stateAddress[open.upperBound...]
        guard let close = rest.range(of: "\"]") else { return nil }
        let source = String(rest[..<close.lowerBound])
        let aliasPart = rest[close.upperBound...]
        let alias = aliasPart.hasPrefix(".") ? String(aliasPart.dropFirst()) : nil
        guard let name = registry.names.first(where: { registry.address($0) == source }) ?? source.split(separator: "/").last.map(String.init) else { return nil }
        var path: [String] = []
        for part in prefix.split(separator: ".") where part != "module" {
            let n = part.split(separator: "[").first.map(String.init) ?? String(part)
            path.append(n)
        }
        let key = alias.map { "\(name).\($0)" } ?? name
        if let mc = config.descendant(path), mc.module.providerConfigs[key] != nil { return instance(path, key) }
        return resolve(ProviderRef(name: name, alias: alias), in: path) ?? instance([], key)
    }

    func instance(_ path: [String], _ key: String) -> Resolved? {
        lock.lock(); defer { lock.unlock() }
        let nk = Self.nodeKey(path, key)
        if let r = instances[nk] { return r }
        let name = String(key.split(separator: ".").first ?? Substring(key))
        guard let entry = registry[name] else { return nil }
        let alias = key.contains(".") ? String(key.split(separator: ".").last!) : nil
        var address = path.map { "module.\($0)." }.joined() + "provider[\"\(entry.source)\"]"
        if let alias { address += ".\(alias)" }
        let r = Resolved(path: path, key: key, provider: entry.make(), address: address, name: name)
        instances[nk] = r
        return r
    }

    /// Configures a provider once; later calls are no-ops.
    public func configure(_ r: Resolved, with value: Value) -> Diagnostics {
        lock.lock()
        let nk = Self.nodeKey(r.path, r.key)
        if configured.contains(nk) { lock.unlock(); return Diagnostics() }
        configured.insert(nk)
        lock.unlock()
        return r.provider.configure(value)
    }

    /// Configures an implied (block-less) provider with an empty configuration.
    public func ensureConfigured(_ r: Resolved) -> Diagnostics {
        guard config.descendant(r.path)?.module.providerConfigs[r.key] == nil else {
            lock.lock(); defer { lock.unlock() }
            if configured.contains(Self.nodeKey(r.path, r.key)) { return Diagnostics() }
            return Diagnostics()
        }
        let empty = r.provider.schema.provider.attributes.mapValues { Value.null($0.type) }
        return configure(r, with: .object(empty))
    }

    public func isConfigured(_ r: Resolved) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return configured.contains(Self.nodeKey(r.path, r.key))
    }
}
