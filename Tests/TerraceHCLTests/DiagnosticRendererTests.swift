import Testing
import TerraceBasics

/// Layout details of Terraform's `format.DiagnosticPlain` and `format.Diagnostic` that the
/// recorded goldens do not reach.
@Suite struct DiagnosticRendererTests {
    let sources: SourceFiles = {
        let s = SourceFiles()
        s.register("main.tf", bytes: Array("resource \"null_resource\" \"a\" {\n  x = 1\n}\n".utf8))
        return s
    }()

    func range(_ line: Int, _ c1: Int, _ c2: Int, _ byte: Int) -> SourceRange {
        SourceRange(filename: "main.tf", start: SourcePos(line: line, column: c1, byte: byte),
                    end: SourcePos(line: line, column: c2, byte: byte + c2 - c1))
    }

    @Test func resourceAddressComesBeforeTheSnippet() {
        var d = Diagnostic.error("Bad", "Detail.", at: range(2, 3, 4, 34))
        d.address = "null_resource.a"
        let out = DiagnosticRenderer(color: false, sources: sources).render(d)
        #expect(out == "\nError: Bad\n\n  with null_resource.a,\n  on main.tf line 2:\n   2:   x = 1\n\nDetail.\n")
    }

    @Test func addressWithoutSourceIsFollowedByTheDetail() {
        var d = Diagnostic.error("Bad", "Detail.")
        d.address = "null_resource.a"
        let out = DiagnosticRenderer(color: false, sources: sources).render(d)
        #expect(out == "\nError: Bad\n\n  with null_resource.a,\nDetail.\n")
    }

    @Test func withoutSourceOrDetail() {
        #expect(DiagnosticRenderer(color: false, sources: sources).render(.error("Bad")) == "\nError: Bad\n\n")
        let w = DiagnosticRenderer(color: false, sources: sources).render(.warning("Careful", "Look."))
        #expect(w == "\nWarning: Careful\n\nLook.\n")
    }

    @Test func unknownFileSaysSourceIsNotAvailable() {
        let d = Diagnostic.error("Bad", "Detail.", at: SourceRange(filename: "gone.tf", start: SourcePos(line: 3, column: 1, byte: 9),
                                                                   end: SourcePos(line: 3, column: 2, byte: 10)))
        #expect(DiagnosticRenderer(color: false, sources: sources).render(d)
                == "\nError: Bad\n\n  on gone.tf line 3:\n  (source code not available)\n\nDetail.\n")
    }

    /// go-wordwrap keeps runs of spaces and never breaks a word; lines starting with a space
    /// are left alone.
    @Test func wrapsAsGoWordwrap() {
        let long = String(repeating: "word ", count: 30) + "end"
        let d = Diagnostic.error("S", long + "\n  preformatted " + String(repeating: "x ", count: 50))
        let out = DiagnosticRenderer(color: false, sources: sources).render(d)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[3].count <= 77 && lines[3].hasPrefix("word word"))
        #expect(lines.contains { $0.hasPrefix("  preformatted") && $0.count > 77 })
    }

    @Test func sortsAsTerraform() {
        let a = Diagnostic.error("A", at: range(2, 3, 4, 34))
        let b = Diagnostic.error("B", at: range(1, 1, 9, 0))
        let c = Diagnostic.error("C")
        let w = Diagnostic.warning("W", at: range(2, 3, 4, 34))
        #expect(DiagnosticRenderer.sorted(Diagnostics([a, b, c, w])).map(\.summary) == ["W", "C", "B", "A"])
    }
}
