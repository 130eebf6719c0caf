import Foundation
import Glibc
import TerraceBasics

/// Makes a store transaction all or nothing, even across `kill -9`: before a transaction first
/// changes a file, the file's previous content (or its absence) is appended to `.undo` and
/// synced; committing removes `.undo`. A transaction that throws is rolled back at once; one
/// whose process died is rolled back by the next writer, which finds `.undo` left behind (it
/// holds the store lock, so the dead writer is gone). A bucket whose name was claimed but whose
/// object was never written, or a VPC without its default security group, cannot survive.
final class UndoLog {
    let storeDir: String
    let path: String
    private var recorded: Set<String> = []
    private var file: AppendFile?

    init(storeDir: String) {
        self.storeDir = storeDir
        path = (storeDir as NSString).appendingPathComponent(".undo")
    }

    /// Records the current content of `file` (an absolute path in the store), once per transaction.
    func record(_ file: String) throws {
        guard recorded.insert(file).inserted else { return }
        let relative = String(file.dropFirst(storeDir.count + 1))
        let old: JSON = (try? FileSystem.read(file)).map { .string(String(decoding: $0, as: UTF8.self)) } ?? .null
        do {
            if self.file == nil { self.file = try AppendFile(path: path) }
            try self.file?.append(Array((JSONWriter.compact(.object([("path", .string(relative)), ("old", old)])) + "\n").utf8))
            try self.file?.sync()
        } catch {
            throw CloudError.storage("The simulated cloud could not record its undo log: \(error)")
        }
    }

    /// The transaction succeeded: forget the old contents.
    func commit() {
        guard file != nil else { return }
        file = nil
        unlink(path)
        FileSystem.syncDirectory(storeDir)
    }

    /// Puts back every file the transaction (or a dead writer's) changed.
    func rollback() {
        file = nil
        Self.rollback(storeDir: storeDir)
        recorded = []
    }

    /// Rolls back a transaction recorded in `storeDir/.undo`, if there is one.
    static func rollback(storeDir: String) {
        let path = (storeDir as NSString).appendingPathComponent(".undo")
        guard let bytes = try? FileSystem.read(path) else { return }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        // A torn last line is a record whose file was never touched: skip what does not parse.
        for line in lines.reversed() {
            guard let j = try? JSONParser.parse(String(line)), let relative = j["path"]?.stringValue else { continue }
            let file = (storeDir as NSString).appendingPathComponent(relative)
            switch j["old"] {
            case .string(let content)?:
                try? StoreFiles.write(file, content, tmpDir: (storeDir as NSString).appendingPathComponent(".tmp"))
            default:
                unlink(file)
            }
        }
        unlink(path)
        FileSystem.syncDirectory(storeDir)
    }
}
