import Testing
import TerraceBasics
import TerraceHCL

@Suite struct ParserTests {
    func parse(_ s: String) -> (File, Diagnostics) { Parser.parse(s, filename: "t.tf", sources: nil) }

    @Test func parsesBlocksAttributesAndLabels() {
        let (f, d) = parse("""
        provider "aws" {
          region = "us-east-1"
        }
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
          tags = { Name = "x" }
          lifecycle { create_before_destroy = true }
        }
        """)
        #expect(d.isEmpty)
        #expect(f.body.blocks.map(\.type) == ["provider", "resource"])
        #expect(f.body.blocks[1].labels == ["aws_vpc", "main"])
        #expect(f.body.blocks[1].body.attribute("cidr_block")?.expr.asStaticString == "10.0.0.0/16")
        #expect(f.body.blocks[1].body.blocks.first?.type == "lifecycle")
    }

    @Test func collectsReferences() {
        let (f, _) = parse("""
        x = [for s in var.list : s.id if s.ok]
        y = "${aws_vpc.main.id}-${local.name}"
        z = module.vpc.ids[0]
        """)
        let refs = f.body.attributes.flatMap { $0.expr.variables }.map(\.description)
        #expect(refs == ["var.list", "aws_vpc.main.id", "local.name", "module.vpc.ids[0]"])
    }

    @Test func legacyIndexSplitsNumbers() {
        let (e, d) = Parser.parseExpression("a.0.1", filename: "e", sources: nil)
        #expect(d.isEmpty)
        #expect(e.asTraversal?.description == "a[0][1]")
    }

    @Test func reportsSeveralIndependentErrors() {
        let (_, d) = parse("""
        a = 
        b = 1 +
        c = [1, 2
        ok = true
        """)
        #expect(d.errors.count >= 3)
        #expect(d.errors.allSatisfy { $0.subject != nil })
    }

    @Test func rejectsDuplicateAttributes() {
        let (_, d) = parse("a = 1\na = 2\n")
        #expect(d.errors.map(\.summary) == ["Attribute redefined"])
        #expect(d.errors.first?.subject?.start.line == 2)
    }

    @Test func heredocsStripIndentation() {
        let (f, d) = parse("x = <<-EOT\n    hello\n      world\n    EOT\n")
        #expect(d.isEmpty)
        #expect(f.body.attribute("x")?.expr.asStaticString == "hello\n  world\n")
    }

    @Test func quotedEscapes() {
        let (f, d) = parse(#"x = "a\n\"b\"\\ \u00e9 $${lit} %%{lit}""#)
        #expect(d.isEmpty)
        #expect(f.body.attribute("x")?.expr.asStaticString == "a\n\"b\"\\ é ${lit} %{lit}")
    }

    @Test func acceptsBOMAndCRLFAndTabs() {
        let (f, d) = Parser.parse(Array("\u{FEFF}a = 1\r\n\tb = 2".utf8), filename: "t.tf", sources: nil)
        #expect(d.isEmpty)
        #expect(f.body.attributes.map(\.name) == ["a", "b"])
    }

    @Test(arguments: ["x = (((((", "x = {", "x = \"${", "resource \"a\" {", "x = [for", "x = a[", "}}}}", "x = <<EOT\nabc"])
    func truncatedInputGivesDiagnostics(_ text: String) {
        let (_, d) = parse(text)
        #expect(d.hasErrors)
    }

    @Test func deepNestingDoesNotCrash() {
        let (_, d) = parse("x = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000))
        #expect(d.hasErrors)
    }
}
