import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// `terrace import` and import blocks for addresses inside modules and with count or for_each
/// keys, with variables from `-var-file` and `-env`, and Terraform's three errors.
@Suite struct ImportEveryAddressTests {
    static let root = """
    provider "aws" {
      region = "us-east-1"
    }

    variable "cidr" {
      type = string
    }

    module "vpc" {
      source = "./vpc"
      cidr   = var.cidr
    }

    resource "aws_s3_bucket" "this" {
      for_each = toset(["videos", "images"])
      bucket   = "social-flow-${each.key}"
    }

    """

    static let module = """
    variable "cidr" {
      type = string
    }

    resource "aws_vpc" "main" {
      cidr_block = var.cidr
    }

    resource "aws_subnet" "private" {
      count             = 2
      vpc_id            = aws_vpc.main.id
      cidr_block        = cidrsubnet(var.cidr, 8, count.index)
      availability_zone = ["us-east-1a", "us-east-1b"][count.index]
    }

    """

    struct Made {
        var vpc: String
        var subnets: [String]
        var buckets: [String: String]
    }

    /// The module's and the root's objects, made in the console.
    func make(_ cloud: TempDirectory, cidr: String) throws -> Made {
        func create(_ args: String...) throws -> String {
            let r = TerraceProcess.run(["cloud", "create"] + args, cwd: cloud.path, env: ["TERRACE_CLOUD_DIR": cloud.path])
            guard r.status == 0 else { throw CloudFixture.Failure(r.stderr) }
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let prefix = cidr.split(separator: ".").prefix(2).joined(separator: ".")
        let vpc = try create("aws_vpc", "cidr_block=\(cidr)")
        let subnets = [
            try create("aws_subnet", "vpc_id=\(vpc)", "cidr_block=\(prefix).0.0/24", "availability_zone=us-east-1a"),
            try create("aws_subnet", "vpc_id=\(vpc)", "cidr_block=\(prefix).1.0/24", "availability_zone=us-east-1b"),
        ]
        var buckets: [String: String] = [:]
        for key in ["videos", "images"] { buckets[key] = try create("aws_s3_bucket", "bucket=social-flow-\(key)") }
        return Made(vpc: vpc, subnets: subnets, buckets: buckets)
    }

    func workingDirectory() -> TempDirectory {
        let dir = TempDirectory()
        dir.write("main.tf", Self.root)
        dir.write("vpc/main.tf", Self.module)
        return dir
    }

    @Test func importIntoModulesAndKeyedInstancesThenPlanHasNoChanges() throws {
        let cloud = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        let made = try make(cloud, cidr: "10.40.0.0/16")
        let dir = workingDirectory()
        dir.write("dev.tfvars", "cidr = \"10.40.0.0/16\"\n")
        let imports: [(String, String)] = [
            ("module.vpc.aws_vpc.main", made.vpc),
            ("module.vpc.aws_subnet.private[0]", made.subnets[0]),
            ("module.vpc.aws_subnet.private[1]", made.subnets[1]),
            ("aws_s3_bucket.this[\"videos\"]", made.buckets["videos"] ?? ""),
            ("aws_s3_bucket.this[\"images\"]", made.buckets["images"] ?? ""),
        ]
        for (addr, id) in imports {
            let r = TerraceProcess.run(["import", "-no-color", "-var-file=dev.tfvars", addr, id], cwd: dir.path, env: env)
            #expect(r.status == 0, "terrace import \(addr) \(id):\n\(r.stdout)\(r.stderr)")
            #expect(r.stdout.contains("\(addr): Importing from ID \"\(id)\"..."))
        }
        let list = TerraceProcess.run(["state", "list"], cwd: dir.path, env: env)
        #expect(list.stdout == """
        aws_s3_bucket.this["images"]
        aws_s3_bucket.this["videos"]
        module.vpc.aws_subnet.private[0]
        module.vpc.aws_subnet.private[1]
        module.vpc.aws_vpc.main

        """, "\(list.stdout)")
        let plan = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode", "-var-file=dev.tfvars"], cwd: dir.path, env: env)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")

        // The errors, as Terraform words them.
        let again = TerraceProcess.run(["import", "-no-color", "-var-file=dev.tfvars", "module.vpc.aws_subnet.private[0]", made.subnets[0]], cwd: dir.path, env: env)
        #expect(again.status == 1)
        #expect(again.stderr.flattened.contains("Error: Resource already managed by Terrace"), "\(again.stderr)")
        #expect(again.stderr.flattened.contains("Terrace is already managing a remote object for module.vpc.aws_subnet.private[0]."))
        let unconfigured = TerraceProcess.run(["import", "-no-color", "-var-file=dev.tfvars", "module.vpc.aws_subnet.public[0]", made.subnets[0]], cwd: dir.path, env: env)
        #expect(unconfigured.status == 1)
        #expect(unconfigured.stderr.flattened.contains("Error: Configuration for import target does not exist"), "\(unconfigured.stderr)")
        #expect(unconfigured.stderr.flattened.contains("The configuration for the given import target module.vpc.aws_subnet.public[0] does not exist."))
        let noModule = TerraceProcess.run(["import", "-no-color", "-var-file=dev.tfvars", "module.network.aws_vpc.main", made.vpc], cwd: dir.path, env: env)
        #expect(noModule.stderr.flattened.contains("Error: Configuration for import target does not exist"), "\(noModule.stderr)")
        dir.write("more.tf", "resource \"aws_s3_bucket\" \"more\" {\n  count  = 1\n  bucket = \"social-flow-more\"\n}\n")
        let missing = TerraceProcess.run(["import", "-no-color", "-var-file=dev.tfvars", "aws_s3_bucket.more[0]", "social-flow-missing"], cwd: dir.path, env: env)
        #expect(missing.status == 1)
        #expect(missing.stderr.flattened.contains("Error: Cannot import non-existent remote object"), "\(missing.stderr)")
        #expect(missing.stderr.flattened.contains("While attempting to import an existing object to \"aws_s3_bucket.more[0]\", the provider detected that no object exists with the given id."))
        let wrongKey = TerraceProcess.run(["import", "-no-color", "-var-file=dev.tfvars", "aws_s3_bucket.this[0]", made.buckets["videos"] ?? ""], cwd: dir.path, env: env)
        #expect(wrongKey.status == 1)
        #expect(wrongKey.stderr.flattened.contains("it uses for_each, so a key such as [\"name\"] is required"), "\(wrongKey.stderr)")
        #expect(TerraceProcess.run(["state", "list"], cwd: dir.path, env: env).stdout == list.stdout, "failed imports leave state alone")
    }

    @Test func importBlocksIntoModulesAndKeyedInstances() throws {
        let cloud = TempDirectory()
        let env = ["TERRACE_CLOUD_DIR": cloud.path]
        let made = try make(cloud, cidr: "10.41.0.0/16")
        let dir = workingDirectory()
        try FileManager.default.createDirectory(atPath: dir.file("environments"), withIntermediateDirectories: true)
        dir.write("environments/staging.tfvars", "cidr = \"10.41.0.0/16\"\n")
        dir.write("imports.tf", """
        import {
          to = module.vpc.aws_vpc.main
          id = "\(made.vpc)"
        }

        import {
          to = module.vpc.aws_subnet.private[1]
          id = "\(made.subnets[1])"
        }

        import {
          to = aws_s3_bucket.this["videos"]
          id = "\(made.buckets["videos"] ?? "")"
        }

        """)
        let plan = TerraceProcess.run(["plan", "-no-color", "-env=staging"], cwd: dir.path, env: env)
        #expect(plan.stdout.contains("# module.vpc.aws_vpc.main will be imported"), "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("# module.vpc.aws_subnet.private[1] will be imported"))
        #expect(plan.stdout.contains("# aws_s3_bucket.this[\"videos\"] will be imported"))
        // The instances with no object to import are created.
        #expect(plan.stdout.contains("# module.vpc.aws_subnet.private[0] will be created"))
        #expect(plan.stdout.contains("Plan: 3 to import, 2 to add, 0 to change, 0 to destroy."), "\(plan.stdout)")

        // With the other two imported by `terrace import -env`, the plan imports three and adds nothing.
        for (addr, id) in [("module.vpc.aws_subnet.private[0]", made.subnets[0]), ("aws_s3_bucket.this[\"images\"]", made.buckets["images"] ?? "")] {
            let r = TerraceProcess.run(["import", "-no-color", "-env=staging", addr, id], cwd: dir.path, env: env)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        }
        let apply = TerraceProcess.run(["apply", "-no-color", "-auto-approve", "-env=staging"], cwd: dir.path, env: env)
        #expect(apply.stdout.contains("Apply complete! Resources: 3 imported, 0 added, 0 changed, 0 destroyed."), "\(apply.stdout)\(apply.stderr)")
        let again = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode", "-env=staging"], cwd: dir.path, env: env)
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        // Configuration is generated only for root-module targets without keys, as in Terraform.
        let gen = TempDirectory()
        gen.write("main.tf", Self.root)
        gen.write("vpc/main.tf", Self.module)
        gen.write("imports.tf", "import {\n  to = module.vpc.aws_vpc.other\n  id = \"\(made.vpc)\"\n}\n")
        let inModule = TerraceProcess.run(["plan", "-no-color", "-var=cidr=10.41.0.0/16", "-generate-config-out=generated.tf"], cwd: gen.path, env: env)
        #expect(inModule.status == 1)
        #expect(inModule.stderr.flattened.contains("Error: Configuration for import target does not exist"), "\(inModule.stderr)")
        #expect(inModule.stderr.flattened.contains("The configuration for the given import target module.vpc.aws_vpc.other does not exist."))
        gen.write("imports.tf", "import {\n  to = aws_s3_bucket.extra[\"videos\"]\n  id = \"\(made.buckets["videos"] ?? "")\"\n}\n")
        let keyed = TerraceProcess.run(["plan", "-no-color", "-var=cidr=10.41.0.0/16", "-generate-config-out=generated.tf"], cwd: gen.path, env: env)
        #expect(keyed.status == 1)
        #expect(keyed.stderr.flattened.contains("Error: Cannot generate configuration"), "\(keyed.stderr)")
        #expect(gen.read("generated.tf") == nil)

        // -env chose the staging workspace; the default one was not touched.
        #expect(TerraceProcess.run(["workspace", "show"], cwd: dir.path, env: env).stdout == "staging\n")
        #expect(TerraceProcess.run(["workspace", "select", "default"], cwd: dir.path, env: env).status == 0)
        #expect(TerraceProcess.run(["state", "list"], cwd: dir.path, env: env).stdout == "")
    }
}
