import Testing
import TerraceBasics
import TerraceHCL

@Suite struct ParserTests {
    func parse(_ s: String) -> (File, Diagnostics) { Parser.parse(s, filename: "t.tf", sources: nil) }

    /// The value of `x = SOURCE` as an S-expression, or the first error summary.
    func value(_ source: String) -> String {
        let (f, d) = parse("x = " + source + "\n")
        if let e = d.errors.first { return "error: \(e.summary)" }
        guard let a = f.body.attribute("x") else { return "no attribute" }
        return SExpression.of(a.expr)
    }

    // MARK: - Expressions: every form of the native syntax

    @Test(arguments: [
        // Numbers.
        ("42", "42"), ("3.25", "3.25"), ("1e10", "1e10"), ("1.5E-3", "1.5E-3"), ("2e+2", "2e+2"),
        // Literals and references.
        ("true", "true"), ("false", "false"), ("null", "null"),
        ("var.a", "var.a"), ("a-b_c", "a-b_c"), ("naïve.café", "naïve.café"), ("名前", "名前"),
        // Strings and escapes.
        (#""plain""#, #"(tmpl "plain")"#),
        (#""""#, #"(tmpl "")"#),
        (#""a\nb\t\"q\"\\""#, #"(tmpl "a\nb\t\"q\"\\")"#),
        (#""\u00e9\U0001F600""#, #"(tmpl "é😀")"#),
        // Like hclsyntax, a literal is split where `$` and `%` stand alone.
        (#""$${lit} %%{lit} $ % $x""#, #"(tmpl "${" "lit} " "%{" "lit} " "$" " " "%" " " "$" "x")"#),
        // Templates.
        (#""a${b}c""#, #"(tmpl "a" b "c")"#),
        (#""${b}""#, "(wrap b)"),
        (#""${a}${b}""#, "(tmpl a b)"),
        (#""a ${~ b ~} c""#, #"(tmpl "a" b "c")"#),
        (#""%{ if c }yes%{ else }no%{ endif }""#, #"(tmpl (if c ("yes") else ("no")))"#),
        (#""%{ if c }yes%{ endif }""#, #"(tmpl (if c ("yes")))"#),
        (#""%{ for k, v in m }${k}=${v};%{ endfor }""#, #"(tmpl (for k,v in m (k "=" v ";")))"#),
        (#""[ %{~ for x in l ~} ${x} %{~ endfor ~} ]""#, #"(tmpl "[" (for x in l ("" x "")) "]")"#),
        // Heredocs.
        ("<<EOT\nhello ${name}\nEOT", #"(tmpl "hello " name "\n")"#),
        ("<<EOT\n  keep\n    indent\n  EOT", #"(tmpl "  keep\n" "    indent\n")"#),
        ("<<-EOT\n    flush\n      this\n    EOT", #"(tmpl "flush\n" "  this\n")"#),
        // HCL trims after `~}` before finding line starts, so "  - " keeps its indentation
        // (Terraform 1.0.3 renders this template as "  - a\n  - b\n").
        ("<<-EOT\n  %{ for x in l ~}\n  - ${x}\n  %{ endfor ~}\n  EOT", #"(tmpl "" (for x in l ("" "  - " x "\n" "")) "")"#),
        ("<<EOT\nEOT", #"(tmpl "")"#),
        // Collections.
        ("[]", "[]"), ("[1, 2, 3,]", "[1 2 3]"),
        ("[\n  1, # one\n  2 // two\n  /* three */\n]", "[1 2]"),
        ("{}", "{}"),
        ("{ a = 1, b = 2, }", "{id:\"a\"=1 id:\"b\"=2}"),
        ("{\n  a = 1\n  \"b\" = 2\n  (k) = 3\n  d: 4\n}", "{id:\"a\"=1 (tmpl \"b\")=2 (paren k)=3 id:\"d\"=4}"),
        ("{ true = 1, null = 2 }", "{id:\"true\"=1 id:\"null\"=2}"),
        ("{ a.b = 1 }", "{a.b=1}"),
        // Calls.
        ("f()", "(call f)"), ("max(1, 2,)", "(call max 1 2)"), ("max(l...)", "(call max l ...)"),
        ("f(\n  1,\n  2\n)", "(call f 1 2)"),
        ("provider::aws::arn_parse(x)", "(call provider::aws::arn_parse x)"),
        // Indexes, attributes, splats.
        ("a[0]", "a[0]"), (#"a["k"]"#, #"a["k"]"#), ("a.0", "a[0]"), ("a.b[1].c", "a.b[1].c"),
        ("a[i]", "(index a i)"), ("f(x).y", "(rel (call f x) .y)"), ("a[1 + 1]", "(index a (+ 1 1))"),
        ("a[*].b", "(splat a (rel * .b))"), ("a.*.b", "(splat a (rel * .b))"),
        ("a[*].b[*].c", "(splat a (splat (rel * .b) (rel * .c)))"), ("a.*.b[0]", "(rel (splat a (rel * .b)) [0])"),
        ("a[*][0]", "(splat a (rel * [0]))"),
        // for expressions.
        ("[for x in l : x * 2]", "(for[] x in l: (* x 2))"),
        ("[for i, x in l : x if i > 0]", "(for[] i,x in l: x if (> i 0))"),
        ("{for k, v in m : v => k...}", "(for{} k,v in m: v => k...)"),
        ("{\n  for k, v in m :\n  k => v\n  if v != null\n}", "(for{} k,v in m: k => v if (!= v null))"),
        // Operators and precedence.
        ("1 + 2 * 3", "(+ 1 (* 2 3))"), ("(1 + 2) * 3", "(* (paren (+ 1 2)) 3)"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"), ("-1 + 2", "(+ (-1) 2)"), ("!a && b || c", "(|| (&& (!a) b) c)"),
        ("a == b != c", "(!= (== a b) c)"), ("a < b == c >= d", "(== (< a b) (>= c d))"), ("10 % 3 / 2", "(/ (% 10 3) 2)"),
        ("a ? b : c ? d : e", "(? a b (? c d e))"), ("a || b ? 1 : 2", "(? (|| a b) 1 2)"),
        ("-a.b[0]", "(-a.b[0])"),
        // Parentheses allow newlines.
        ("(\n  1 +\n  2\n)", "(paren (+ 1 2))"),
    ] as [(String, String)])
    func parsesExpression(_ source: String, _ expected: String) {
        #expect(value(source) == expected, "\(source)")
    }

    /// Ranges are hclsyntax's, so diagnostics and the formatter point at the same text.
    @Test func expressionRanges() {
        let (f, d) = parse("x = max(1, a.b[0])\n")
        #expect(d.isEmpty)
        let e = f.body.attributes[0].expr
        #expect(e.range.start.column == 5 && e.range.end.column == 19)
        #expect(f.body.attributes[0].range.start.column == 1)
        #expect(f.body.attributes[0].equalsRange.start.column == 3)
    }

    // MARK: - Bodies

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
        terraform {}
        three "a" b "c" {
        }
        """)
        #expect(d.isEmpty)
        #expect(f.body.blocks.map(\.type) == ["provider", "resource", "terraform", "three"])
        #expect(f.body.blocks[1].labels == ["aws_vpc", "main"])
        #expect(f.body.blocks[3].labels == ["a", "b", "c"])
        #expect(f.body.blocks[1].body.attribute("cidr_block")?.expr.asStaticString == "10.0.0.0/16")
        let lifecycle = f.body.blocks[1].body.blocks.first
        #expect(lifecycle?.type == "lifecycle")
        #expect(lifecycle?.body.attribute("create_before_destroy") != nil)
        #expect(f.body.blocks[1].header == #"resource "aws_vpc" "main""#)
        // The declaration range runs from the type to the last label, as hcl.Block's DefRange.
        #expect(f.body.blocks[1].defRange.start.line == 4 && f.body.blocks[1].defRange.end.column == 26)
    }

    @Test func acceptsBOMAndCRLFAndTabsAndNoFinalNewline() {
        let (f, d) = Parser.parse(Array("\u{FEFF}a = 1\r\n\tb\t=\t2\r\nr \"x\" {\r\n\tc = 3\r\n}".utf8), filename: "t.tf", sources: nil)
        #expect(d.isEmpty)
        #expect(f.body.attributes.map(\.name) == ["a", "b"])
        #expect(f.body.blocks.first?.body.attribute("c") != nil)
        // The byte-order mark takes no column.
        #expect(f.body.attributes[0].nameRange.start.column == 1)
    }

    @Test func commentsAreIgnoredAndEndLines() {
        let (f, d) = parse("a = 1 # one\nb = 2 // two\n/* three\n*/ c = 3\n")
        #expect(d.isEmpty)
        #expect(f.body.attributes.map(\.name) == ["a", "b", "c"])
    }

    @Test func collectsReferences() {
        let (f, _) = parse("""
        x = [for s in var.list : s.id if s.ok]
        y = "${aws_vpc.main.id}-${local.name}"
        z = module.vpc.ids[0]
        w = "%{ for i in var.items }${i}${var.sep}%{ endfor }"
        """)
        let refs = f.body.attributes.flatMap { $0.expr.variables }.map(\.description)
        #expect(refs == ["var.list", "aws_vpc.main.id", "local.name", "module.vpc.ids[0]", "var.items", "var.sep"])
    }

    @Test func templateFiles() {
        let (e, d) = Parser.parseTemplate("Hello ${name}!\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\n", filename: "t.tpl", sources: nil)
        #expect(d.isEmpty)
        #expect(SExpression.of(e) == #"(tmpl "Hello " name "!\n" (for x in xs ("" "- " x "\n")) "")"#)
    }

    // MARK: - Errors

    @Test func legacyIndexChainsAreRejected() {
        let (_, d) = Parser.parseExpression("a.0.1", filename: "e", sources: nil)
        #expect(d.errors.map(\.summary) == ["Invalid legacy index syntax"])
        #expect(d.errors.first?.detail.contains("like [0][1]") == true)
    }

    @Test func reportsIndependentErrors() {
        // Errors of different kinds, including scanner errors, are all reported; like hclsyntax,
        // the parser stays quiet about tokens it skipped while recovering.
        let (_, d) = parse("a = \"\\q\"\nb = 1\nb = 2\nc = \"\\u12\"\nd = 'x'\n")
        #expect(d.errors.map(\.summary) == ["Invalid character", "Invalid escape sequence", "Attribute redefined",
                                             "Invalid escape sequence", "Invalid expression"])
        let (_, d2) = parse("a = 1\na = 2\nr \"x\" {\n  b = 1\n  b = 2\n}\n")
        #expect(d2.errors.map(\.summary) == ["Attribute redefined", "Attribute redefined"])
        #expect(d2.errors.allSatisfy { $0.subject != nil && !$0.detail.isEmpty })
    }

    @Test func rejectsDuplicateAttributes() {
        let (_, d) = parse("a = 1\na = 2\n")
        #expect(d.errors.map(\.summary) == ["Attribute redefined"])
        #expect(d.errors.first?.subject?.start.line == 2)
        #expect(d.errors.first?.detail == "The argument \"a\" was already set at t.tf:1,1-2. Each argument may be set only once.")
    }

    @Test(arguments: ["x = (((((", "x = {", "x = \"${", "resource \"a\" {", "x = [for", "x = a[", "}}}}", "x = <<EOT\nabc",
                      "x = \"abc", "x = 1 +", "x = a ? b", "r \"a\" \"b\"", "x = <<EOT\nabc\nEOT", "/* open"])
    func truncatedInputGivesDiagnostics(_ text: String) {
        let (_, d) = parse(text)
        #expect(d.hasErrors)
        #expect(d.errors.allSatisfy { $0.subject != nil })
    }

    @Test(arguments: [5000, 100_000])
    func deepNestingIsReportedNotACrash(_ depth: Int) {
        for (open, close) in [("(", ")"), ("[", "]"), ("{a=", "}"), ("\"${", "}\""), ("-", "")] {
            let text = "x = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
            let (_, d) = parse(text)
            #expect(d.errors.first?.summary == "Nesting too deep", "\(open)")
        }
        let blocks = String(repeating: "b {\n", count: depth) + String(repeating: "}\n", count: depth)
        #expect(parse(blocks).1.errors.first?.summary == "Nesting too deep")
    }

    @Test func moderateNestingIsFine() {
        let text = "x = " + String(repeating: "[", count: 60) + "1" + String(repeating: "]", count: 60)
        #expect(parse(text).1.isEmpty)
    }
}
