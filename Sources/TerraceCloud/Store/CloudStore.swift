import Foundation
import TerraceBasics

/// The embedded simulated cloud's store on disk: one JSON file per object under
/// `accounts/ACCOUNT/REGION/KIND/ID.json` (global services such as IAM under the region
/// `global`), written atomically, and names that are unique across accounts and regions
/// (S3 buckets) under `global/`.
///
/// Several processes can share one cloud: every mutation runs inside `mutate`, which holds an
/// exclusive `flock` on `.lock` (and a lock against the other threads of this process), so a
/// check such as "no other subnet overlaps" and the write that depends on it are atomic.
/// Reads need no lock because every write is a rename: a reader sees an object as it was
/// before or after a change, never half of one.
public final class CloudStore: @unchecked Sendable {
    public let dir: String
    private let lockFile: FileLock
    private let inProcess = NSLock()

    /// Opens the store; its directory is created by the first change, so commands that only
    /// read (console, validate, cost) leave no `.terrace/` behind.
    public init(dir: String) throws {
        self.dir = dir
        lockFile = FileLock(path: (dir as NSString).appendingPathComponent(".lock"))
        guard FileSystem.isDirectory(dir) else { return }
        StoreFiles.sweep(tmpDir)
        // A writer that died mid-transaction left an undo log: roll it back now if no one
        // else is writing (otherwise the next writer will).
        let probe = FileLock(path: (dir as NSString).appendingPathComponent(".lock"))
        if (try? probe.tryLock()) == true {
            UndoLog.rollback(storeDir: dir)
            probe.unlock()
        }
    }

    /// Where writes are prepared before they are renamed into place.
    var tmpDir: String { (dir as NSString).appendingPathComponent(".tmp") }

    /// The default location: `TERRACE_CLOUD_DIR`, else `.terrace/cloud` under `workingDir`.
    public static func defaultDirectory(workingDir: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = environment["TERRACE_CLOUD_DIR"], !d.isEmpty { return d }
        return (workingDir as NSString).appendingPathComponent(".terrace/cloud")
    }

    // MARK: Paths

    func regionDir(_ account: String, _ region: String) -> String { "\(dir)/accounts/\(account)/\(region)" }

    func kindDir(_ account: String, _ region: String, _ kind: String) -> String {
        "\(regionDir(account, region))/\(kind)"
    }

    func objectPath(_ account: String, _ region: String, _ kind: String, _ id: String) -> String {
        "\(kindDir(account, region, kind))/\(Self.fileName(id)).json"
    }

    /// IDs may be ARNs (`arn:aws:ecs:…:cluster/app`): `%` and `/` are escaped in file names.
    static func fileName(_ id: String) -> String {
        id.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F")
    }

    static func id(fromFileName name: String) -> String? {
        guard name.hasSuffix(".json") else { return nil }
        return String(name.dropLast(5)).replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%25", with: "%")
    }

    // MARK: Reading

    public func get(_ kind: String, id: String, account: String, region: String) -> CloudObject? {
        let path = objectPath(account, region, kind, id)
        guard let bytes = try? FileSystem.read(path), let j = try? JSONParser.parse(bytes) else { return nil }
        return CloudObject.from(j)
    }

    /// Objects of a kind in one account, in one region or all; sorted by region, then id.
    public func list(_ kind: String, account: String, region: String?) -> [CloudObject] {
        var out: [CloudObject] = []
        for r in region.map({ [$0] }) ?? regions(account: account) {
            for f in FileSystem.list(kindDir(account, r, kind)) {
                guard let id = Self.id(fromFileName: f) else { continue }
                if let o = get(kind, id: id, account: account, region: r) { out.append(o) }
            }
        }
        return out.sorted { ($0.region, $0.id) < ($1.region, $1.id) }
    }

    /// Every kind with objects in an account and region (or all regions).
    public func kinds(account: String, region: String?) -> [String] {
        let regions = region.map { [$0] } ?? regions(account: account)
        let names = regions.flatMap { r in
            FileSystem.list(regionDir(account, r)).filter { !FileSystem.list(kindDir(account, r, $0)).isEmpty }
        }
        return Array(Set(names)).sorted()
    }

    /// Regions (and `global`) with objects in an account.
    public func regions(account: String) -> [String] { FileSystem.list("\(dir)/accounts/\(account)") }

    public var accounts: [String] { FileSystem.list("\(dir)/accounts") }

    /// Every object of an account, in one region or all, sorted by kind, region and id.
    public func objects(account: String, region: String?) -> [CloudObject] {
        kinds(account: account, region: region).flatMap { list($0, account: account, region: region) }
    }

    /// The objects of an account whose id is `id`, in any kind and region.
    public func find(id: String, account: String) -> [CloudObject] {
        var out: [CloudObject] = []
        for r in regions(account: account) {
            for k in FileSystem.list(regionDir(account, r)) {
                if let o = get(k, id: id, account: account, region: r) { out.append(o) }
            }
        }
        return out
    }

    // MARK: Writing

