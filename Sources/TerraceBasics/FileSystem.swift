import Foundation
import Glibc

/// Small POSIX file helpers: whole-file reads, crash-safe atomic writes, appends with fsync and
/// advisory locks. Everything Terrace persists goes through here, created with mode 0600.
public enum FileSystem {
    public struct IOError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
        init(_ path: String, _ message: String) {
            self.path = path
            self.message = message
        }
        static func errno(_ path: String, _ what: String) -> IOError {
            IOError(path, "\(what): \(String(cString: strerror(Glibc.errno)))")
        }
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystem.IOError.errno(path, "cannot open") }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw FileSystem.IOError.errno(path, "cannot read")
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }

    /// Reads a file descriptor (a pipe, standard input) to its end, retrying reads a signal
    /// interrupted.
    public static func readAll(fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 { out.append(contentsOf: buf[0..<n]); continue }
            if n < 0 && Glibc.errno == EINTR { continue }
            return out
        }
    }

    public static func readString(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }

    public static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw IOError(path, "cannot create directory: \(error.localizedDescription)")
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw FileSystem.IOError.errno(path, "cannot write")
            }
            off += n
        }
    }

    /// Writes `bytes` to `path` so that a crash at any instant leaves either the old file or the
    /// new one, never a mixture: a temporary file in the same directory, fsync, rename, fsync of
    /// the directory.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileSystem.IOError.errno(tmp, "cannot create") }
        do {
            try writeAll(fd, bytes, tmp)
            guard fsync(fd) == 0 else { throw IOError.errno(tmp, "cannot sync") }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        close(fd)
        guard rename(tmp, path) == 0 else {
            let e = IOError.errno(path, "cannot rename into place")
            unlink(tmp)
            throw e
        }
        syncDirectory(dir.isEmpty ? "." : dir)
    }

    public static func writeAtomically(_ path: String, _ text: String, mode: mode_t = 0o600) throws {
        try writeAtomically(path, Array(text.utf8), mode: mode)
    }

    public static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    public static func remove(_ path: String) { unlink(path) }

    /// Copies a file's bytes to `to` atomically (used for `.backup` files).
    public static func copy(_ from: String, to: String) throws {
        try writeAtomically(to, try read(from))
    }

    /// Names in a directory, sorted; empty if it does not exist.
    public static func list(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }
}

/// An append-only file whose appends are durable once `sync()` returns.
public final class AppendFile: @unchecked Sendable {
    public let path: String
    private let fd: Int32

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystem.IOError.errno(path, "cannot open for append") }
    }

    deinit { close(fd) }

    public func append(_ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw FileSystem.IOError.errno(path, "cannot append")
            }
            off += n
        }
    }

    public func sync() throws {
        guard fdatasync(fd) == 0 else { throw FileSystem.IOError.errno(path, "cannot sync") }
    }
}

/// An advisory whole-file lock (`flock`), released automatically by the kernel when the
/// holding process dies, so a killed run never leaves a lock that blocks the next one.
public final class FileLock: @unchecked Sendable {
    public let path: String
    private var fd: Int32 = -1

    public init(path: String) { self.path = path }

    deinit { unlock() }

    /// Tries to take the lock without waiting; returns false if another process holds it.
    public func tryLock(exclusive: Bool = true) throws -> Bool {
        if fd < 0 {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw FileSystem.IOError.errno(path, "cannot open lock file") }
        }
        if flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 { return true }
        if Glibc.errno == EWOULDBLOCK { return false }
        throw FileSystem.IOError.errno(path, "cannot lock")
    }

    /// Waits for the lock.
    public func lock(exclusive: Bool = true) throws {
        if fd < 0 {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw FileSystem.IOError.errno(path, "cannot open lock file") }
        }
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if Glibc.errno != EINTR { throw FileSystem.IOError.errno(path, "cannot lock") }
        }
    }

    public func unlock() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    /// Runs `body` holding the lock exclusively.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        try lock()
        defer { unlock() }
        return try body()
    }
}
