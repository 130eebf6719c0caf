import Testing
import TerraceHCL

/// `terrace fmt` against outputs recorded from the real `terraform fmt` 1.0.3: each
/// `Fixtures/fmt/NAME_in.hcl` must format to exactly the bytes of `NAME_out.hcl`. The outputs
/// are recorded with `scripts/oracle/record-fmt-goldens.sh`, never by Terrace itself.
@Suite struct FmtGoldenTests {
    static let inputs = Fixtures.list("fmt", suffix: "_in.hcl")

    static func expectedName(_ input: String) -> String {
        input.replacingOccurrences(of: "_in.", with: "_out.")
    }

    @Test func thereAreGoldens() {
        #expect(FmtGoldenTests.inputs.count >= 15)
    }

    @Test(arguments: inputs)
    func formatsLikeTerraform(_ input: String) {
        let src = Fixtures.bytes("fmt", input)
        let expected = Fixtures.bytes("fmt", FmtGoldenTests.expectedName(input))
        #expect(!src.isEmpty && !expected.isEmpty)
        let (out, diags) = Formatter.format(src, filename: input)
        #expect(!diags.hasErrors, "\(diags)")
        #expect(out == expected, "\(input):\n\(String(decoding: out ?? [], as: UTF8.self))")
    }

    /// Terraform's output is a fixed point of formatting.
    @Test(arguments: inputs)
    func formattedOutputIsStable(_ input: String) {
        let expected = Fixtures.bytes("fmt", FmtGoldenTests.expectedName(input))
        let (out, _) = Formatter.format(expected, filename: input)
        #expect(out == expected)
    }

    @Test func refusesToFormatInvalidInput() {
        let (out, diags) = Formatter.format("a = [1,\n", filename: "x.tf")
        #expect(out == nil)
        #expect(diags.hasErrors)
    }
}
