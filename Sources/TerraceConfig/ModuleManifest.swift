import Foundation
import TerraceBasics

/// The module tree as `init` records it in `.terrace/modules/modules.json`, in the layout of
/// Terraform's `.terraform/modules/modules.json`: one record per module with its key (call
/// names joined by dots, "" for the root), its source as written, and its directory relative
/// to the root module.
public struct ModuleManifest: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        public var key: String
        public var source: String
        public var dir: String
        public init(key: String, source: String, dir: String) {
            self.key = key
            self.source = source
            self.dir = dir
        }
    }

    public var records: [Record]

    /// Where the manifest lives, relative to the working directory.
    public static let path = ".terrace/modules/modules.json"

    public init(records: [Record]) { self.records = records }

    /// The manifest of a loaded tree, records sorted by key.
    public init(config: Config, rootDir: String) {
        var records: [Record] = []
        func walk(_ c: Config, source: String) {
            records.append(Record(key: c.path.joined(separator: "."), source: source,
                                  dir: Self.relative(c.module.dir, to: rootDir)))
            for name in c.children.keys.sorted() {
                guard let child = c.children[name] else { continue }
                walk(child, source: c.module.moduleCalls[name]?.source ?? "")
            }
        }
        walk(config, source: "")
        self.records = records.sorted { $0.key < $1.key }
    }

    public var json: JSON {
        .object([("Modules", .array(records.map {
            .object([("Key", .string($0.key)), ("Source", .string($0.source)), ("Dir", .string($0.dir))])
        }))])
    }

    /// Reads a manifest; nil when the file is missing or not a manifest.
    public static func read(_ file: String) -> ModuleManifest? {
        guard let text = try? FileSystem.readString(file), let json = try? JSONParser.parse(text),
              let modules = json["Modules"]?.arrayValue else { return nil }
        var records: [Record] = []
        for m in modules {
            guard let key = m["Key"]?.stringValue, let source = m["Source"]?.stringValue, let dir = m["Dir"]?.stringValue else { return nil }
            records.append(Record(key: key, source: source, dir: dir))
        }
        return ModuleManifest(records: records)
    }

    public func write(to file: String) throws {
        try FileSystem.createDirectory((file as NSString).deletingLastPathComponent)
        try FileSystem.writeAtomically(file, JSONWriter.compact(json))
    }

    /// `path` relative to `base` (both directories), with `..` where it lies outside.
    static func relative(_ path: String, to base: String) -> String {
        let p = (path as NSString).standardizingPath.split(separator: "/").map(String.init)
        let b = (base as NSString).standardizingPath.split(separator: "/").map(String.init)
        var common = 0
        while common < min(p.count, b.count) && p[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: b.count - common) + p[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
