import Foundation
import TerraceBasics

/// Reads and writes one state file. Writes are atomic (temporary file, fsync, rename), the
/// previous file is copied to `.backup` once per run, the serial only increases when content
/// changes, and a file that cannot be read as state is never overwritten.
public final class StateStore: @unchecked Sendable {
    public let path: String
    public var backupPath: String { path + ".backup" }
    public var journalPath: String { path + ".journal" }
    /// The state as last read from or written to disk.
    public private(set) var persisted: State?
    private var backedUp = false
    private let lock = NSLock()

    public init(path: String) { self.path = path }

    /// The state in the file, or nil when there is no file yet or the file is empty (as
    /// Terraform's `statefile.Read` treats a zero-length file: no state).
    public func load() throws(StateFile.Failure) -> State? {
        guard FileSystem.exists(path) else { return nil }
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            throw StateFile.Failure(summary: "Failed to load state", detail: "\(error)")
        }
        if bytes.isEmpty { return nil }
        let s = try StateFile.decode(bytes, path: path)
        persisted = s
        return s
    }

    /// Persists `state`, increasing its serial if its content differs from what is on disk.
    public func write(_ state: inout State) throws {
        lock.lock(); defer { lock.unlock() }
        if let p = persisted {
            if p.sameContent(as: state) && p.serial == state.serial { return }
            if !p.sameContent(as: state) && state.serial <= p.serial { state.serial = p.serial + 1 }
        } else if state.serial == 0 {
            state.serial = 1
        }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty && !FileSystem.isDirectory(dir) { try FileSystem.createDirectory(dir) }
        if !backedUp {
            if FileSystem.exists(path) { try FileSystem.copy(path, to: backupPath) }
            backedUp = true
        }
        let bytes = PhaseTimes.measure("encode state") { StateFile.bytes(state) }
        try PhaseTimes.measure("write state file") { try FileSystem.writeAtomically(path, bytes) }
        persisted = state
    }

    /// Overwrites the file with exactly `state` (for `state push`), keeping its serial.
    public func replace(with state: State) throws {
        lock.lock(); defer { lock.unlock() }
        if FileSystem.exists(path) && !backedUp { try FileSystem.copy(path, to: backupPath); backedUp = true }
        try FileSystem.writeAtomically(path, StateFile.bytes(state))
        persisted = state
    }
}
