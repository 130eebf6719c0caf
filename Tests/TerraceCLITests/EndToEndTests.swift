import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Runs the built `terrace` executable through plan → apply → plan → change → destroy.
@Suite(.serialized) struct EndToEndTests {
    static let config = """
    provider "aws" {
      region = "us-east-1"
    }

    resource "aws_vpc" "main" {
      cidr_block = "10.0.0.0/16"
    }

    resource "aws_subnet" "a" {
      vpc_id     = aws_vpc.main.id
      cidr_block = "10.0.1.0/24"
    }

    resource "aws_s3_bucket" "b" {
      bucket = "terrace-e2e-bucket"
    }
    """

    func run(_ dir: TempDirectory, _ args: String...) -> TerraceProcess.Result {
        TerraceProcess.run(args, cwd: dir.path)
    }

    @Test func walkingSkeleton() throws {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)

        let plan = run(dir, "plan", "-no-color", "-detailed-exitcode")
        #expect(plan.status == 2, "\(plan.stderr)")
        #expect(plan.stdout.contains("  # aws_vpc.main will be created\n  + resource \"aws_vpc\" \"main\" {"))
        #expect(plan.stdout.contains("+ cidr_block "))
        #expect(plan.stdout.contains("= \"10.0.0.0/16\""))
        #expect(plan.stdout.contains("+ id  ") && plan.stdout.contains("= (known after apply)"))
        #expect(plan.stdout.contains("Plan: 3 to add, 0 to change, 0 to destroy."))
        #expect(plan.stdout.contains("  + create\n"))

        let apply = run(dir, "apply", "-auto-approve", "-no-color")
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("aws_vpc.main: Creating..."))
        #expect(apply.stdout.range(of: #"aws_vpc\.main: Creation complete after \d+s \[id=vpc-[0-9a-f]{17}\]"#, options: .regularExpression) != nil)
        #expect(apply.stdout.contains("Apply complete! Resources: 3 added, 0 changed, 0 destroyed."))

        let stateText = try #require(dir.read("terrace.tfstate"))
        let state = try JSONParser.parse(stateText)
        #expect(state["version"] == .int(4))
        #expect(state["serial"]?.intValue ?? 0 >= 1)
        #expect(state["lineage"]?.stringValue?.count == 36)
        #expect(state["terraform_version"] != nil && state["outputs"] != nil)
        let resources = try #require(state["resources"]?.arrayValue)
        #expect(resources.compactMap { $0["type"]?.stringValue } == ["aws_s3_bucket", "aws_subnet", "aws_vpc"])
        let subnet = try #require(resources.first { $0["type"]?.stringValue == "aws_subnet" })
        #expect(subnet["mode"] == .string("managed"))
        #expect(subnet["provider"] == .string("provider[\"registry.terraform.io/hashicorp/aws\"]"))
        let inst = try #require(subnet["instances"]?.arrayValue?.first)
        #expect(inst["dependencies"] == .array([.string("aws_vpc.main")]))
        #expect(inst["attributes"]?["id"]?.stringValue?.hasPrefix("subnet-") == true)
        #expect(FileSystem.list(dir.file(".terrace/cloud/accounts/123456789012/us-east-1/aws_vpc")).count == 1)

        let again = run(dir, "plan", "-no-color", "-detailed-exitcode")
        #expect(again.status == 0)
        #expect(again.stdout.contains("No changes. Your infrastructure matches the configuration."))

        let list = run(dir, "state", "list")
        #expect(list.stdout == "aws_s3_bucket.b\naws_subnet.a\naws_vpc.main\n")

        dir.write("main.tf", Self.config.replacingOccurrences(of: "10.0.1.0/24", with: "10.0.2.0/24"))
        let changed = run(dir, "plan", "-no-color", "-detailed-exitcode")
        #expect(changed.status == 2)
        #expect(changed.stdout.contains("~ cidr_block") && changed.stdout.contains("\"10.0.1.0/24\" -> \"10.0.2.0/24\" # forces replacement"))
        #expect(changed.stdout.contains("Plan: 1 to add, 0 to change, 1 to destroy."))

        let destroy = run(dir, "destroy", "-auto-approve", "-no-color")
        #expect(destroy.status == 0, "\(destroy.stderr)")
        let order = ["aws_subnet.a: Destroying", "aws_vpc.main: Destroying"].map { destroy.stdout.range(of: $0)?.lowerBound }
        #expect(order[0] != nil && order[1] != nil && order[0]! < order[1]!)
        #expect(destroy.stdout.contains("Destroy complete! Resources: 3 destroyed."))
        let after = try JSONParser.parse(try #require(dir.read("terrace.tfstate")))
        #expect(after["resources"] == .array([]))
        #expect(FileSystem.list(dir.file(".terrace/cloud/accounts/123456789012/us-east-1/aws_vpc")).isEmpty)
        #expect(FileSystem.list(dir.file(".terrace/cloud/accounts/123456789012/us-east-1/aws_subnet")).isEmpty)
    }

    @Test func chdirAndCloudDirectory() {
        let dir = TempDirectory()
        let cloud = TempDirectory()
        dir.write("infra/main.tf", Self.config.replacingOccurrences(of: "terrace-e2e-bucket", with: "terrace-e2e-chdir"))
        let r = TerraceProcess.run(["-chdir=infra", "apply", "-auto-approve"], cwd: dir.path, env: ["TERRACE_CLOUD_DIR": cloud.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileSystem.exists(dir.file("infra/terrace.tfstate")))
        #expect(!FileSystem.exists(dir.file("infra/.terrace/cloud")))
        #expect(FileSystem.list(cloud.file("accounts/123456789012/us-east-1/aws_vpc")).count == 1)
    }

    @Test func helpAndVersion() {
        let dir = TempDirectory()
        let help = run(dir, "-help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: terrace [global options] <subcommand> [args]"))
        #expect(help.stdout.contains("  plan "))
        let planHelp = run(dir, "plan", "-help")
        #expect(planHelp.stdout.contains("-detailed-exitcode"))
        let version = run(dir, "version")
        #expect(version.stdout.hasPrefix("Terrace v"))
        let unknown = run(dir, "pln")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Did you mean \"plan\"?"))
    }

    @Test func errorsExitOneWithDiagnostics() {
        let dir = TempDirectory()
        dir.write("main.tf", "resource \"aws_vpc\" \"x\" {\n  cidr_blok = \"10.0.0.0/16\"\n}\n")
        let r = run(dir, "plan", "-no-color", "-detailed-exitcode")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: Unsupported argument"))
        #expect(r.stderr.contains("on main.tf line 2, in resource \"aws_vpc\" \"x\":"))
        // Details are word-wrapped at 77 columns, as Terraform wraps them.
        #expect(r.stderr.replacingOccurrences(of: "\n", with: " ").contains("Did you mean \"cidr_block\"?"))
    }
}
