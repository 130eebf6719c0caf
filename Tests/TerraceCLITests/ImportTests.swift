import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Adopting existing objects: `terrace import`, import blocks, generated configuration and
/// discovery; and `moved`/`removed` blocks.
@Suite struct ImportTests {
    static let provider = "provider \"aws\" {\n  region = \"us-east-1\"\n}\n"

    /// Creates objects outside this working directory's state (applied elsewhere, then forgotten).
    func outOfBand(_ cloud: TempDirectory, _ config: String) throws -> [String: String] {
        let elsewhere = TempDirectory()
        elsewhere.write("main.tf", Self.provider + config)
        let r = TerraceProcess.run(["apply", "-auto-approve"], cwd: elsewhere.path, env: ["TERRACE_CLOUD_DIR": cloud.path])
        #expect(r.status == 0, "\(r.stderr)")
        let state = try JSONParser.parse(FileSystem.read(elsewhere.file("terrace.tfstate")))
        var ids: [String: String] = [:]
        for res in state["resources"]?.arrayValue ?? [] {
            let id = res["instances"]?.arrayValue?.first?["attributes"]?["id"]?.stringValue ?? ""
            ids["\(res["type"]?.stringValue ?? "").\(res["name"]?.stringValue ?? "")"] = id
        }
        return ids
    }

    @Test func importAdoptsAnObjectThenPlansOnlyRealDifferences() throws {
        let cloud = TempDirectory()
        let ids = try outOfBand(cloud, "resource \"aws_vpc\" \"x\" {\n  cidr_block = \"10.5.0.0/16\"\n}\n")
        let dir = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        dir.write("main.tf", Self.provider + "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.5.0.0/16\"\n  tags = {\n    Name = \"adopted\"\n  }\n}\n")
        let vpc = try #require(ids["aws_vpc.x"])
        let r = TerraceProcess.run(["import", "-no-color", "aws_vpc.main", vpc], cwd: dir.path, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("aws_vpc.main: Importing from ID \"\(vpc)\"..."))
        #expect(r.stdout.contains("Import successful!"))
        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path, env: env)
        #expect(plan.stdout.contains("# aws_vpc.main will be updated in-place"))
        #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."))

