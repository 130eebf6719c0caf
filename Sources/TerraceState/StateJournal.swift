import Foundation
import TerraceBasics
import TerraceGraph

/// The apply journal: an append-only log beside the state file that makes every change durable
/// the moment it happens without rewriting the whole state (so apply stays linear). Before a
/// create, an *intent* with an idempotency token is made durable; after each change its result
/// is. A run killed at any instant leaves a journal the next run replays and reconciles, so no
/// cloud object is ever unknown to state or created twice. Appends from concurrent operations
/// share fsyncs (group commit).
public final class StateJournal: @unchecked Sendable {
    public struct Intent: Sendable, Hashable {
        public var seq: Int
        public var addr: String
        public var action: String
        public var resourceType: String
        public var provider: String
        public var token: String
        /// The object being updated or deleted, if any.
        public var prior: InstanceObject?
        /// Set when the operation is on a deposed object.
        public var deposed: String?
    }

    public struct Done: Sendable, Hashable {
        public var seq: Int
        public var addr: String
        public var provider: String
        public var each: EachMode
        public var object: InstanceObject?
        /// Set when the change was to a deposed object (or, for op "depose", the key it got).
        public var deposed: String?
        /// True for a "depose" record: the current object was moved aside.
        public var depose: Bool = false
    }

    public let path: String
    private let file: AppendFile
    private let lock = NSLock()
    /// Records appended so far; the ones not yet written to the file wait in `pending`, and go
    /// out in one write with the next sync (so a record costs no system call of its own).
    private var written = 0
    private var pending: [UInt8] = []
    private var synced = 0
    private var syncing = false
    private var nextSeq = 1

