import Testing
import TerraceBasics
import TerraceHCL

/// Syntax errors against what the real `terraform fmt` 1.0.3 prints for them (recorded with
/// `scripts/oracle/record-diagnostic-goldens.sh`): the same diagnostics in the same order, with
/// the same summaries, details, source lines and, in colour, the same underlined ranges.
@Suite struct DiagnosticGoldenTests {
    static let inputs = Fixtures.list("diagnostics", suffix: ".hcl").map { String($0.dropLast(4)) }

    /// What `terrace fmt -` writes to standard error for the input.
    static func render(_ name: String, color: Bool) -> String {
        let sources = SourceFiles()
        let (out, diags) = Formatter.format(Fixtures.bytes("diagnostics", name + ".hcl"), filename: "<stdin>", sources: sources)
        #expect(out == nil)
        let renderer = DiagnosticRenderer(color: color, sources: sources)
        return DiagnosticRenderer.sorted(diags).map(renderer.uiMessage).joined()
    }

    /// The recording, with any invalid UTF-8 (which Terraform echoes raw) shown as U+FFFD.
    static func expected(_ file: String) -> String {
        String(decoding: Fixtures.bytes("diagnostics", file), as: UTF8.self)
    }

    @Test func thereAreGoldens() {
        #expect(DiagnosticGoldenTests.inputs.count >= 20)
    }

    @Test(arguments: inputs)
    func plainMatchesTerraform(_ name: String) {
        let actual = DiagnosticGoldenTests.render(name, color: false)
        let expected = DiagnosticGoldenTests.expected(name + ".txt")
        #expect(!expected.isEmpty)
        #expect(actual == expected, "\(name):\n\(actual)")
    }

    @Test(arguments: inputs)
    func colourMatchesTerraform(_ name: String) {
        let actual = DiagnosticGoldenTests.render(name, color: true)
        let expected = DiagnosticGoldenTests.expected(name + ".color.txt")
        #expect(actual == expected, "\(name):\n\(actual.debugDescription)\nexpected:\n\(expected.debugDescription)")
    }
}
