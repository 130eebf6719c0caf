import Testing
import TerraceBasics
import TerraceHCL
import TerraceLang

/// The evaluator's behaviour that callers rely on beyond what the console shows: diagnostics
/// with ranges, partial results, contexts without functions or variables.
@Suite struct EvaluatorTests {
    func eval(_ s: String, _ vars: [String: Value] = [:], functions: FunctionTable = Builtins.table()) -> (Value, Diagnostics) {
        let (e, d) = Parser.parseExpression(s, filename: "e", sources: nil)
        if d.hasErrors { return (.dynamicUnknown, d) }
        return Evaluator.evaluate(e, in: EvalContext(variables: vars, functions: functions))
    }

    @Test(arguments: [
        ("true ? 1 : {}", "Inconsistent conditional result types"),
        ("\"a\" < \"b\"", "Invalid operand"),
        ("[1][5]", "Invalid index"),
        ("{a = 1}.b", "Unsupported attribute"),
        ("nope(1)", "Call to unknown function"),
        ("upper(1, 2)", "Too many function arguments"),
        ("upper()", "Not enough function arguments"),
        ("upper([])", "Invalid function argument"),
        ("0/0", "Operation failed"),
    ])
    func errorsNameTheExpression(_ expr: String, _ summary: String) {
        let (v, d) = eval(expr)
        #expect(d.errors.first?.summary == summary)
        #expect(d.errors.first?.subject?.filename == "e")
        #expect(!v.isKnown, "a failed expression yields an unknown value")
    }

    @Test func duplicateKeysKeepTheFirstValueAsHCLDoes() {
        let (v, d) = eval("{for x in [1, 1, 2] : x => x}")
        #expect(d.errors.first?.summary == "Duplicate object key")
        #expect(v == .object(["1": .number(1), "2": .number(2)]))
    }

    @Test func everyFailingArgumentIsReported() {
        let (_, d) = eval("upper([]) == lower({})")
        #expect(d.errors.count == 2)
        #expect(d.errors.map(\.summary) == ["Invalid function argument", "Invalid function argument"])
    }

    @Test func callSuggestsTheNearestFunction() {
        let (_, d) = eval("uper(\"a\")")
        #expect(d.errors.first?.detail == "There is no function named \"uper\". Did you mean \"upper\"?")
    }

    @Test func contextsWithoutFunctionsOrVariables() {
        let (e1, _) = Parser.parseExpression("upper(\"a\")", filename: "e", sources: nil)
        #expect(Evaluator.evaluate(e1, in: EvalContext()).1.errors.first?.summary == "Function calls not allowed")
        let (e2, _) = Parser.parseExpression("var.x", filename: "e", sources: nil)
        #expect(Evaluator.evaluate(e2, in: EvalContext()).1.errors.first?.summary == "Variables not allowed")
    }

    @Test func unknownsPropagate() {
        let (v, d) = eval("\"prefix-${var.x}\"", ["var": .object(["x": .unknown(.string)])])
        #expect(d.isEmpty)
        #expect(v == .unknown(.string))
    }

    @Test func sensitiveMarksPropagateThroughCallsAndOperators() {
        let vars: [String: Value] = ["var": .object(["s": Value.string("pw").marked(), "n": Value.number(2).marked()])]
        #expect(eval("upper(var.s)", vars).0.sensitive)
        #expect(eval("var.n + 1", vars).0.sensitive)
        #expect(eval("\"x${var.s}\"", vars).0.sensitive)
        #expect(eval("[var.s][0]", vars).0.sensitive)
        #expect(!eval("length([var.s])", vars).0.sensitive, "length of a list does not depend on its elements' marks")
        #expect(eval("toset([var.s])", vars).0.sensitive, "sets carry their elements' marks themselves")
    }

    @Test func typedConversionReportsTheExpression() {
        let (e, _) = Parser.parseExpression("[1, 2]", filename: "e", sources: nil)
        let (_, d) = Evaluator.evaluate(e, in: EvalContext(), as: .string, what: "value")
        #expect(d.errors.first?.summary == "Incorrect value type")
        #expect(d.errors.first?.detail == "Invalid expression value: string required.")
    }

    @Test func conversionFollowsCty() throws {
        #expect(try Conversion.convert(.tuple([.number(1), .string("1")]), to: .set(.dynamic)).elements?.count == 1)
        #expect(try Conversion.convert(.string("5"), to: .number) == .number(5))
        #expect(throws: Conversion.Failure.self) { try Conversion.convert(.string("x"), to: .number) }
        #expect(Conversion.unify([.number, .string]) == .string)
        #expect(Conversion.unify([.list(.number), .tuple([.string])]) == .list(.string))
        #expect(Conversion.unify([.object(["a": .number]), .object(["b": .string])]) == .map(.string))
        #expect(Conversion.mismatchMessage(.object(["a": .number]), .object(["a": .number, "b": .string, "c": .bool]))
            == "attributes \"b\" and \"c\" are required")
    }

    @Test func valuesEqualComparesNumbersByValue() {
        #expect(Evaluator.valuesEqual(.number(Number(1)), .number(Number(parsing: "1.0")!)))
        #expect(!Evaluator.valuesEqual(.number(1), .string("1")))
    }
}
