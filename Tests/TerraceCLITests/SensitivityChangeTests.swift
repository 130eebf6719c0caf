import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// A value that becomes sensitive (a variable newly declared `sensitive`) or stops being so,
/// with the value itself unchanged: Terraform 1.0.3 plans an update that changes only the
/// marks the state records, and says so above the value. The expected blocks are what
/// `terraform plan` 1.0.3 printed for the same configuration and state.
@Suite struct SensitivityChangeTests {
    static func config(sensitive: Bool) -> String {
        """
        variable "x" {
          default   = "hello"
          sensitive = \(sensitive)
        }

        resource "null_resource" "a" {
          triggers = {
            v = var.x
            w = "plain"
          }
        }

        """
    }

    static func block(_ warning: String, id: String) -> String {
        """
          # null_resource.a will be updated in-place
          ~ resource "null_resource" "a" {
                id       = "\(id)"
              ~ triggers = {
                  # Warning: \(warning)
                  ~ "v" = (sensitive)
                    # (1 unchanged element hidden)
                }
            }

        Plan: 0 to add, 1 to change, 0 to destroy.
        """
    }

    @Test func markingAndUnmarkingAValuePlansAnUpdateOfItsMarks() throws {
        let dir = TempDirectory("terrace-sensitivity")
        let env = ["TERRACE_CLOUD_DIR": dir.path + "/.cloud"]
        func run(_ args: [String]) -> TerraceProcess.Result {
            TerraceProcess.run(args + ["-no-color"], cwd: dir.path, env: env)
        }
        dir.write("main.tf", Self.config(sensitive: false))
        #expect(run(["apply", "-auto-approve"]).status == 0)
        let state = try JSONParser.parse(String(contentsOfFile: dir.path + "/terrace.tfstate", encoding: .utf8))
        let id = try #require(state["resources"]?.arrayValue?.first?["instances"]?.arrayValue?.first?["attributes"]?["id"]?.stringValue)

        dir.write("main.tf", Self.config(sensitive: true))
        let marking = run(["plan"])
        #expect(marking.status == 0, "\(marking.stderr)")
        #expect(marking.stdout.contains(Self.block("""
            this attribute value will be marked as sensitive and will not
                      # display in UI output after applying this change. The value is unchanged.
            """, id: id)), "\(marking.stdout)")
        #expect(run(["apply", "-auto-approve"]).stdout.contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed."))
        // The state records the mark where Terraform does, so show no longer prints the value.
        let marked = try String(contentsOfFile: dir.path + "/terrace.tfstate", encoding: .utf8)
        #expect(marked.contains("\"type\": \"index\""))
        let show = run(["show"])
        #expect(show.stdout.contains("\"v\" = (sensitive)") && !show.stdout.contains("hello"), "\(show.stdout)")
        #expect(run(["plan"]).stdout.contains("No changes."))

        dir.write("main.tf", Self.config(sensitive: false))
        let unmarking = run(["plan"])
        #expect(unmarking.stdout.contains(Self.block("""
            this attribute value will no longer be marked as sensitive
                      # after applying this change. The value is unchanged.
            """, id: id)), "\(unmarking.stdout)")
        #expect(run(["apply", "-auto-approve"]).status == 0)
        #expect(run(["show"]).stdout.contains("\"v\" = \"hello\""))
    }
}
