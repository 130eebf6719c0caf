import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Saved plans, `show`, plan JSON and the machine-readable UI, through the built executable.
@Suite struct SavedPlanTests {
    static let config = """
    variable "secret" {
      default   = "hunter2-very-secret"
      sensitive = true
    }

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

    resource "random_password" "db" {
      length = 20
    }

    output "a_id" {
      value = null_resource.a.id
    }

    output "secret" {
      value     = var.secret
      sensitive = true
    }
    """

    @Test func applyExactlyTheSavedPlanThenRefuseItAsStale() throws {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        let plan = TerraceProcess.run(["plan", "-out=tf.plan", "-no-color"], cwd: dir.path)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Saved the plan to: tf.plan"))
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.file("tf.plan"))
        #expect((attrs[.posixPermissions] as? Int) == 0o600)

        let show = TerraceProcess.run(["show", "-no-color", "tf.plan"], cwd: dir.path)
        #expect(show.stdout.contains("Plan: 4 to add, 0 to change, 0 to destroy."))

        let apply = TerraceProcess.run(["apply", "-no-color", "tf.plan"], cwd: dir.path)
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Apply complete! Resources: 4 added, 0 changed, 0 destroyed."))
        #expect(apply.stdout.contains("secret = <sensitive>"))

        let again = TerraceProcess.run(["apply", "-no-color", "tf.plan"], cwd: dir.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("Error: Saved plan is stale"))
    }

    @Test func savedPlanRefusedAfterConfigurationChanges() {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        _ = TerraceProcess.run(["plan", "-out=p"], cwd: dir.path)
        dir.write("extra.tf", "resource \"null_resource\" \"late\" {}\n")
        let r = TerraceProcess.run(["apply", "p"], cwd: dir.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Configuration changed since the plan was saved"))
    }

    @Test func corruptPlanFileIsAClearError() {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        dir.write("bad.plan", "{\"terrace_plan\": 1, \"mode\": \"normal\"")
        let r = TerraceProcess.run(["apply", "bad.plan"], cwd: dir.path)
        #expect(r.status == 1)
        #expect(r.stderr.contains("Failed to load plan file"))
    }

    @Test func planJSONFollowsTerraformShapeAndHidesSecrets() throws {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        _ = TerraceProcess.run(["plan", "-out=p"], cwd: dir.path)
        let r = TerraceProcess.run(["show", "-json", "p"], cwd: dir.path)
        #expect(r.status == 0)
        #expect(!r.stdout.contains("hunter2"))
        let j = try JSONParser.parse(r.stdout)
        #expect(j["format_version"] == .string("0.2"))
        let changes = try #require(j["resource_changes"]?.arrayValue)
        #expect(changes.compactMap { $0["address"]?.stringValue } == ["null_resource.a", "null_resource.b[0]", "null_resource.b[1]", "random_password.db"])
        let b0 = changes[1]
        #expect(b0["index"] == .int(0))
        #expect(b0["change"]?["actions"] == .array([.string("create")]))
        #expect(b0["change"]?["after_unknown"] == .object([("id", .bool(true)), ("triggers", .bool(true))]))
        let pw = changes[3]
        #expect(pw["change"]?["after_sensitive"]?["result"] == .bool(true))
        #expect(j["output_changes"]?["secret"]?["after_sensitive"] == .bool(true))
        #expect(j["configuration"]?["root_module"]?["resources"]?.arrayValue?.count == 3)
        #expect(j["prior_state"]?["format_version"] == .string("0.2"))
    }

    @Test func machineReadableUIStreamsOneObjectPerLine() throws {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        let r = TerraceProcess.run(["apply", "-json", "-auto-approve"], cwd: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        let types = try r.stdout.split(separator: "\n").map { try JSONParser.parse(String($0))["type"]?.stringValue ?? "" }
        #expect(types.first == "version")
        #expect(types.contains("planned_change") && types.contains("apply_start") && types.contains("apply_complete"))
        #expect(types.filter { $0 == "change_summary" }.count == 2)
        #expect(types.last == "outputs")
        #expect(!r.stdout.contains("hunter2"))
    }

    @Test func showPrintsStateLikeTerraform() {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config)
        #expect(TerraceProcess.run(["show"], cwd: dir.path).stdout == "No state.\n")
        _ = TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path)
        let r = TerraceProcess.run(["show", "-no-color"], cwd: dir.path)
        #expect(r.stdout.hasPrefix("# null_resource.a:\nresource \"null_resource\" \"a\" {\n    id       = \""))
        #expect(r.stdout.contains("    result      = (sensitive value)"))
        #expect(r.stdout.contains("\nOutputs:\n\na_id = \""))
        #expect(r.stdout.contains("secret = (sensitive value)"))
        #expect(!r.stdout.contains("hunter2"))
    }
}
