import Foundation
import Testing
import TerraceTestSupport

/// `terrace console` run as a user would, with expressions on standard input.
@Suite struct ConsoleCommandTests {
    static let config = """
    variable "region" {
      default = "us-east-1"
    }
    variable "unset" {
      type = list(string)
    }
    variable "password" {
      default   = "hunter2"
      sensitive = true
    }
    locals {
      name   = "web-${var.region}"
      double = [for x in local.numbers : x * 2]
      numbers = [1, 2, 3]
    }
    resource "null_resource" "a" {}
    resource "null_resource" "many" {
      count = 2
    }
    """

    static let state = """
    {
      "version": 4,
      "terraform_version": "1.0.3",
      "serial": 1,
      "lineage": "11111111-2222-3333-4444-555555555555",
      "outputs": {},
      "resources": [
        {
          "mode": "managed",
          "type": "null_resource",
          "name": "a",
          "provider": "provider[\\"registry.terraform.io/hashicorp/null\\"]",
          "instances": [
            {"schema_version": 0, "attributes": {"id": "4242", "triggers": null}}
          ]
        },
        {
          "mode": "managed",
          "type": "null_resource",
          "name": "many",
          "each": "list",
          "provider": "provider[\\"registry.terraform.io/hashicorp/null\\"]",
          "instances": [
            {"index_key": 0, "schema_version": 0, "attributes": {"id": "1", "triggers": null}},
            {"index_key": 1, "schema_version": 0, "attributes": {"id": "2", "triggers": null}}
          ]
        }
      ]
    }
    """

    func console(_ input: String, _ args: [String] = [], state: Bool = true) -> TerraceProcess.Result {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        if state { dir.write("terrace.tfstate", Self.state) }
        return TerraceProcess.run(["console"] + args, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.file(".cloud")], stdin: input)
    }

    @Test func evaluatesVariablesLocalsAndResourcesFromState() {
        let r = console("local.name\nlocal.double\nnull_resource.a.id\nnull_resource.many[*].id\nvar.unset\nvar.password\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
        "web-us-east-1"
        [
          2,
          4,
          6,
        ]
        "4242"
        [
          "1",
          "2",
        ]
        (known after apply)
        (sensitive)

        """)
    }

    @Test func variablesFromFlagsAndFiles() {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        dir.write("dev.tfvars", "region = \"eu-west-1\"\n")
        let r = TerraceProcess.run(["console", "-var-file=dev.tfvars", "-var", "unset=[\"a\"]"], cwd: dir.path,
                                   env: ["TERRACE_CLOUD_DIR": dir.file(".cloud")], stdin: "local.name\nvar.unset\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "\"web-eu-west-1\"\ntolist([\n  \"a\",\n])\n")
    }

    @Test func carriesOnAfterAnErrorAndExitsOne() {
        let r = console("1 + 1\n\"a\" < 1\nupper(\"x\")\n")
        #expect(r.status == 1)
        #expect(r.stdout == "2\n\"X\"\n")
        #expect(r.stderr == """

        Error: Invalid operand

          on <console-input> line 1:
          (source code not available)

        Unsuitable value for left operand: a number is required.


        """)
    }

    @Test func reportsUndeclaredReferencesAsTerraformDoes() {
        let r = console("var.regoin\nnull_resource.b.id\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: Reference to undeclared input variable"))
        #expect(r.stderr.contains("Did you mean\n\"region\"?"))
        #expect(r.stderr.contains("A managed resource \"null_resource\" \"b\" has not been declared"))
    }

    @Test func checksResourceAttributesAgainstTheSchema() {
        let r = console("null_resource.a.idd\n")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: Unsupported attribute"))
        #expect(r.stderr.contains("This object has no argument, nested block, or exported attribute named \"idd\".\nDid you mean \"id\"?"))
        let keyed = console("null_resource.many.id\nnull_resource.a[0]\n")
        #expect(keyed.stderr.contains("Error: Missing resource instance key"))
        #expect(keyed.stderr.contains("Error: Unexpected resource instance key"))
    }

    @Test func withoutStateResourcesAreUnknown() {
        let r = console("null_resource.a.id\nlength(null_resource.many)\n", state: false)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "(known after apply)\n(known after apply)\n")
    }

    @Test func exitStopsReading() {
        let r = console("1\nexit\n2\n")
        #expect(r.status == 0)
        #expect(r.stdout == "1\n")
    }
}
