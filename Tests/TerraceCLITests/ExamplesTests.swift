import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Issue 8, "what it must show" 4: every example under `Examples/` is planned and applied,
/// re-plans with no changes, and is destroyed without leaving anything but what AWS keeps on
/// its way out. Each runs in a copy, with its own simulated cloud.
@Suite struct ExamplesTests {
    static let root = "\(TerraceProcess.packageRoot)/Examples"

    /// A copy of one example in a temporary directory.
    struct Example {
        let dir = TempDirectory("terrace-example")
        init(_ name: String) { TempDirectory.copyTree(from: "\(ExamplesTests.root)/\(name)", to: dir.path) }

        func run(_ args: String...) -> TerraceProcess.Result {
            TerraceProcess.run(args, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.file(".terrace/cloud")])
        }

        func cloud(_ args: String...) throws -> [CloudObjectEntry] {
            let r = TerraceProcess.run(["cloud", "list", "-json"] + args, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.file(".terrace/cloud")])
            guard r.status == 0 else { throw StackError(message: r.stderr) }
            if r.stdout == "No objects.\n" { return [] }
            return try (JSONParser.parse(r.stdout).arrayValue ?? []).map(CloudObjectEntry.init)
        }

        /// Plan, apply, plan again (no changes), destroy; returns what the apply printed.
        @discardableResult
        func roundTrip(_ resources: Int, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let plan = TerraceProcess.run(["plan", "-no-color"] + extra, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.file(".terrace/cloud")])
            #expect(plan.status == 0, "\(plan.stderr)", sourceLocation: sourceLocation)
            #expect(plan.stdout.contains("Plan: \(resources) to add, 0 to change, 0 to destroy."), "\(plan.stdout.suffix(1500))", sourceLocation: sourceLocation)
            let apply = TerraceProcess.run(["apply", "-auto-approve", "-no-color"] + extra, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.file(".terrace/cloud")])
            try #require(apply.status == 0, "\(apply.stderr)", sourceLocation: sourceLocation)
            #expect(apply.stdout.contains("Apply complete! Resources: \(resources) added, 0 changed, 0 destroyed."), sourceLocation: sourceLocation)
            let again = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"] + extra, cwd: dir.path, env: ["TERRACE_CLOUD_DIR": dir.file(".terrace/cloud")])
            #expect(again.status == 0, "re-plan: \(again.stdout.suffix(3000))\(again.stderr)", sourceLocation: sourceLocation)
            return apply.stdout
        }

        func destroyLeavesNothing(_ resources: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let destroy = run("destroy", "-auto-approve", "-no-color")
            #expect(destroy.status == 0, "\(destroy.stderr)", sourceLocation: sourceLocation)
            #expect(destroy.stdout.contains("Destroy complete! Resources: \(resources) destroyed."), sourceLocation: sourceLocation)
            let left = try cloud().filter { $0.lifecycleNote == nil }
            #expect(left.isEmpty, "left behind: \(left.map(\.key))", sourceLocation: sourceLocation)
        }
    }

    /// The smallest configuration: a VPC, a subnet and a bucket.
    @Test func quickstart() throws {
        let e = Example("quickstart")
        #expect(e.run("validate", "-no-color").status == 0)
        let apply = try e.roundTrip(3)
        #expect(apply.contains("vpc_id = \"vpc-"))
        #expect(try e.cloud().map(\.type).sorted() == [
            "aws_network_acl", "aws_route_table", "aws_s3_bucket", "aws_s3_bucket_public_access_block",
            "aws_security_group", "aws_subnet", "aws_vpc",
        ])
        try e.destroyLeavesNothing(3)
    }

    /// Seed 000's four regions, each with four VPCs over three zones, one provider alias each.
    @Test func multiRegion() throws {
        let e = Example("multi-region")
        #expect(e.run("validate", "-no-color").status == 0)
        try e.roundTrip(112)
        let vpcs = try e.cloud("-type=aws_vpc")
        let regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1"]
        for (r, region) in regions.enumerated() {
            let here = vpcs.filter { $0.attributes["arn"]?.stringValue?.contains(":\(region):") == true }
            #expect(here.compactMap { $0.attributes["tags"]?["Name"]?.stringValue }.sorted()
                == ["data", "management", "platform", "security"].map { "social-prod-\(region)-\($0)" })
            // cidrsubnet("10.0.0.0/8", 8, 4r + v): no two of the sixteen overlap.
            #expect(here.compactMap { $0.attributes["cidr_block"]?.stringValue }.sorted()
                == (0..<4).map { "10.\(4 * r + $0).0.0/16" }.sorted(), "\(region)")
        }
        #expect(vpcs.count == 16)
        let zones = Set(try e.cloud("-type=aws_subnet").compactMap { $0.attributes["availability_zone"]?.stringValue })
        #expect(zones == Set(regions.flatMap { r in ["a", "b", "c"].map { "\(r)\($0)" } }))
        try e.destroyLeavesNothing(112)
    }

    /// `adopt.sh`: five objects made with `terrace cloud create`, then `terrace import`ed; the
    /// plan before wants to create them, the plan after has nothing to do.
    @Test func importAdoptsObjectsMadeOutsideTerrace() throws {
        let e = Example("import")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["adopt.sh"]
        p.currentDirectoryURL = URL(fileURLWithPath: e.dir.path)
        var env = ProcessInfo.processInfo.environment
        env["TERRACE"] = TerraceProcess.executable
        env["TERRACE_CLOUD_DIR"] = e.dir.file(".terrace/cloud")
        env["NO_COLOR"] = "1"
        env["TF_WORKSPACE"] = nil
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: readAll(out.fileHandleForReading.fileDescriptor), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("Plan: 5 to add, 0 to change, 0 to destroy."))
        #expect(text.components(separatedBy: "Import successful!").count - 1 == 5)
        #expect(text.hasSuffix("No changes. Your infrastructure matches the configuration.\n\nTerrace has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.\n"), "\(text.suffix(500))")
        #expect(e.run("state", "list").stdout == """
            aws_cloudwatch_log_group.legacy_web
            aws_s3_bucket.legacy_assets
            aws_security_group.legacy_web
            aws_subnet.legacy_a
            aws_vpc.legacy

            """)
        // Adopted objects are managed like any other: destroy removes them.
        try e.destroyLeavesNothing(5)
    }

    /// The README's other way: `terrace import -discover` writes the configuration.
    @Test func importDiscoverWritesTheConfiguration() throws {
        let e = Example("import")
        try FileSystem.writeAtomically(e.dir.file("main.tf"), "provider \"aws\" {\n  region = \"us-east-1\"\n}\n")
        let vpc = e.run("cloud", "create", "aws_vpc", "cidr_block=10.20.0.0/16").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(vpc.hasPrefix("vpc-"))
        #expect(e.run("cloud", "create", "aws_subnet", "vpc_id=\(vpc)", "cidr_block=10.20.1.0/24", "availability_zone=us-east-1a").status == 0)
        #expect(e.run("cloud", "create", "aws_s3_bucket", "bucket=social-flow-legacy-assets-123456789012").status == 0)
        let discover = e.run("import", "-discover", "-generate-config-out=discovered.tf", "-no-color")
        #expect(discover.status == 0, "\(discover.stderr)")
        // The bucket comes with the public access block S3 gives every new bucket.
        #expect(discover.stdout.hasPrefix("Found 4 unmanaged objects; wrote import blocks and configuration to discovered.tf."), "\(discover.stdout)")
        let plan = e.run("plan", "-no-color")
        #expect(plan.stdout.contains("Plan: 4 to import, 0 to add, 0 to change, 0 to destroy."), "\(plan.stdout)\(plan.stderr)")
        let apply = e.run("apply", "-auto-approve", "-no-color")
        #expect(apply.stdout.contains("Apply complete! Resources: 4 imported, 0 added, 0 changed, 0 destroyed."), "\(apply.stdout)\(apply.stderr)")
        #expect(e.run("plan", "-no-color", "-detailed-exitcode").status == 0)
    }

    /// Seed 003's SocialClub: staging applied and destroyed; production planned.
    @Test func socialClub() throws {
        let e = Example("socialclub")
        #expect(e.run("validate", "-no-color").status == 0)
        try e.roundTrip(164)
        let tables = try e.cloud("-type=aws_dynamodb_table")
        #expect(tables.compactMap { $0.attributes["name"]?.stringValue }.sorted()
            == ["activity-log", "message-cache", "real-time-presence", "terraform-locks", "user-sessions"]
            .map { $0 == "terraform-locks" ? "socialclub-terraform-locks-staging" : "socialclub-staging-\($0)" }.sorted())
        for t in tables where !(t.attributes["name"]?.stringValue ?? "").contains("terraform") {
            #expect(t.attributes["ttl"]?.block["enabled"]?.boolValue == true, "\(t.id) TTL")
            #expect(t.attributes["ttl"]?.block["attribute_name"]?.stringValue == "expiresAt")
        }
        let subnets = try e.cloud("-type=aws_subnet").compactMap { $0.attributes["cidr_block"]?.stringValue }.sorted()
        #expect(subnets == ["10.0.1.0/24", "10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24", "10.0.2.0/24",
                            "10.0.21.0/24", "10.0.22.0/24", "10.0.23.0/24", "10.0.3.0/24"])
        let secrets = try e.cloud("-type=aws_secretsmanager_secret")
        #expect(secrets.count == 16)
        #expect(secrets.allSatisfy { $0.attributes["name"]?.stringValue?.hasPrefix("socialclub/staging/") == true })
        let rotations = try e.cloud("-type=aws_secretsmanager_secret_rotation")
        #expect(rotations.count == 4, "the database password and the three auth keys rotate")
        try e.destroyLeavesNothing(164)
        let production = e.run("plan", "-var", "environment=production", "-no-color")
        #expect(production.status == 0, "\(production.stderr)")
        #expect(production.stdout.contains("to add, 0 to change, 0 to destroy."))
    }
}
