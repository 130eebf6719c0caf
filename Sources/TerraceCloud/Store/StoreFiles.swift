import Foundation
import Glibc
import TerraceBasics

/// Atomic writes for the store whose temporary files live in the store's own `.tmp/`
/// directory (on the same file system, so the rename is atomic), never beside the objects: a
/// process killed mid-write leaves no stray file among a kind's objects.
enum StoreFiles {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ path: String, _ text: String, tmpDir: String) throws {
        if !FileSystem.isDirectory(tmpDir) { try FileSystem.createDirectory(tmpDir) }
        let tmp = "\(tmpDir)/\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "\(tmp): cannot create: \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { buf in Glibc.write(fd, buf.baseAddress.map { $0 + off }, bytes.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                close(fd)
                unlink(tmp)
                throw Failure(description: "\(tmp): cannot write: \(message)")
            }
            off += n
        }
        if fsync(fd) != 0 {
            close(fd)
            unlink(tmp)
            throw Failure(description: "\(tmp): cannot sync")
        }
        close(fd)
        guard rename(tmp, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(tmp)
            throw Failure(description: "\(path): cannot rename into place: \(message)")
        }
        FileSystem.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// Removes temporary files left by processes that no longer run.
    static func sweep(_ tmpDir: String) {
        for name in FileSystem.list(tmpDir) {
            guard let pid = name.split(separator: "-").first.flatMap({ Int32($0) }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(tmpDir)/\(name)") }
        }
    }
}
