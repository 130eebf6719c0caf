import Foundation
import TerraceBasics

/// An error as an AWS API returns it: a code such as `InvalidSubnet.Conflict`, a message, and
/// whether retrying can help (throttling and server errors).
public struct CloudError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var retryable: Bool
    public var statusCode: Int

    public init(_ code: String, _ message: String, retryable: Bool = false, statusCode: Int = 400) {
        self.code = code
        self.message = message
        self.retryable = retryable
        self.statusCode = statusCode
    }

    public var description: String { "\(code): \(message)" }

    public static func notFound(_ code: String, _ message: String) -> CloudError { CloudError(code, message, statusCode: 404) }
}

/// One object in the simulated cloud.
public struct CloudObject: Sendable, Hashable {
    public var kind: String
    public var id: String
    public var account: String
    public var region: String
    /// The object's attributes, named as the Terraform AWS provider names them.
    public var attributes: JSON
    /// The idempotency token of the call that created it.
    public var token: String?

    public init(kind: String, id: String, account: String, region: String, attributes: JSON, token: String? = nil) {
        self.kind = kind
        self.id = id
        self.account = account
        self.region = region
        self.attributes = attributes
        self.token = token
    }

    var json: JSON {
        var m: [(String, JSON)] = [("kind", .string(kind)), ("id", .string(id)), ("account", .string(account)),
                                   ("region", .string(region)), ("attributes", attributes)]
        if let token { m.append(("token", .string(token))) }
        return .object(m)
    }

    static func from(_ j: JSON) -> CloudObject? {
        guard let kind = j["kind"]?.stringValue, let id = j["id"]?.stringValue, let account = j["account"]?.stringValue,
              let region = j["region"]?.stringValue, let attrs = j["attributes"] else { return nil }
        return CloudObject(kind: kind, id: id, account: account, region: region, attributes: attrs, token: j["token"]?.stringValue)
    }

    public subscript(key: String) -> JSON? { attributes[key] }
}

/// The embedded simulated cloud's store on disk: one JSON file per object under
/// `accounts/ACCOUNT/REGION/KIND/ID.json`, written atomically, and names that are unique
/// across accounts and regions (S3 buckets) under `global/`. Mutations hold an exclusive
/// `flock` on the store, so several processes can share one cloud without corrupting it;
/// reads need no lock because every write is a rename.
public final class CloudStore: @unchecked Sendable {
    public let dir: String
    private let lockFile: FileLock
    private let inProcess = NSLock()

    public init(dir: String) throws {
        self.dir = dir
        try FileSystem.createDirectory(dir)
        lockFile = FileLock(path: (dir as NSString).appendingPathComponent(".lock"))
    }

    /// The default location: `TERRACE_CLOUD_DIR`, else `.terrace/cloud` under `workingDir`.
    public static func defaultDirectory(workingDir: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = environment["TERRACE_CLOUD_DIR"], !d.isEmpty { return d }
        return (workingDir as NSString).appendingPathComponent(".terrace/cloud")
    }

    func kindDir(_ account: String, _ region: String, _ kind: String) -> String {
        "\(dir)/accounts/\(account)/\(region)/\(kind)"
    }

    func objectPath(_ account: String, _ region: String, _ kind: String, _ id: String) -> String {
        "\(kindDir(account, region, kind))/\(id).json"
    }

    public func get(_ kind: String, id: String, account: String, region: String) -> CloudObject? {
        let path = objectPath(account, region, kind, id)
        guard let bytes = try? FileSystem.read(path), let j = try? JSONParser.parse(bytes) else { return nil }
        return CloudObject.from(j)
    }

    /// Objects of a kind in one account, in one region or all; sorted by id.
    public func list(_ kind: String, account: String, region: String?) -> [CloudObject] {
        let regions = region.map { [$0] } ?? FileSystem.list("\(dir)/accounts/\(account)")
        var out: [CloudObject] = []
        for r in regions {
            for f in FileSystem.list(kindDir(account, r, kind)) where f.hasSuffix(".json") {
                if let o = get(kind, id: String(f.dropLast(5)), account: account, region: r) { out.append(o) }
            }
        }
        return out.sorted { $0.id < $1.id }
    }

    /// Every kind with objects in an account and region (or all regions).
    public func kinds(account: String, region: String?) -> [String] {
        let regions = region.map { [$0] } ?? FileSystem.list("\(dir)/accounts/\(account)")
        return Array(Set(regions.flatMap { FileSystem.list("\(dir)/accounts/\(account)/\($0)") })).sorted()
    }

    public var accounts: [String] { FileSystem.list("\(dir)/accounts") }

    /// Runs `body` with the store locked against every other process and thread.
    public func mutate<T>(_ body: (CloudTransaction) throws -> T) throws -> T {
        inProcess.lock()
        defer { inProcess.unlock() }
        return try lockFile.withLock { try body(CloudTransaction(store: self)) }
    }

    func write(_ o: CloudObject) throws {
        let d = kindDir(o.account, o.region, o.kind)
        if !FileSystem.isDirectory(d) { try FileSystem.createDirectory(d) }
        try FileSystem.writeAtomically(objectPath(o.account, o.region, o.kind, o.id), JSONWriter.pretty(o.json) + "\n")
    }

    func remove(_ o: CloudObject) {
        FileSystem.remove(objectPath(o.account, o.region, o.kind, o.id))
    }

    func globalPath(_ namespace: String, _ name: String) -> String { "\(dir)/global/\(namespace)/\(name).json" }

    /// Who owns a globally unique name (account and region), if anyone.
    public func globalOwner(_ namespace: String, _ name: String) -> (account: String, region: String, id: String)? {
        guard let bytes = try? FileSystem.read(globalPath(namespace, name)), let j = try? JSONParser.parse(bytes),
              let a = j["account"]?.stringValue, let r = j["region"]?.stringValue, let id = j["id"]?.stringValue else { return nil }
        return (a, r, id)
    }
}

/// The operations allowed while the store is locked.
public struct CloudTransaction {
    let store: CloudStore

    public func get(_ kind: String, id: String, account: String, region: String) -> CloudObject? {
        store.get(kind, id: id, account: account, region: region)
    }
    public func list(_ kind: String, account: String, region: String?) -> [CloudObject] {
        store.list(kind, account: account, region: region)
    }
    public func put(_ o: CloudObject) throws { try store.write(o) }
    public func delete(_ o: CloudObject) { store.remove(o) }
    public func findByToken(_ kind: String, token: String, account: String, region: String) -> CloudObject? {
        store.list(kind, account: account, region: region).first { $0.token == token }
    }
    public func globalOwner(_ namespace: String, _ name: String) -> (account: String, region: String, id: String)? {
        store.globalOwner(namespace, name)
    }
    public func claimGlobal(_ namespace: String, _ name: String, account: String, region: String, id: String) throws {
        let d = "\(store.dir)/global/\(namespace)"
        if !FileSystem.isDirectory(d) { try FileSystem.createDirectory(d) }
        try FileSystem.writeAtomically(store.globalPath(namespace, name),
                                       JSONWriter.compact(.object([("account", .string(account)), ("region", .string(region)), ("id", .string(id))])))
    }
    public func releaseGlobal(_ namespace: String, _ name: String) { FileSystem.remove(store.globalPath(namespace, name)) }
}
