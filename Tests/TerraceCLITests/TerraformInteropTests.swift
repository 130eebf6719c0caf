import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// State written by Terraform 1.0.3 is adopted by Terrace with no changes, and state written
/// by Terrace is read by Terraform with no changes (null provider, no network).
@Suite(.enabled(if: Oracles.terraform != nil, "Terraform 1.0.3 is not installed (shared/tools/oracles.sh)"))
struct TerraformInteropTests {
    static let config = """
    resource "null_resource" "a" {
      triggers = {
        x = "1"
      }
    }

    resource "null_resource" "b" {
      count = 2
      triggers = {
        a = null_resource.a.id
      }
    }

    resource "null_resource" "c" {
      for_each = toset(["k1", "k2"])
      triggers = {
        key = each.key
      }
    }

    output "a" {
      value = null_resource.a.id
    }
    """

    @Test func terraformStatePlansWithNoChangesInTerrace() throws {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        #expect(Oracles.runTerraform(["init", "-no-color"], cwd: dir.path).status == 0)
        let applied = Oracles.runTerraform(["apply", "-auto-approve", "-no-color"], cwd: dir.path)
        #expect(applied.status == 0, "\(applied.stderr)")
        let plan = TerraceProcess.run(["plan", "-state=terraform.tfstate", "-detailed-exitcode", "-no-color"], cwd: dir.path)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("No changes. Your infrastructure matches the configuration."))
        // Adopting it with state push gives the same result.
        #expect(TerraceProcess.run(["state", "push", "terraform.tfstate"], cwd: dir.path).status == 0)
        #expect(TerraceProcess.run(["plan", "-detailed-exitcode"], cwd: dir.path).status == 0)
        #expect(TerraceProcess.run(["state", "list"], cwd: dir.path).stdout == Oracles.runTerraform(["state", "list"], cwd: dir.path).stdout)
    }

    @Test func terraceStateIsReadByTerraformWithNoChanges() throws {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        let applied = TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path)
        #expect(applied.status == 0, "\(applied.stderr)")
        try FileSystem.copy(dir.file("terrace.tfstate"), to: dir.file("terraform.tfstate"))
        #expect(Oracles.runTerraform(["init", "-no-color"], cwd: dir.path).status == 0)
        let list = Oracles.runTerraform(["state", "list"], cwd: dir.path)
        #expect(list.stdout == "null_resource.a\nnull_resource.b[0]\nnull_resource.b[1]\nnull_resource.c[\"k1\"]\nnull_resource.c[\"k2\"]\n")
        let plan = Oracles.runTerraform(["plan", "-detailed-exitcode", "-no-color"], cwd: dir.path)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("No changes."))
        let output = Oracles.runTerraform(["output", "-raw", "a"], cwd: dir.path)
        #expect(output.stdout == TerraceProcess.run(["output", "-raw", "a"], cwd: dir.path).stdout)
    }
}
