import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// `validate`, `init`, `workspace` and `-env` through the built `terrace` executable.
@Suite(.serialized) struct CommandTests {
    func terrace(_ dir: TempDirectory, _ args: String..., env: [String: String] = [:]) -> TerraceProcess.Result {
        TerraceProcess.run(args, cwd: dir.path, env: env)
    }

    @Test func validateSuccessAndWarnings() throws {
        let dir = TempDirectory()
        dir.write("main.tf", "resource \"null_resource\" \"a\" {}\n")
        let ok = terrace(dir, "validate", "-no-color")
        #expect(ok.status == 0)
        #expect(ok.stdout == "Success! The configuration is valid.\n\n")
        let json = terrace(dir, "validate", "-json")
        #expect(json.status == 0)
        #expect(json.stdout == """
        {
          "format_version": "0.1",
          "valid": true,
          "error_count": 0,
          "warning_count": 0,
          "diagnostics": []
        }

        """)

        dir.write("main.tf", "resource \"null_resource\" \"a\" {}\nresource \"null_resource\" \"b\" {\n  depends_on = [\"null_resource.a\"]\n}\n")
        let warned = terrace(dir, "validate", "-no-color")
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("Warning: Quoted references are deprecated"))
        #expect(warned.stdout.hasSuffix("Success! The configuration is valid, but there were some validation warnings as shown above.\n\n"))
        let warnedJSON = try JSONParser.parse(terrace(dir, "validate", "-json").stdout)
        #expect(warnedJSON["valid"] == .bool(true))
        #expect(warnedJSON["warning_count"]?.intValue == 1)
    }

    /// Every error in one run, even across modules and kinds of check.
    @Test func validateReportsAllErrorsAtOnce() throws {
        let dir = TempDirectory()
        dir.write("main.tf", """
        resource "null_resourc" "a" {}
        resource "null_resource" "b" {
          trigers = {}
        }
        module "m" {
          source = "./m"
        }
        output "o" {
          value = var.nope
        }
        """)
        dir.write("m/main.tf", "output \"x\" {\n  value = local.missing\n}\n")
        let r = terrace(dir, "validate", "-json")
        #expect(r.status == 1)
        let json = try JSONParser.parse(r.stdout)
        let found = (json["diagnostics"]?.arrayValue ?? []).map { "\($0["range"]?["filename"]?.stringValue ?? ""): \($0["summary"]?.stringValue ?? "")" }
        #expect(found == [
            "m/main.tf: Reference to undeclared local value",
            "main.tf: Invalid resource type",
            "main.tf: Unsupported argument",
            "main.tf: Reference to undeclared input variable",
        ])
        #expect(json["error_count"]?.intValue == 4)
    }

    /// Where Terraform reported exactly what Terrace reports, the JSON documents are the same
    /// text (product name aside): field order, indentation, ranges and snippets.
    @Test(arguments: ConfigFixture.all("errors").filter { $0.file("Golden/terraform-validate.json") != nil })
    func validateJSONIsTerraformsDocument(_ f: ConfigFixture) throws {
        let theirs = try #require(f.file("Golden/terraform-validate.json"))
        let ours = try #require(f.file("Golden/validate.json"))
        guard OracleRecord.keys(try JSONParser.parse(theirs)) == OracleRecord.keys(try JSONParser.parse(ours)),
              !ours.contains("Did you mean"), !theirs.contains("Did you mean") else { return }
        let sameOrder = try JSONParser.parse(theirs)["diagnostics"]?.arrayValue?.count ?? 0 <= 1
        if sameOrder { #expect(OracleRecord.product(theirs) == ours, "\(f)") }
    }

    @Test func initRecordsTheModuleTree() throws {
        let dir = TempDirectory()
        dir.copy(from: ConfigFixture(name: "features/modules").dir)
        let r = terrace(dir, "init", "-no-color")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("""
        Initializing modules...
        - app_a in modules/app
        - app_a.shared in modules/shared
        - app_b in modules/app
        - app_b.shared in modules/shared

        Initializing the backend...

        Initializing provider plugins...
        - Using hashicorp/null v2.1.2, built into Terrace

        Terrace has been successfully initialized!
        """))
        let manifest = try #require(dir.read(".terrace/modules/modules.json"))
        #expect(manifest == #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"app_a","Source":"./modules/app","Dir":"modules/app"},{"Key":"app_a.shared","Source":"../shared","Dir":"modules/shared"},{"Key":"app_b","Source":"./modules/app","Dir":"modules/app"},{"Key":"app_b.shared","Source":"../shared","Dir":"modules/shared"}]}"#)
    }

    @Test func initReportsProblemsEarly() {
        let dir = TempDirectory()
        dir.write("main.tf", "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n")
        let r = terrace(dir, "init", "-no-color")
        #expect(r.status == 1)
        #expect(r.stderr.contains("There are some problems with the configuration, described below."))
        #expect(r.stderr.contains("Error: Unsupported module source"))
        #expect(!FileSystem.exists(dir.file(".terrace/modules/modules.json")))

        dir.write("main.tf", "resource \"google_compute_instance\" \"a\" {}\n")
        let missing = terrace(dir, "init", "-no-color")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Error: Failed to query available provider packages"))
    }

    /// Local modules need no init: plan works on a fresh copy.
    @Test func planWithoutInit() {
        let dir = TempDirectory()
        dir.copy(from: ConfigFixture(name: "features/modules").dir)
        let r = terrace(dir, "plan", "-no-color")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Plan: 5 to add, 0 to change, 0 to destroy."))
        #expect(!FileSystem.exists(dir.file(".terrace/modules")))
    }

    @Test func workspaceLifecycle() {
        let dir = TempDirectory()
        dir.write("main.tf", "resource \"null_resource\" \"a\" {}\n")
        #expect(terrace(dir, "workspace", "show").stdout == "default\n")
        #expect(terrace(dir, "workspace", "list").stdout == "* default\n\n")

        let created = terrace(dir, "workspace", "new", "staging", "-no-color")
        #expect(created.status == 0)
        #expect(created.stdout.hasPrefix("Created and switched to workspace \"staging\"!"))
        #expect(terrace(dir, "workspace", "new", "staging").stderr == "Workspace \"staging\" already exists\n")
        #expect(terrace(dir, "workspace", "list").stdout == "  default\n* staging\n\n")
        #expect(terrace(dir, "workspace", "show").stdout == "staging\n")

        // State goes to the workspace's own file.
        #expect(terrace(dir, "apply", "-auto-approve", "-no-color").status == 0)
        #expect(FileSystem.exists(dir.file("terrace.tfstate.d/staging/terrace.tfstate")))
        #expect(!FileSystem.exists(dir.file("terrace.tfstate")))

        let bad = terrace(dir, "workspace", "new", "a/b")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("The workspace name \"a/b\" is not allowed."))
        #expect(terrace(dir, "workspace", "select", "nope").stderr.contains("Workspace \"nope\" doesn't exist."))

        let active = terrace(dir, "workspace", "delete", "staging")
        #expect(active.status == 1)
        #expect(active.stderr.hasPrefix("Workspace \"staging\" is your active workspace."))
        #expect(terrace(dir, "workspace", "select", "default").stdout == "Switched to workspace \"default\".\n")
        let notEmpty = terrace(dir, "workspace", "delete", "staging")
        #expect(notEmpty.status == 1)
        #expect(notEmpty.stderr.hasPrefix("Workspace \"staging\" is not empty."))
        let forced = terrace(dir, "workspace", "delete", "-force", "staging")
        #expect(forced.status == 0)
        #expect(forced.stdout.hasPrefix("Deleted workspace \"staging\"!\nWARNING: \"staging\" was non-empty."))
        #expect(terrace(dir, "workspace", "list").stdout == "* default\n\n")

        // TF_WORKSPACE overrides the selection, and selecting is then refused.
        _ = terrace(dir, "workspace", "new", "qa")
        _ = terrace(dir, "workspace", "select", "default")
        #expect(terrace(dir, "workspace", "show", env: ["TF_WORKSPACE": "qa"]).stdout == "qa\n")
        #expect(terrace(dir, "workspace", "select", "default", env: ["TF_WORKSPACE": "qa"]).status == 1)
    }

    /// `-env=NAME`: the workspace NAME (created if needed) and `environments/NAME.tfvars`.
    @Test func envSelectsWorkspaceAndVariables() {
        let dir = TempDirectory()
        dir.copy(from: ConfigFixture(name: "features/environments").dir)
        let staging = terrace(dir, "apply", "-env=staging", "-auto-approve", "-no-color")
        #expect(staging.status == 0, "\(staging.stderr)")
        #expect(staging.stdout.contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed."))
        #expect(staging.stdout.contains("workspace = \"staging\""))
        #expect(FileSystem.exists(dir.file("terrace.tfstate.d/staging/terrace.tfstate")))
        #expect(terrace(dir, "workspace", "show").stdout == "staging\n")

        let dev = terrace(dir, "plan", "-env=dev", "-no-color")
        #expect(dev.status == 0)
        #expect(dev.stdout.contains("Plan: 1 to add, 0 to change, 0 to destroy."))
        #expect(dev.stdout.contains("\"dev-0\""))
        #expect(terrace(dir, "workspace", "list").stdout == "  default\n* dev\n  staging\n\n")

        let out = terrace(dir, "output", "-env=staging", "-json")
        #expect(out.stdout.contains("\"staging\""))
        let list = terrace(dir, "state", "list", "-env=staging")
        #expect(list.stdout == "null_resource.instance[0]\nnull_resource.instance[1]\n")

        let typo = terrace(dir, "plan", "-env=stagin", "-no-color")
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("Error: Unknown environment"))
        #expect(typo.stderr.contains("Did you mean \"staging\"?"))
    }
}
