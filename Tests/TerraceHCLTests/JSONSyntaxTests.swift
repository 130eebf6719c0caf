import Testing
import TerraceBasics
import TerraceHCL

@Suite struct JSONSyntaxTests {
    /// Terraform's top-level blocks and their labels.
    static let fileHints = JSONBlockHints(
        blockTypes: ["terraform": 0, "provider": 1, "variable": 1, "locals": 0, "output": 1, "module": 1,
                     "resource": 2, "data": 2, "moved": 0],
        labelNames: ["provider": ["name"], "variable": ["name"], "output": ["name"], "module": ["name"],
                     "resource": ["type", "name"], "data": ["type", "name"]])

    func parse(_ text: String) -> (Body, Diagnostics) {
        let (f, d) = JSONSyntax.parse(Array(text.utf8), filename: "main.tf.json", sources: nil)
        var diags = d
        let body = f.body.resolvingJSON(JSONSyntaxTests.fileHints, diagnostics: &diags)
        return (body, diags)
    }

    static let sample = """
    {
      "//": "a comment",
      "variable": {"region": {"default": "us-east-1", "type": "string"}},
      "resource": {
        "aws_vpc": {"main": {"cidr_block": "${var.cidr}", "tags": {"Name": "x-${var.n}"}, "count": 2}},
        "null_resource": {"a": [{"triggers": {"k": "v"}}, {"triggers": null}]}
      },
      "output": [{"x": {"value": "${aws_vpc.main.id}"}}, {"y": {"value": [1, 2.5, true, null]}}],
      "locals": {"a": "plain", "b": "$${escaped}", "//": "ignored"}
    }
    """

    @Test func propertiesAreAttributesUntilResolved() {
        let (f, d) = JSONSyntax.parse(Array(JSONSyntaxTests.sample.utf8), filename: "main.tf.json", sources: nil)
        #expect(d.isEmpty)
        #expect(f.body.isJSON)
        #expect(f.body.attributes.map(\.name) == ["variable", "resource", "output", "locals"])
        #expect(f.body.blocks.isEmpty)
    }

