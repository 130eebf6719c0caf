import Testing
import TerraceBasics

@Suite struct DiagnosticTests {
    @Test(arguments: [
        ("trigers", ["triggers", "count", "provider"], "triggers"),
        ("cidr_blok", ["cidr_block", "vpc_id"], "cidr_block"),
        ("zzz", ["triggers"], nil),
    ] as [(String, [String], String?)])
    func suggestsNearNames(_ name: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestions.nearest(name, in: candidates) == expected)
    }

    @Test func levenshtein() {
        #expect(Suggestions.levenshtein("kitten", "sitting") == 3)
        #expect(Suggestions.levenshtein("", "abc") == 3)
    }

    /// The plain layout matches what Terraform 1.0.3 prints under -no-color.
    @Test func rendersTerraformPlainLayout() {
        let sources = SourceFiles()
        let text = "resource \"null_resource\" \"a\" {\n  trigers = {\n    x = \"1\"\n  }\n}\n"
        sources.register("main.tf", bytes: Array(text.utf8))
        sources.registerContexts("main.tf", [.init(header: "resource \"null_resource\" \"a\"",
            body: SourceRange(filename: "main.tf", start: SourcePos(line: 1, column: 30, byte: 29), end: SourcePos(line: 5, column: 2, byte: 66)))])
        let d = Diagnostic.error("Unsupported argument", "An argument named \"trigers\" is not expected here. Did you mean \"triggers\"?",
                                 at: SourceRange(filename: "main.tf", start: SourcePos(line: 2, column: 3, byte: 33), end: SourcePos(line: 2, column: 10, byte: 40)))
        let out = DiagnosticRenderer(color: false, sources: sources).render(d)
        #expect(out == """

        Error: Unsupported argument

          on main.tf line 2, in resource "null_resource" "a":
           2:   trigers = {

        An argument named "trigers" is not expected here. Did you mean "triggers"?

        """)
    }

    @Test func colouredLayoutUnderlinesTheSubject() {
        let sources = SourceFiles()
        sources.register("x.tf", bytes: Array("a = bad\n".utf8))
        let d = Diagnostic.error("Oops", "Detail.", at: SourceRange(filename: "x.tf", start: SourcePos(line: 1, column: 5, byte: 4), end: SourcePos(line: 1, column: 8, byte: 7)))
        let out = DiagnosticRenderer(color: true, sources: sources).render(d)
        #expect(out.contains("a = " + ANSI.underline + "bad" + ANSI.reset))
        #expect(out.contains("╷") && out.contains("╵"))
    }

    @Test func wrapsDetailAt78Columns() {
        let long = Array(repeating: "word", count: 40).joined(separator: " ")
        let wrapped = TextWrap.wrap(long, width: 78)
        #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 78 })
        #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == long)
    }
}
