import Foundation

/// A fresh directory under the system temporary directory, removed when the test ends.
public final class TempDirectory: @unchecked Sendable {
    public let path: String

    public init(_ prefix: String = "terrace-test") {
        let base = NSTemporaryDirectory()
        path = (base as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        let p = file(name)
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    public func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }

    /// Copies a directory's files (recursively) into this one.
    public func copy(from dir: String) {
        let fm = FileManager.default
        guard let items = fm.enumerator(atPath: dir) else { return }
        for case let item as String in items {
            let src = (dir as NSString).appendingPathComponent(item)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: src, isDirectory: &isDir) else { continue }
            let dst = file(item)
            if isDir.boolValue { try? fm.createDirectory(atPath: dst, withIntermediateDirectories: true) }
            else { try? fm.copyItem(atPath: src, toPath: dst) }
        }
    }
}
