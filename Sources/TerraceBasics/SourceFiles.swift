import Foundation

/// The text of every file read in this run, so diagnostics can quote source lines, and the body
/// ranges of top-level blocks, so they can say which block a problem is in
/// (`in resource "aws_vpc" "main"`), as HCL's `ContextString` does.
public final class SourceFiles: @unchecked Sendable {
    public struct BlockContext: Sendable {
        public var header: String
        public var body: SourceRange
        /// The whole block, from its type name to its closing brace (the body when not given).
        public var block: SourceRange
        public init(header: String, body: SourceRange, block: SourceRange? = nil) {
            self.header = header
            self.body = body
            self.block = block ?? body
        }
    }

    private struct Entry {
        var bytes: [UInt8]
        var lineStarts: [Int]?
        var contexts: [BlockContext] = []
    }

    private var files: [String: Entry] = [:]
    private let lock = NSLock()

    public init() {}

    /// The registry used by the command line; tests may make their own.
    public static let shared = SourceFiles()

    public func register(_ filename: String, bytes: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        files[filename] = Entry(bytes: bytes)
    }

    public func registerContexts(_ filename: String, _ contexts: [BlockContext]) {
        lock.lock(); defer { lock.unlock() }
        files[filename]?.contexts = contexts
    }

    public func bytes(_ filename: String) -> [UInt8]? {
        lock.lock(); defer { lock.unlock() }
        return files[filename]?.bytes
    }

    /// The header of the first top-level block containing the byte just before `pos`, if any:
    /// Terraform looks one byte back, so a problem with a block's header line is reported
    /// without the block itself as context.
    public func context(_ filename: String, at pos: SourcePos) -> String? {
        lock.lock(); defer { lock.unlock() }
        let offset = pos.byte - 1
        return files[filename]?.contexts.first { $0.block.start.byte <= offset && offset < $0.block.end.byte }?.header
    }

    /// Lines `from...to` (1-based) of a file, without their line terminators.
    public func lines(_ filename: String, from: Int, to: Int) -> [String] {
        lock.lock(); defer { lock.unlock() }
        guard var entry = files[filename] else { return [] }
        if entry.lineStarts == nil {
            var starts = [0]
            for (i, b) in entry.bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
            entry.lineStarts = starts
            files[filename] = entry
        }
        let starts = entry.lineStarts ?? [0]
        var out: [String] = []
        guard from >= 1 else { return [] }
        for line in from...max(from, to) where line <= starts.count {
            let s = starts[line - 1]
            var e = line < starts.count ? starts[line] - 1 : entry.bytes.count
            if e > s, entry.bytes[e - 1] == UInt8(ascii: "\r") { e -= 1 }
            out.append(String(decoding: entry.bytes[s..<max(s, e)], as: UTF8.self))
        }
        return out
    }
}
