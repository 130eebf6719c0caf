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
