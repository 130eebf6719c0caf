import Testing
import TerraceBasics
@testable import TerraceCost

/// The YAML subset reader: structure of valid documents, and a diagnostic at the right
/// line and column for everything it does not accept.
@Suite struct YAMLReaderTests {
    /// A compact rendering of a node, to compare structures in a table.
    static func show(_ n: YAMLNode) -> String {
        switch n.kind {
        case .null: return "null"
        case .scalar(let s, let q): return q ? "'\(s)'" : s
        case .mapping(let e): return "{" + e.map { "\($0.key)=\(show($0.value))" }.joined(separator: ",") + "}"
        case .sequence(let items): return "[" + items.map(show).joined(separator: ",") + "]"
        }
    }

    @Test(arguments: [
        ("", "null"),
        ("# only a comment\n\n", "null"),
        ("a: 1\nb: two\n", "{a=1,b=two}"),
        ("version: 0.1\nresource_usage:\n  aws_nat_gateway.nat:\n    monthly_data_processed_gb: 100 # GB\n",
         "{version=0.1,resource_usage={aws_nat_gateway.nat={monthly_data_processed_gb=100}}}"),
        ("---\na:\n  b:\n    c: 1\n  d: 2\ne: 3\n", "{a={b={c=1},d=2},e=3}"),
        ("k: \"quoted # not a comment\"\n", "{k='quoted # not a comment'}"),
        ("'aws_s3_bucket.b[\"x\"]': {}\n", "{aws_s3_bucket.b[\"x\"]={}}"),
        ("\"module.a[\\\"k\\\"].x\":\n  n: 1\n", "{module.a[\"k\"].x={n=1}}"),
        ("k: 'it''s'\n", "{k='it's'}"),
        ("list:\n  - 1\n  - two\n", "{list=[1,two]}"),
        ("list:\n- a: 1\n  b: 2\n- c: 3\n", "{list=[{a=1,b=2},{c=3}]}"),
        ("flow: [1, 2, 'x']\nempty: []\n", "{flow=[1,2,'x'],empty=[]}"),
        ("a:\nb: ~\nc: null\n", "{a=null,b=null,c=null}"),
        ("url: http://x.y/z#frag\n", "{url=http://x.y/z#frag}"),
        ("windows: 1\r\nline: 2\r\n", "{windows=1,line=2}"),
    ])
    func parses(_ text: String, _ expected: String) throws {
        let (node, d) = YAMLReader.parse(text, filename: "t.yml")
        #expect(!d.hasErrors, "\(d)")
        let n = try #require(node)
        #expect(Self.show(n) == expected)
    }

    @Test(arguments: [
        ("a: 1\n\tb: 2\n", "Tab in indentation", 2, 1),
        ("a: 1\nno colon here\n", "Missing colon", 2, 1),
        ("a: 1\na: 2\n", "Duplicate mapping key", 2, 1),
        ("a: 1\n    b: 2\n", "Bad indentation", 2, 5),
        ("a: \"open\n", "Unterminated string", 1, 4),
        ("a: &anchor 1\n", "Unsupported YAML", 1, 4),
        ("a: *alias\n", "Unsupported YAML", 1, 4),
        ("a: |\n  text\n", "Unsupported YAML", 1, 4),
        ("a: !!int 1\n", "Unsupported YAML", 1, 4),
        ("{a: 1}\n", "Missing colon", 1, 1),
        ("a: [1, 2\n", "Unsupported flow sequence", 1, 4),
        ("a: \"x\" y\n", "Unexpected text after string", 1, 4),
    ])
    func rejects(_ text: String, _ summary: String, _ line: Int, _ column: Int) {
        let (node, d) = YAMLReader.parse(text, filename: "bad.yml")
        #expect(node == nil)
        let e = d.errors.first
        #expect(e?.summary == summary, "\(d)")
        #expect(e?.subject?.filename == "bad.yml")
        #expect(e?.subject?.start.line == line && e?.subject?.start.column == column, "\(String(describing: e?.subject))")
        #expect(!(e?.detail.isEmpty ?? true))
    }
}