        let again = TerraceProcess.run(["import", "aws_vpc.main", vpc], cwd: dir.path, env: env)
        #expect(again.status == 1)
        #expect(again.stderr.contains("Resource already managed by Terrace"))
        let missing = TerraceProcess.run(["import", "aws_vpc.other", vpc], cwd: dir.path, env: env)
        #expect(missing.stderr.contains("Configuration for import target does not exist"))
        dir.write("two.tf", "resource \"aws_vpc\" \"two\" {\n  cidr_block = \"10.6.0.0/16\"\n}\n")
        let none = TerraceProcess.run(["import", "aws_vpc.two", "vpc-0000000000000dead"], cwd: dir.path, env: env)
        #expect(none.status == 1)
        #expect(none.stderr.contains("Cannot import non-existent remote object"))
    }

    @Test func importBlocksAndGeneratedConfigurationPlanWithNoChanges() throws {
        let cloud = TempDirectory()
        let ids = try outOfBand(cloud, "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"terrace-import-\(UInt32.random(in: 0...UInt32.max))\"\n}\n")
        let bucket = try #require(ids["aws_s3_bucket.b"])
        let dir = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        dir.write("main.tf", Self.provider + "import {\n  to = aws_s3_bucket.assets\n  id = \"\(bucket)\"\n}\n")
        let gen = TerraceProcess.run(["plan", "-no-color", "-generate-config-out=generated.tf"], cwd: dir.path, env: env)
        #expect(gen.status == 0, "\(gen.stderr)")
        #expect(gen.stdout.contains("# aws_s3_bucket.assets will be imported"))
        #expect(gen.stdout.contains("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy."))
        #expect(dir.read("generated.tf")?.contains("resource \"aws_s3_bucket\" \"assets\" {") == true)
        let apply = TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
        #expect(apply.stdout.contains("Apply complete! Resources: 1 imported, 0 added, 0 changed, 0 destroyed."))
        #expect(TerraceProcess.run(["plan", "-detailed-exitcode"], cwd: dir.path, env: env).status == 0)
    }

    @Test func discoveryWritesReferencesNotLiteralIDs() throws {
        let cloud = TempDirectory()
        _ = try outOfBand(cloud, """
        resource "aws_vpc" "v" {
          cidr_block = "10.7.0.0/16"
          tags = {
            Name = "legacy"
          }
        }
        resource "aws_subnet" "s" {
          vpc_id     = aws_vpc.v.id
          cidr_block = "10.7.1.0/24"
        }
        """)
        let dir = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        dir.write("main.tf", Self.provider)
        let r = TerraceProcess.run(["import", "-discover", "-generate-config-out=discovered.tf"], cwd: dir.path, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try #require(dir.read("discovered.tf"))
        #expect(text.contains("resource \"aws_vpc\" \"legacy\" {"))
        #expect(text.contains("vpc_id                          = aws_vpc.legacy.id") || text.contains("vpc_id = aws_vpc.legacy.id") || text.range(of: #"vpc_id\s+= aws_vpc\.legacy\.id"#, options: .regularExpression) != nil)
        #expect(!text.contains("vpc_id                          = \"vpc-"))
        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path, env: env)
        #expect(plan.stdout.contains("Plan: 2 to import, 0 to add, 0 to change, 0 to destroy."), "\(plan.stdout)\(plan.stderr)")
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path, env: env).status == 0)
        #expect(TerraceProcess.run(["plan", "-detailed-exitcode"], cwd: dir.path, env: env).status == 0)
        let rerun = TerraceProcess.run(["import", "-discover", "-generate-config-out=again.tf"], cwd: dir.path, env: env)
        #expect(rerun.stdout.contains("No unmanaged objects found"))
    }

    @Test func movedBlocksRenameWithoutReplacing() throws {
        let dir = TempDirectory()
        dir.write("main.tf", "resource \"null_resource\" \"old\" {\n  count = 2\n}\nresource \"null_resource\" \"single\" {}\n")
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        dir.write("main.tf", """
        resource "null_resource" "new" {
          for_each = toset(["a", "b"])
        }
        module "m" {
          source = "./m"
        }
        moved {
          from = null_resource.old[0]
          to   = null_resource.new["a"]
        }
        moved {
          from = null_resource.old[1]
          to   = null_resource.new["b"]
        }
        moved {
          from = null_resource.single
          to   = module.m.null_resource.inner
        }
        """)
        dir.write("m/main.tf", "resource \"null_resource\" \"inner\" {}\n")
        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path)
        #expect(plan.stdout.contains("# null_resource.old[0] has moved to null_resource.new[\"a\"]"), "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("# null_resource.single has moved to module.m.null_resource.inner"))
        #expect(plan.stdout.contains("Plan: 0 to add, 0 to change, 0 to destroy."))
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        #expect(TerraceProcess.run(["state", "list"], cwd: dir.path).stdout == "null_resource.new[\"a\"]\nnull_resource.new[\"b\"]\nmodule.m.null_resource.inner\n")
    }

    @Test func removedWithDestroyFalseForgets() throws {
        let cloud = TempDirectory()
        let dir = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        dir.write("main.tf", Self.provider + "resource \"aws_vpc\" \"keep\" {\n  cidr_block = \"10.8.0.0/16\"\n}\n")
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path, env: env).status == 0)
        dir.write("main.tf", Self.provider + "removed {\n  from = aws_vpc.keep\n  lifecycle {\n    destroy = false\n  }\n}\n")
        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path, env: env)
        #expect(plan.stdout.contains("# aws_vpc.keep will no longer be managed by Terrace, but will not be destroyed"), "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("Plan: 0 to add, 0 to change, 0 to destroy, 1 to forget."))
        let apply = TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path, env: env)
        #expect(apply.stdout.contains("1 forgotten"))
        #expect(TerraceProcess.run(["state", "list"], cwd: dir.path, env: env).stdout == "")
        #expect(FileSystem.list(cloud.file("accounts/123456789012/us-east-1/aws_vpc")).count == 1)
    }
}
