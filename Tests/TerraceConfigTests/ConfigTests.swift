import Testing
import TerraceBasics
import TerraceConfig
import TerraceLang
import TerraceTestSupport

@Suite struct ConfigTests {
    @Test func loadsModulesAndResources() {
        let dir = TempDirectory()
        dir.write("main.tf", """
        variable "cidr" { type = string }
        locals { name = "x" }
        resource "aws_vpc" "main" { cidr_block = var.cidr }
        module "net" { source = "./modules/net" }
        output "id" { value = aws_vpc.main.id }
        """)
        dir.write("modules/net/main.tf", "resource \"aws_subnet\" \"a\" {}\n")
        let (c, d) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
        #expect(d.isEmpty)
        #expect(c.module.resources.keys.sorted() == ["aws_vpc.main"])
        #expect(c.children["net"]?.module.resources.keys.sorted() == ["aws_subnet.a"])
        #expect(c.module.variables["cidr"]?.type.type == .string)
    }

    @Test func rejectsRemoteModuleSources() {
        let dir = TempDirectory()
        dir.write("main.tf", "module \"vpc\" { source = \"terraform-aws-modules/vpc/aws\" }\n")
        let (_, d) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
        #expect(d.errors.first?.summary == "Unsupported module source")
        #expect(d.errors.first?.detail.contains("only local module sources") == true)
    }

    @Test func unknownTopLevelBlockSuggests() {
        let dir = TempDirectory()
        dir.write("main.tf", "resorce \"a\" \"b\" {}\n")
        let (_, d) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
        #expect(d.errors.first?.detail.contains("Did you mean \"resource\"?") == true)
    }

    /// Later sources win: environment, terraform.tfvars, *.auto.tfvars, then -var/-var-file in order.
    @Test func variablePrecedence() {
        let dir = TempDirectory()
        dir.write("main.tf", """
        variable "a" {}
        variable "b" {}
        variable "c" {}
        variable "d" { default = "default" }
        variable "n" { type = number }
        """)
        dir.write("terraform.tfvars", "a = \"tfvars\"\nb = \"tfvars\"\nn = 1\n")
        dir.write("x.auto.tfvars", "b = \"auto\"\n")
        dir.write("extra.tfvars", "c = \"file\"\n")
        let (c, _) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
        let iv = InputVariables(module: c.module, workingDir: dir.path, environment: ["TF_VAR_a": "env", "TF_VAR_c": "env"], sources: SourceFiles())
        let (inputs, d1) = iv.collect([.file("extra.tfvars"), .variable(name: "n", value: "42")])
        #expect(d1.isEmpty)
        let (values, d2) = iv.finalize(inputs, functions: Builtins.table())
        #expect(d2.isEmpty)
        #expect(values["a"] == .string("tfvars"))
        #expect(values["b"] == .string("auto"))
        #expect(values["c"] == .string("file"))
        #expect(values["d"] == .string("default"))
        #expect(values["n"] == .number(42))
    }

    @Test func missingRequiredAndUndeclared() {
        let dir = TempDirectory()
        dir.write("main.tf", "variable \"foo\" {}\n")
        dir.write("terraform.tfvars", "bar = 1\n")
        let (c, _) = ModuleLoader(sources: SourceFiles(), displayBase: dir.path).load(dir.path)
        let iv = InputVariables(module: c.module, workingDir: dir.path, environment: [:], sources: SourceFiles())
        let (inputs, d1) = iv.collect([.variable(name: "baz", value: "1")])
        #expect(d1.warnings.map(\.summary) == ["Value for undeclared variable"])
        #expect(d1.errors.map(\.summary) == ["Value for undeclared variable"])
        let (_, d2) = iv.finalize(inputs, functions: Builtins.table())
        #expect(d2.errors.map(\.summary) == ["No value for required variable"])
    }
}
