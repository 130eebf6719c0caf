import Testing
import TerraceBasics
import TerraceHCL
import TerraceLang

@Suite struct EvaluatorTests {
    func eval(_ s: String, _ vars: [String: Value] = [:]) -> (Value, Diagnostics) {
        let (e, d) = Parser.parseExpression(s, filename: "e", sources: nil)
        if d.hasErrors { return (.dynamicUnknown, d) }
        return Evaluator.evaluate(e, in: EvalContext(variables: vars, functions: Builtins.table()))
    }

    func console(_ s: String, _ vars: [String: Value] = [:]) -> String {
        let (v, d) = eval(s, vars)
        return d.hasErrors ? "error: \(d.errors[0].summary)" : ValueFormatter.console(v)
    }

    /// Expected values as Terraform 1.0.3's console prints them.
    @Test(arguments: [
        ("true ? 1 : \"x\"", "\"1\""),
        ("\"10\" > \"9\"", "true"),
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("-5 % 3", "-2"),
        ("5.5 % 2", "1.5"),
        ("1/0", "+Inf"),
        ("0.1 + 0.2", "0.3"),
        ("9007199254740993 + 1", "9007199254740994"),
        ("[for x in [1, 2, 3] : x * 2 if x > 1]", "[\n  4,\n  6,\n]"),
        ("{for k, v in {a = 1, b = 2} : v => k}", "{\n  \"1\" = \"a\"\n  \"2\" = \"b\"\n}"),
        ("[{a = 1}, {a = 2}][*].a", "[\n  1,\n  2,\n]"),
        ("null[*]", "[]"),
        ("[10, 20].1", "20"),
        ("\"a%{if true}b%{endif}c\"", "\"abc\""),
        ("\"${1 + 1}\"", "2"),
        ("length(\"héllo\")", "5"),
        ("cidrsubnet(\"10.0.0.0/16\", 8, 3)", "\"10.0.3.0/24\""),
        ("1 == \"1\"", "false"),
        ("tolist([1, 2])", "tolist([\n  1,\n  2,\n])"),
        ("{a = 1, a = 2}", "{\n  \"a\" = 2\n}"),
    ])
    func matchesTerraformConsole(_ expr: String, _ expected: String) {
        #expect(console(expr) == expected)
    }

    @Test(arguments: [
        ("true ? 1 : {}", "Inconsistent conditional result types"),
        ("\"a\" < \"b\"", "Invalid operand"),
        ("[1][5]", "Invalid index"),
        ("{a = 1}.b", "Unsupported attribute"),
        ("nope(1)", "Call to unknown function"),
        ("upper(1, 2)", "Too many function arguments"),
        ("0/0", "Operation failed"),
        ("{for x in [1, 1] : x => x}", "Duplicate object key"),
    ])
    func errorsUseTerraformSummaries(_ expr: String, _ summary: String) {
        let (_, d) = eval(expr)
        #expect(d.errors.first?.summary == summary)
        #expect(d.errors.first?.subject != nil)
    }

    @Test func unsupportedAttributeSuggests() {
        let (_, d) = eval("var.x.nmae", ["var": .object(["x": .object(["name": .string("n")])])])
        #expect(d.errors.first?.detail.contains("Did you mean \"name\"?") == true)
    }

    @Test func unknownsPropagate() {
        let (v, d) = eval("\"prefix-${var.x}\"", ["var": .object(["x": .unknown(.string)])])
        #expect(d.isEmpty)
        #expect(v == .unknown(.string))
    }

    @Test func sensitivePropagates() {
        let (v, _) = eval("upper(var.s)", ["var": .object(["s": Value.string("pw").marked()])])
        #expect(v.sensitive)
        #expect(ValueFormatter.console(v) == "(sensitive)")
    }

    @Test func conversionFollowsTerraform() throws {
        #expect(try Conversion.convert(.tuple([.number(1), .string("1")]), to: .set(.dynamic)).elements?.count == 1)
        #expect(try Conversion.convert(.string("5"), to: .number) == .number(5))
        #expect(throws: Conversion.Failure.self) { try Conversion.convert(.string("x"), to: .number) }
    }
}