    @Test func blocksFollowTheSchema() {
        let (body, d) = parse(JSONSyntaxTests.sample)
        #expect(d.isEmpty, "\(d)")
        #expect(body.attributes.isEmpty)
        #expect(body.blocks.map(\.header) == [
            #"variable "region""#, #"resource "aws_vpc" "main""#, #"resource "null_resource" "a""#,
            #"resource "null_resource" "a""#, #"output "x""#, #"output "y""#, "locals",
        ])
        let vpc = body.blocks[1]
        #expect(vpc.body.isJSON)
        #expect(vpc.body.attributes.map(\.name) == ["cidr_block", "tags", "count"])
        #expect(vpc.labelRanges.map(\.start.column) == [5, 17])
        // HCL declares a JSON block at the opening brace of its content.
        #expect(vpc.defRange.start.column == 25 && vpc.defRange.end.column == 26)
        let locals = body.blocks[6]
        #expect(locals.body.attributes.map(\.name) == ["a", "b"])
    }

    @Test func stringsAreTemplates() {
        let (body, _) = parse(JSONSyntaxTests.sample)
        let vpc = body.blocks[1].body
        #expect(vpc.attribute("cidr_block").map { SExpression.of($0.expr) } == "(wrap var.cidr)")
        #expect(vpc.attribute("cidr_block")?.expr.jsonString == "${var.cidr}")
        #expect(vpc.attribute("tags").map { SExpression.of($0.expr) } == #"{(tmpl "Name")=(tmpl "x-" var.n)}"#)
        #expect(vpc.attribute("count").map { SExpression.of($0.expr) } == "2")
        #expect(vpc.attribute("cidr_block")?.expr.variables.map(\.description) == ["var.cidr"])
        let locals = body.blocks[6].body
        #expect(locals.attribute("a")?.expr.asStaticString == "plain")
        #expect(locals.attribute("b")?.expr.asStaticString == "${escaped}")
        let y = body.blocks[5].body
        #expect(y.attribute("value").map { SExpression.of($0.expr) } == "[1 2.5 true null]")
        // Template positions start inside the string's quotes.
        if case .templateWrap(let inner)? = vpc.attribute("cidr_block")?.expr.kind {
            #expect(inner.range.start.line == 5 && inner.range.start.column == 43)
        } else {
            Issue.record("expected a wrapped interpolation")
        }
    }

    @Test func nestedBlocksResolveWithTheirOwnSchema() {
        let (body, _) = parse("""
        {"resource": {"x": {"y": {
          "count": 1,
          "lifecycle": {"create_before_destroy": true},
          "provisioner": [{"local-exec": {"command": "echo"}}, {"local-exec": {"command": "again"}}]
        }}}}
        """)
        let r = body.blocks[0].body
        #expect(r.attributes.map(\.name) == ["count", "lifecycle", "provisioner"])
        var d = Diagnostics()
        let resolved = r.resolvingJSON(JSONBlockHints(blockTypes: ["lifecycle": 0, "provisioner": 1]), diagnostics: &d)
        #expect(d.isEmpty)
        #expect(resolved.attributes.map(\.name) == ["count"])
        #expect(resolved.blocks.map(\.header) == ["lifecycle", #"provisioner "local-exec""#, #"provisioner "local-exec""#])
        #expect(resolved.blocks[2].body.attribute("command")?.expr.asStaticString == "again")
    }

    @Test func nativeBodiesAreUnchanged() {
        let (f, _) = Parser.parse("resource \"a\" \"b\" {}\n", filename: "x.tf", sources: nil)
        let r = f.body.resolvingJSON(JSONSyntaxTests.fileHints)
        #expect(r.blocks.count == 1 && !r.isJSON)
    }

    @Test func tfvarsJSON() {
        let (f, d) = JSONSyntax.parse(Array(#"{"region": "eu-west-1", "count": 3, "tags": {"a": "b"}, "list": [1, "x"]}"#.utf8),
                                      filename: "x.tfvars.json", sources: nil)
        #expect(d.isEmpty)
        #expect(f.body.attributes.map { "\($0.name)=\(SExpression.of($0.expr))" } == [
            #"region=(tmpl "eu-west-1")"#, "count=3", #"tags={(tmpl "a")=(tmpl "b")}"#, #"list=[1 (tmpl "x")]"#,
        ])
    }

    @Test func missingItemRangeIsTheClosingBrace() {
        let (body, _) = parse("{\"variable\": {\"v\": {\n}}}")
        #expect(body.blocks[0].body.missingItemRange.start.line == 2)
    }

    // MARK: - Diagnostics, against terraform validate

    static let goldens = Fixtures.list("json", suffix: ".tf.json").map { String($0.dropLast(8)) }.filter { $0 != "root_array" }

    /// Diagnostics as `terraform validate` prints them (each rendering as is, with no extra
    /// newline, as Terraform's views write them) for a module of this one file:
    /// parsing, the top-level blocks, and `locals` read as plain arguments.
    static func validate(_ name: String) -> String {
        let sources = SourceFiles()
        let (f, d) = JSONSyntax.parse(Fixtures.bytes("json", name + ".tf.json"), filename: "main.tf.json", sources: sources)
        var diags = d
        let body = f.body.resolvingJSON(fileHints, diagnostics: &diags)
        for b in body.blocks where b.type == "locals" {
            _ = b.body.resolvingJSON(JSONBlockHints(blockTypes: [:], attributesOnly: true), diagnostics: &diags)
        }
        let renderer = DiagnosticRenderer(color: false, sources: sources)
        return DiagnosticRenderer.sorted(diags).map(renderer.render).joined()
    }

    @Test(arguments: goldens)
    func diagnosticsMatchTerraform(_ name: String) {
        let expected = String(decoding: Fixtures.bytes("json", name + ".txt"), as: UTF8.self)
        #expect(JSONSyntaxTests.validate(name) == expected, "\(name)")
    }

    /// Terraform decodes the root several times and so repeats this one; Terrace says it once.
    @Test func rootArrayOfNonObjects() {
        let out = JSONSyntaxTests.validate("root_array")
        #expect(out.contains("A JSON object is required here, to define arguments and child blocks."))
    }
}
