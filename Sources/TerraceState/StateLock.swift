import Foundation
import Glibc
import TerraceBasics

/// Who holds a state lock and why, as Terraform's `LockInfo`.
public struct LockInfo: Sendable, Hashable {
    public var id: String
    public var path: String
    public var operation: String
    public var who: String
    public var version: String
    public var created: String
    public var pid: Int32
    public var info: String

    public var json: JSON {
        .object([("ID", .string(id)), ("Operation", .string(operation)), ("Info", .string(info)),
                 ("Who", .string(who)), ("Version", .string(version)), ("Created", .string(created)),
                 ("Path", .string(path)), ("PID", .int(pid))])
    }

    public static func from(_ j: JSON) -> LockInfo? {
        guard let id = j["ID"]?.stringValue else { return nil }
        return LockInfo(id: id, path: j["Path"]?.stringValue ?? "", operation: j["Operation"]?.stringValue ?? "",
                        who: j["Who"]?.stringValue ?? "", version: j["Version"]?.stringValue ?? "",
                        created: j["Created"]?.stringValue ?? "", pid: Int32(j["PID"]?.intValue ?? 0),
                        info: j["Info"]?.stringValue ?? "")
    }

    /// The "Lock Info:" block of Terraform's lock error.
    public var rendered: String {
        """
        Lock Info:
          ID:        \(id)
          Path:      \(path)
          Operation: \(operation)
          Who:       \(who)
          PID:       \(pid)
          Version:   \(version)
          Created:   \(created)
          Info:      \(info)
        """
    }
}

/// A lock on one state file. The lock is a file holding the `LockInfo`, kept `flock`ed by its
/// holder: when the holder process dies the kernel drops the flock, and the next run takes the
/// stale lock over instead of being blocked (the failure of hashicorp/terraform#27406).
/// `force-unlock` removes the file, releasing a lock whose holder is still alive.
public final class StateLock: @unchecked Sendable {
    public enum Failure: Error, Sendable {
        case held(LockInfo)
        case io(String)
    }

    public let lockPath: String
    public let statePath: String
    private var fd: Int32 = -1
    public private(set) var info: LockInfo?

    public init(statePath: String) {
        self.statePath = statePath
        let dir = (statePath as NSString).deletingLastPathComponent
        let base = (statePath as NSString).lastPathComponent
        lockPath = (dir.isEmpty ? "" : dir + "/") + "." + base + ".lock.info"
    }

    deinit { release() }

    /// Takes the lock, retrying until `timeout` seconds have passed while another live process holds it.
    public func acquire(operation: String, timeout: Double = 0) throws(Failure) -> LockInfo {
        let deadline = Date().addingTimeInterval(timeout)
        var delay = 0.05
        while true {
            do {
                return try tryAcquire(operation: operation)
            } catch .held(let holder) {
                if Date() >= deadline { throw .held(holder) }
                Thread.sleep(forTimeInterval: min(delay, max(0.01, deadline.timeIntervalSinceNow)))
                delay = min(delay * 2, 1)
            } catch {
                throw error
            }
        }
    }

    public static func currentUser() -> String {
        let user = ProcessInfo.processInfo.environment["USER"] ?? (getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "unknown")
        return "\(user)@\(ProcessInfo.processInfo.hostName)"
    }

    static func timestamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss.SSSSSS '+0000 UTC'"
        return f.string(from: Date())
    }

    func tryAcquire(operation: String) throws(Failure) -> LockInfo {
        let dir = (lockPath as NSString).deletingLastPathComponent
        if !dir.isEmpty && !FileSystem.isDirectory(dir) {
            do { try FileSystem.createDirectory(dir) } catch { throw .io("cannot create \(dir): \(error)") }
        }
        let newInfo = LockInfo(id: UUID().uuidString.lowercased(), path: statePath, operation: operation,
                               who: Self.currentUser(), version: TerraceVersion.version, created: Self.timestamp(),
                               pid: getpid(), info: "")
        let bytes = Array((JSONWriter.compact(newInfo.json) + "\n").utf8)
        // Publish a fully written, already locked file with link(), which fails if a lock exists.
        let tmp = lockPath + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let tfd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard tfd >= 0 else { throw .io("cannot create \(tmp): \(String(cString: strerror(errno)))") }
        flock(tfd, LOCK_EX)
        _ = bytes.withUnsafeBytes { write(tfd, $0.baseAddress, $0.count) }
        fsync(tfd)
        let linked = link(tmp, lockPath) == 0
        let linkErr = errno
        unlink(tmp)
        if linked {
            fd = tfd
            info = newInfo
            return newInfo
        }
        close(tfd)
        guard linkErr == EEXIST else { throw .io("cannot create lock \(lockPath): \(String(cString: strerror(linkErr)))") }
        // A lock file exists. If its holder is gone, its flock is gone too: take it over.
        let efd = open(lockPath, O_RDWR | O_CLOEXEC)
        guard efd >= 0 else { throw .held(LockInfo(id: "?", path: statePath, operation: "?", who: "?", version: "?", created: "?", pid: 0, info: "")) }
        if flock(efd, LOCK_EX | LOCK_NB) == 0 {
            // Make sure the file we locked is still the one at the path (not force-unlocked meanwhile).
            var a = stat(), b = stat()
            if fstat(efd, &a) == 0, stat(lockPath, &b) == 0, a.st_ino == b.st_ino {
                ftruncate(efd, 0)
                _ = bytes.withUnsafeBytes { pwrite(efd, $0.baseAddress, $0.count, 0) }
                fsync(efd)
                fd = efd
                info = newInfo
                return newInfo
            }
            close(efd)
            return try tryAcquire(operation: operation)
        }
        let held = (try? FileSystem.read(lockPath)).flatMap { try? JSONParser.parse($0) }.flatMap(LockInfo.from)
        close(efd)
        throw .held(held ?? LockInfo(id: "?", path: statePath, operation: "?", who: "?", version: "?", created: "?", pid: 0, info: ""))
    }

    /// Releases the lock if this object holds it; the file is removed only if it is still ours.
    public func release() {
        guard fd >= 0 else { return }
        var a = stat(), b = stat()
        if fstat(fd, &a) == 0, stat(lockPath, &b) == 0, a.st_ino == b.st_ino { unlink(lockPath) }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
        info = nil
    }

    /// The current holder, if any lock file exists.
    public func currentHolder() -> LockInfo? {
        (try? FileSystem.read(lockPath)).flatMap { try? JSONParser.parse($0) }.flatMap(LockInfo.from)
    }

    /// Removes the lock whose ID is `id` regardless of its holder (`terrace force-unlock`).
    public func forceUnlock(id: String) throws(Failure) {
        guard let holder = currentHolder() else { throw .io("No lock is held on \(statePath).") }
        guard holder.id == id else {
            throw .io("The lock ID \"\(id)\" does not match the existing lock ID \"\(holder.id)\".")
        }
        unlink(lockPath)
    }
}
