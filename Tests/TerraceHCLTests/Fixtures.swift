import Foundation

/// The fixture files beside these tests.
enum Fixtures {
    static let root: String = ((#filePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("Fixtures")

    static func path(_ parts: String...) -> String {
        parts.reduce(root) { ($0 as NSString).appendingPathComponent($1) }
    }

    static func bytes(_ parts: String...) -> [UInt8] {
        let p = parts.reduce(root) { ($0 as NSString).appendingPathComponent($1) }
        return (FileManager.default.contents(atPath: p)).map { [UInt8]($0) } ?? []
    }

    /// File names in a fixture directory, sorted.
    static func list(_ dir: String, suffix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(dir))) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    }
}