    /// Runs `body` with the store locked against every other process and thread, as one
    /// transaction: everything it writes takes effect, or (when it throws, or its process dies
    /// midway) nothing does. Do not call `mutate` again from inside `body`: the lock is not
    /// re-entrant.
    public func mutate<T>(_ body: (CloudTransaction) throws -> T) throws -> T {
        inProcess.lock()
        defer { inProcess.unlock() }
        if !FileSystem.isDirectory(dir) { try FileSystem.createDirectory(dir) }
        return try lockFile.withLock {
            UndoLog.rollback(storeDir: dir)
            let log = UndoLog(storeDir: dir)
            let tx = CloudTransaction(store: self, log: log)
            do {
                let result = try body(tx)
                if let failure = tx.failure.value { throw failure }
                log.commit()
                return result
            } catch {
                log.rollback()
                throw error
            }
        }
    }

    func write(_ o: CloudObject) throws {
        let d = kindDir(o.account, o.region, o.kind)
        do {
            if !FileSystem.isDirectory(d) { try FileSystem.createDirectory(d) }
            try StoreFiles.write(objectPath(o.account, o.region, o.kind, o.id), JSONWriter.pretty(o.json) + "\n", tmpDir: tmpDir)
        } catch {
            throw CloudError.storage("The simulated cloud could not store \(o.kind) \(o.id): \(error)")
        }
    }

    func remove(_ o: CloudObject) {
        FileSystem.remove(objectPath(o.account, o.region, o.kind, o.id))
    }

    func globalPath(_ namespace: String, _ name: String) -> String { "\(dir)/global/\(namespace)/\(Self.fileName(name)).json" }

    /// Who owns a globally unique name (account and region), if anyone.
    public func globalOwner(_ namespace: String, _ name: String) -> (account: String, region: String, id: String)? {
        guard let bytes = try? FileSystem.read(globalPath(namespace, name)), let j = try? JSONParser.parse(bytes),
              let a = j["account"]?.stringValue, let r = j["region"]?.stringValue, let id = j["id"]?.stringValue else { return nil }
        return (a, r, id)
    }
}

/// The operations allowed while the store is locked. Writes are recorded in the transaction's
/// undo log first, so the transaction is all or nothing.
public struct CloudTransaction {
    let store: CloudStore
    let log: UndoLog
    /// A write that could not be recorded or made; the transaction fails when `body` returns.
    let failure = Box<CloudError?>(nil)

    final class Box<T>: @unchecked Sendable {
        var value: T
        init(_ v: T) { value = v }
    }

    public func get(_ kind: String, id: String, account: String, region: String) -> CloudObject? {
        store.get(kind, id: id, account: account, region: region)
    }
    public func list(_ kind: String, account: String, region: String?) -> [CloudObject] {
        store.list(kind, account: account, region: region)
    }
    /// Every object in a region, of every kind.
    public func objects(account: String, region: String) -> [CloudObject] {
        store.objects(account: account, region: region)
    }
    public func put(_ o: CloudObject) throws {
        try log.record(store.objectPath(o.account, o.region, o.kind, o.id))
        try store.write(o)
    }
    public func delete(_ o: CloudObject) {
        do {
            try log.record(store.objectPath(o.account, o.region, o.kind, o.id))
            store.remove(o)
        } catch let e as CloudError {
            failure.value = e
        } catch {
            failure.value = .storage("\(error)")
        }
    }
    public func findByToken(_ kind: String, token: String, account: String, region: String) -> CloudObject? {
        store.list(kind, account: account, region: region).first { $0.token == token }
    }
    /// The objects in a region, other than `id` itself and those it manages, that refer to `id`
    /// (or to any of `aliases`, such as its ARN) in any attribute; `kinds` limits the search.
    public func referencing(_ id: String, aliases: [String] = [], account: String, region: String, kinds: [String]? = nil) -> [CloudObject] {
        let candidates = kinds.map { $0.flatMap { store.list($0, account: account, region: region) } }
            ?? store.objects(account: account, region: region)
        let names = [id] + aliases
        return candidates.filter { o in o.id != id && o.managedBy != id && names.contains { o.refers(to: $0) } }
    }
    public func globalOwner(_ namespace: String, _ name: String) -> (account: String, region: String, id: String)? {
        store.globalOwner(namespace, name)
    }
    public func claimGlobal(_ namespace: String, _ name: String, account: String, region: String, id: String) throws {
        let d = "\(store.dir)/global/\(namespace)"
        try log.record(store.globalPath(namespace, name))
        do {
            if !FileSystem.isDirectory(d) { try FileSystem.createDirectory(d) }
            try StoreFiles.write(store.globalPath(namespace, name),
                                 JSONWriter.compact(.object([("account", .string(account)), ("region", .string(region)), ("id", .string(id))])),
                                 tmpDir: store.tmpDir)
        } catch {
            throw CloudError.storage("The simulated cloud could not record the name \(name): \(error)")
        }
    }
    public func releaseGlobal(_ namespace: String, _ name: String) {
        do {
            try log.record(store.globalPath(namespace, name))
            FileSystem.remove(store.globalPath(namespace, name))
        } catch {
            failure.value = .storage("\(error)")
        }
    }
}