    /// Starts a journal for a run whose state has `lineage` and `serial`.
    public init(path: String, lineage: String, serial: Int) throws {
        self.path = path
        FileSystem.remove(path)
        file = try AppendFile(path: path)
        try file.append(Self.line(.object([("op", .string("begin")), ("lineage", .string(lineage)), ("serial", .int(serial))])))
        try file.sync()
        FileSystem.syncDirectory((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent)
    }

    static func line(_ j: JSON) -> [UInt8] { Array((JSONWriter.compact(j) + "\n").utf8) }

    private func append(_ j: JSON) throws -> Int {
        let line = Self.line(j)
        lock.lock()
        defer { lock.unlock() }
        pending.append(contentsOf: line)
        written += 1
        return written
    }

    /// Writes the pending records to the file, in the order they were appended; returns how
    /// many records the file then holds. Called with `lock` held.
    private func writePendingLocked() throws -> Int {
        if !pending.isEmpty {
            try file.append(pending)
            pending.removeAll(keepingCapacity: true)
        }
        return written
    }

    /// Waits, without blocking a thread, until record `n` is on disk. One syncer at a time
    /// runs `fdatasync` off the concurrency pool and each round covers every record appended
    /// before it started, so the operations in flight share one sync instead of queueing for
    /// one each. (A blocking sync from async code held one of the pool's few threads per
    /// waiter, so at most a couple of records were ever appended per sync and apply spent most
    /// of its time waiting for the disk.)
    private func durable(_ n: Int) async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
            lock.lock()
            if synced >= n {
                lock.unlock()
                c.resume()
                return
            }
            waiters.append((n, c))
            let start = !syncing
            syncing = true
            lock.unlock()
            if start { Self.syncQueue.async { self.syncRounds() } }
        }
    }

    private static let syncQueue = DispatchQueue(label: "terrace.journal.sync")
    private var waiters: [(Int, CheckedContinuation<Void, Error>)] = []

    /// Syncs until no async waiter is left; resumes each once its record is durable.
    private func syncRounds() {
        while true {
            lock.lock()
            if waiters.isEmpty {
                syncing = false
                lock.unlock()
                return
            }
            var failure: Error?
            var target = 0
            do { target = try writePendingLocked() } catch { failure = error }
            lock.unlock()
            if failure == nil {
                do { try file.sync() } catch { failure = error }
            }
            lock.lock()
            if failure == nil { synced = max(synced, target) }
            var ready: [CheckedContinuation<Void, Error>] = []
            waiters.removeAll { w in
                guard failure != nil || w.0 <= synced else { return false }
                ready.append(w.1)
                return true
            }
            lock.unlock()
            for c in ready {
                if let failure { c.resume(throwing: failure) } else { c.resume() }
            }
        }
    }

    /// Records that an operation is about to start; durable before returning.
    public func intent(addr: String, action: String, resourceType: String, provider: String, token: String,
                       prior: InstanceObject?, deposed: String? = nil) async throws -> Int {
        let (seq, n) = try appendIntent(addr: addr, action: action, resourceType: resourceType, provider: provider,
                                        token: token, prior: prior, deposed: deposed)
        try await durable(n)
        return seq
    }

    /// Records an operation's result (nil object: the instance no longer exists); durable before returning.
    public func done(seq: Int, addr: String, provider: String, each: EachMode, object: InstanceObject?, deposed: String? = nil) async throws {
        try await durable(try appendDone(seq: seq, addr: addr, provider: provider, each: each, object: object, deposed: deposed))
    }

    /// Records that an instance's current object was moved aside (create_before_destroy);
    /// durable before returning.
    public func depose(addr: String, key: String, provider: String, each: EachMode) async throws {
        try await durable(try appendDepose(addr: addr, key: key, provider: provider, each: each))
    }

    private func appendIntent(addr: String, action: String, resourceType: String, provider: String, token: String,
                              prior: InstanceObject?, deposed: String?) throws -> (seq: Int, record: Int) {
        lock.lock()
        let seq = nextSeq
        nextSeq += 1
        lock.unlock()
        var m: [(String, JSON)] = [("op", .string("intent")), ("seq", .int(seq)), ("addr", .string(addr)),
                                   ("action", .string(action)), ("type", .string(resourceType)),
                                   ("provider", .string(provider)), ("token", .string(token))]
        if let prior { m.append(("prior", StateFile.encodeInstance(prior))) }
        if let deposed { m.append(("deposed", .string(deposed))) }
        return (seq, try append(.object(m)))
    }

    private func appendDone(seq: Int, addr: String, provider: String, each: EachMode, object: InstanceObject?, deposed: String?) throws -> Int {
        var m: [(String, JSON)] = [("op", .string("done")), ("seq", .int(seq)), ("addr", .string(addr)),
                                   ("provider", .string(provider)), ("each", .string(each.rawValue))]
        if let deposed { m.append(("deposed", .string(deposed))) }
        m.append(("object", object.map(StateFile.encodeInstance) ?? .null))
        return try append(.object(m))
    }

    private func appendDepose(addr: String, key: String, provider: String, each: EachMode) throws -> Int {
        try append(.object([("op", .string("depose")), ("addr", .string(addr)), ("deposed", .string(key)),
                            ("provider", .string(provider)), ("each", .string(each.rawValue))]))
    }

    /// Removes the journal after its changes reached the state file.
    public func finish() {
        FileSystem.remove(path)
    }

    /// Reads a journal left by an interrupted run: the completed changes, and the intents with no
    /// result (to be reconciled against the provider). A torn final line is ignored.
    public static func read(_ path: String) -> (lineage: String?, done: [Done], pending: [Intent])? {
        guard let bytes = try? FileSystem.read(path) else { return nil }
        var lineage: String?
        var intents: [Int: Intent] = [:]
        var done: [Done] = []
        for raw in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let j = try? JSONParser.parse(Array(raw)) else { continue }
            switch j["op"]?.stringValue {
            case "begin": lineage = j["lineage"]?.stringValue
            case "intent":
                guard let seq = j["seq"]?.intValue, let addr = j["addr"]?.stringValue else { continue }
                intents[seq] = Intent(seq: seq, addr: addr, action: j["action"]?.stringValue ?? "",
                                      resourceType: j["type"]?.stringValue ?? "", provider: j["provider"]?.stringValue ?? "",
                                      token: j["token"]?.stringValue ?? "",
                                      prior: j["prior"].flatMap { StateFile.decodeInstance($0) },
                                      deposed: j["deposed"]?.stringValue)
            case "done":
                guard let seq = j["seq"]?.intValue, let addr = j["addr"]?.stringValue else { continue }
                let obj: InstanceObject? = j["object"].flatMap { $0.isNull ? nil : StateFile.decodeInstance($0) }
                done.append(Done(seq: seq, addr: addr, provider: j["provider"]?.stringValue ?? "",
                                 each: EachMode(rawValue: j["each"]?.stringValue ?? "") ?? .none, object: obj,
                                 deposed: j["deposed"]?.stringValue))
                intents[seq] = nil
            case "depose":
                guard let addr = j["addr"]?.stringValue, let key = j["deposed"]?.stringValue else { continue }
                done.append(Done(seq: 0, addr: addr, provider: j["provider"]?.stringValue ?? "",
                                 each: EachMode(rawValue: j["each"]?.stringValue ?? "") ?? .none, object: nil,
                                 deposed: key, depose: true))
            default: continue
            }
        }
        return (lineage, done, intents.values.sorted { $0.seq < $1.seq })
    }
}

extension StateFile {
    /// One instance object as state v4 writes it (without its index key).
    public static func encodeInstance(_ inst: InstanceObject) -> JSON {
        var im: [(String, JSON)] = []
        if inst.tainted { im.append(("status", .string("tainted"))) }
        im.append(("schema_version", .int(inst.schemaVersion)))
        im.append(("attributes", inst.attributes))
        im.append(("sensitive_attributes", .array(inst.sensitivePaths)))
        if let p = inst.privateData { im.append(("private", .string(p))) }
        if !inst.dependencies.isEmpty { im.append(("dependencies", .array(inst.dependencies.sorted().map { .string($0) }))) }
        if inst.createBeforeDestroy { im.append(("create_before_destroy", .bool(true))) }
        return .object(im)
    }

    public static func decodeInstance(_ j: JSON) -> InstanceObject? {
        guard let attrs = j["attributes"], case .object = attrs else { return nil }
        return InstanceObject(attributes: attrs, sensitivePaths: j["sensitive_attributes"]?.arrayValue ?? [],
                              dependencies: (j["dependencies"]?.arrayValue ?? []).compactMap(\.stringValue),
                              schemaVersion: j["schema_version"]?.intValue ?? 0,
                              tainted: j["status"]?.stringValue == "tainted",
                              createBeforeDestroy: j["create_before_destroy"]?.boolValue ?? false,
                              privateData: j["private"]?.stringValue)
    }
}
