import Testing
import TerraceBasics
import TerraceConfig
import TerraceLang
import TerraceTestSupport

/// Root variable values: sources, parsing modes, and Terraform's messages for each source.
@Suite struct InputVariableTests {
    struct Setup {
        let dir = TempDirectory()
        let sources = SourceFiles()

        func inputs(_ config: String, files: [String: String] = [:], env: [String: String] = [:]) -> InputVariables {
            dir.write("main.tf", config)
            for (n, t) in files { dir.write(n, t) }
            let (c, _) = ModuleLoader(sources: sources, displayBase: dir.path).load(dir.path)
            return InputVariables(module: c.module, workingDir: dir.path, environment: env, sources: sources)
        }
    }

    /// `-var` and `TF_VAR_` are literal strings for primitive types and HCL for the others.
    @Test(arguments: [
        ("string", "hello", Value.string("hello")),
        ("number", "42", Value.number(42)),
        ("bool", "true", Value.bool(true)),
        ("list(string)", "[\"a\", \"b\"]", Value.list([.string("a"), .string("b")])),
        ("map(number)", "{ x = 1 }", Value.map(["x": .number(1)])),
    ] as [(String, String, Value)])
    func rawValuesParseByType(_ type: String, _ raw: String, _ expected: Value) {
        let s = Setup()
        let iv = s.inputs("variable \"v\" {\n  type = \(type)\n}\n", env: ["TF_VAR_v": raw])
        let (inputs, d1) = iv.collect([])
        let (values, d2) = iv.finalize(inputs, functions: Builtins.table())
        #expect(d1.isEmpty && d2.isEmpty, "\(d1) \(d2)")
        #expect(values["v"] == expected)
    }

    @Test func wrongTypeMessageNamesTheSource() {
        let s = Setup()
        let iv = s.inputs("variable \"n\" {\n  type = number\n}\n", files: ["terraform.tfvars": "n = \"abc\"\n"])
        let (fromFile, _) = iv.finalize(iv.collect([]).0, functions: Builtins.table())
        #expect(fromFile["n"] == nil)
        let d = iv.finalize(iv.collect([]).0, functions: Builtins.table()).1
        #expect(d.errors.first?.detail == "The given value is not valid for variable \"n\": a number is required.")
        #expect(d.errors.first?.subject?.filename == "terraform.tfvars")

        let cli = iv.finalize(iv.collect([.variable(name: "n", value: "abc")]).0, functions: Builtins.table()).1
        #expect(cli.errors.first?.detail == "The argument -var=\"n=...\" does not contain a valid value for variable \"n\": a number is required.")

        let s2 = Setup()
        let env = s2.inputs("variable \"n\" {\n  type = number\n}\n", env: ["TF_VAR_n": "abc"])
        let fromEnv = env.finalize(env.collect([]).0, functions: Builtins.table()).1
        #expect(fromEnv.errors.first?.detail == "The environment variable TF_VAR_n does not contain a valid value for variable \"n\": a number is required.")
    }

    /// Two warnings in full, then one counting the rest; undeclared environment variables are ignored.
    @Test func undeclaredValuesFromFiles() {
        let s = Setup()
        let iv = s.inputs("variable \"a\" {\n  default = 1\n}\n",
                          files: ["terraform.tfvars": "b = 1\nc = 2\nd = 3\ne = 4\n"], env: ["TF_VAR_zzz": "1"])
        let (_, d) = iv.collect([])
        #expect(d.warnings.map(\.summary) == ["Value for undeclared variable", "Value for undeclared variable", "Values for undeclared variables"])
        #expect(d.warnings.last?.detail == "In addition to the other similar warnings shown, 2 other variable(s) defined without being declared.")
        #expect(d.warnings.first?.detail.hasPrefix("The root module does not declare a variable named \"b\" but a value was found in file \"terraform.tfvars\".") == true)
        #expect(!d.hasErrors)
    }

    /// A failed validation rule is reported where the value was given.
    @Test func validationReportedAtTheValue() throws {
        let s = Setup()
        let iv = s.inputs("""
        variable "n" {
          type = number
          validation {
            condition     = var.n > 1
            error_message = "Must be more than one."
          }
        }
        """, files: ["terraform.tfvars": "n = 1\n"])
        let (_, d) = iv.finalize(iv.collect([]).0, functions: Builtins.table())
        let e = try #require(d.errors.first)
        #expect(e.summary == "Invalid value for variable")
        #expect(e.detail == "Must be more than one.\n\nThis was checked by the validation rule at main.tf:3,3-13.")
        #expect(e.subject?.filename == "terraform.tfvars")
        #expect(e.subject?.start.line == 1)
    }

    @Test func variablesAndFunctionsAreNotAllowedInTfvars() {
        let s = Setup()
        let iv = s.inputs("variable \"a\" {}\nvariable \"b\" {}\n", files: ["terraform.tfvars": "a = var.x\nb = upper(\"x\")\n"])
        let (_, d) = iv.collect([])
        #expect(d.errors.map(\.summary) == ["Variables not allowed", "Function calls not allowed"])
    }

    /// A given null stays null, as in Terraform 1.0; `nullable = false` turns it into the
    /// default, and without a default it is an error.
    @Test func nullable() {
        let s = Setup()
        let iv = s.inputs("""
        variable "a" {
          default  = "fallback"
          nullable = false
        }
        variable "b" {
          nullable = false
        }
        variable "c" {
          default = "fallback"
        }
        """, files: ["terraform.tfvars": "a = null\nb = null\nc = null\n"])
        let (values, d) = iv.finalize(iv.collect([]).0, functions: Builtins.table())
        #expect(values["a"] == .string("fallback"))
        #expect(values["c"]?.isNull == true)
        #expect(d.errors.map(\.summary) == ["Required variable not set"])
    }

    @Test func sensitiveValuesAreMarked() {
        let s = Setup()
        let iv = s.inputs("variable \"p\" {\n  sensitive = true\n  default   = \"x\"\n}\n")
        let (values, _) = iv.finalize(iv.collect([]).0, functions: Builtins.table())
        #expect(values["p"]?.sensitive == true)
    }
}
