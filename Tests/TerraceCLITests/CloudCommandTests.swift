import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// `terrace cloud`, run as a user would: objects made, changed and deleted directly in the
/// simulated cloud, under the same AWS rules as apply, by several processes at once.
@Suite struct CloudCommandTests {
    func cloud(_ dir: TempDirectory, _ args: String..., env: [String: String] = [:]) -> TerraceProcess.Result {
        TerraceProcess.run(["cloud"] + args, cwd: dir.path, env: env)
    }

    @Test func createListShowUpdateDelete() throws {
        let dir = TempDirectory()
        let created = cloud(dir, "create", "aws_vpc", "cidr_block=10.0.0.0/16", "tags.Name=console")
        #expect(created.status == 0, "\(created.stderr)")
        let vpc = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(vpc.range(of: "^vpc-0[0-9a-f]{16}$", options: .regularExpression) != nil)
        let subnet = cloud(dir, "create", "aws_subnet", "vpc_id=\(vpc)", "cidr_block=10.0.1.0/24", "availability_zone=us-east-1b")
        #expect(subnet.status == 0, "\(subnet.stderr)")

        let list = cloud(dir, "list")
        #expect(list.stdout.hasPrefix("TYPE "))
        #expect(list.stdout.contains("aws_vpc             \(vpc)") && list.stdout.contains("console"))
        #expect(list.stdout.contains("aws_security_group") && list.stdout.contains("default"), "the VPC's default group is listed")
        let onlySubnets = cloud(dir, "list", "-type=aws_subnet", "-json")
        let json = try JSONParser.parse(onlySubnets.stdout)
        #expect(json.arrayValue?.count == 1 && json.arrayValue?.first?["attributes"]?["availability_zone"] == .string("us-east-1b"))
        #expect(cloud(dir, "list", "-region=eu-west-1").stdout == "No objects.\n")

        let show = cloud(dir, "show", vpc)
        #expect(show.stdout.hasPrefix("# aws_vpc \(vpc) (account 123456789012, us-east-1)\n"))
        #expect(show.stdout.contains("cidr_block                           = \"10.0.0.0/16\""))

        let update = cloud(dir, "update", vpc, "enable_dns_hostnames=true", "tags.Env=dev")
        #expect(update.status == 0, "\(update.stderr)")
        let after = try JSONParser.parse(cloud(dir, "show", vpc, "-json").stdout)
        #expect(after["attributes"]?["enable_dns_hostnames"] == .bool(true))
        #expect(after["attributes"]?["tags"]?["Env"] == .string("dev") && after["attributes"]?["tags"]?["Name"] == .string("console"))

        let inUse = cloud(dir, "delete", vpc)
        #expect(inUse.status == 1)
        #expect(inUse.stderr.contains("Error: deleting EC2 VPC (\(vpc)): DependencyViolation: The vpc '\(vpc)' has dependencies and cannot be deleted."))
        let subnetID = subnet.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(cloud(dir, "delete", subnetID).status == 0)
        #expect(cloud(dir, "delete", vpc).stdout == "aws_vpc \(vpc) deleted.\n")
        #expect(cloud(dir, "list").stdout == "No objects.\n", "the VPC's defaults went with it")
    }

    @Test func theSameRulesAsApply() {
        let dir = TempDirectory()
        let vpc = cloud(dir, "create", "aws_vpc", "cidr_block=10.0.0.0/16").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(cloud(dir, "create", "aws_subnet", "vpc_id=\(vpc)", "cidr_block=10.0.1.0/24").status == 0)
        let conflict = cloud(dir, "create", "aws_subnet", "vpc_id=\(vpc)", "cidr_block=10.0.1.0/25")
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains("creating EC2 Subnet (aws_subnet): InvalidSubnet.Conflict: The CIDR '10.0.1.0/25' conflicts with another subnet"))
        let sg = cloud(dir, "create", "aws_security_group", "vpc_id=\(vpc)", "name=web",
                       #"ingress=[{from_port=443,to_port=443,protocol="tcp",cidr_blocks=["0.0.0.0/0"]}]"#)
        #expect(sg.status == 0, "\(sg.stderr)")
        let dup = cloud(dir, "create", "aws_vpc_security_group_ingress_rule", "security_group_id=\(sg.stdout.trimmingCharacters(in: .whitespacesAndNewlines))",
                        "cidr_ipv4=0.0.0.0/0", "from_port=443", "to_port=443", "ip_protocol=tcp")
        #expect(dup.stderr.contains("InvalidPermission.Duplicate"))
        let replace = cloud(dir, "update", vpc, "cidr_block=10.1.0.0/16")
        #expect(replace.stderr.contains("Cannot change cidr_block in place"))
    }

    @Test func badInvocationsExplainThemselves() {
        let dir = TempDirectory()
        #expect(cloud(dir, "create", "aws_vpcc", "cidr_block=10.0.0.0/16").stderr.contains("Did you mean \"aws_vpc\"?"))
        #expect(cloud(dir, "create", "aws_vpc", "cidr_blok=10.0.0.0/16").stderr.contains("Did you mean \"cidr_block\"?"))
        #expect(cloud(dir, "create", "aws_subnet", "cidr_block=10.0.0.0/24").stderr.contains("The argument \"vpc_id\" is required"))
        #expect(cloud(dir, "create", "aws_vpc", "cidr_block=10.0.0.0/16", "enable_dns_support=maybe").stderr.contains("Invalid value for \"enable_dns_support\""))
        #expect(cloud(dir, "create", "aws_vpc", "arn=x").stderr.contains("Value for unconfigurable attribute"))
        #expect(cloud(dir, "create", "-region=mars-1", "aws_vpc", "cidr_block=10.0.0.0/16").stderr.contains("invalid AWS Region: mars-1"))
        #expect(cloud(dir, "show", "vpc-0000000000000000").stderr.contains("No such object"))
        #expect(cloud(dir, "lst").stderr.contains("Did you mean \"list\"?"))
        let help = cloud(dir, "-help")
        #expect(help.status == 0 && help.stdout.contains("cloud list [-type=TYPE]"))
        let create = cloud(dir, "create", "aws_vpc", "cidr_block=10.0.0.0/8")
        #expect(create.status == 1 && create.stderr.contains("between 16 and 28 significant bits"))
        #expect(!create.stderr.contains("Fatal error") && !create.stderr.contains("Stack dump"))
    }

    @Test func driftMadeInTheConsoleShowsInThePlan() throws {
        let dir = TempDirectory()
        dir.write("main.tf", """
        provider "aws" {
          region = "us-east-1"
        }

        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
          tags = {
            Name = "main"
          }
        }
        """)
        #expect(TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path).status == 0)
        let state = try JSONParser.parse(try #require(dir.read("terrace.tfstate")))
        let id = try #require(state["resources"]?.arrayValue?.first?["instances"]?.arrayValue?.first?["attributes"]?["id"]?.stringValue)
        #expect(cloud(dir, "update", id, "tags.Name=renamed").status == 0)
        let plan = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"], cwd: dir.path)
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("\"Name\" = \"renamed\" -> \"main\""))
        #expect(cloud(dir, "delete", id).status == 0)
        let gone = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path)
        #expect(gone.stdout.contains("# aws_vpc.main will be created"))
    }

    /// A change in the console touches only what it names: arguments AWS filled in (a log
    /// group's `name_prefix`) and the tags a configuration's default tags added stay as they
    /// are, so the plan shows exactly the one change.
    @Test func updateChangesOnlyWhatItNames() throws {
        let dir = TempDirectory()
        dir.write("main.tf", """
        provider "aws" {
          region = "us-east-1"
          default_tags {
            tags = { Team = "platform" }
          }
        }

        resource "aws_cloudwatch_log_group" "app" {
          name              = "/ecs/app"
          retention_in_days = 7
          tags = {
            Name = "app"
          }
        }
        """)
        #expect(TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path).status == 0)
        let update = cloud(dir, "update", "/ecs/app", "retention_in_days=1")
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout == "aws_cloudwatch_log_group /ecs/app updated.\n")
        let shown = try JSONParser.parse(cloud(dir, "show", "-json", "/ecs/app").stdout)["attributes"]
        #expect(shown?["retention_in_days"]?.intValue == 1)
        #expect(shown?["tags_all"] == .object([("Name", .string("app")), ("Team", .string("platform"))]))
        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path)
        #expect(plan.stdout.contains("~ retention_in_days = 1 -> 7"))
        #expect(!plan.stdout.contains("tags_all"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."))
    }

    /// Several processes writing one cloud at once: every conflicting create but one fails, the
    /// rest succeed, and the store stays whole.
    @Test func concurrentProcessesShareOneCloud() throws {
        let dir = TempDirectory()
        let vpc = cloud(dir, "create", "aws_vpc", "cidr_block=10.0.0.0/16").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let cidrs = ["10.0.1.0/24", "10.0.1.0/25", "10.0.1.128/25", "10.0.1.64/26", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24", "10.0.5.0/24"]
        let results = Locked<[Int32]>([])
        DispatchQueue.concurrentPerform(iterations: cidrs.count) { i in
            let r = TerraceProcess.run(["cloud", "create", "aws_subnet", "vpc_id=\(vpc)", "cidr_block=\(cidrs[i])"], cwd: dir.path)
            results.mutate { $0.append(r.status) }
        }
        let json = try JSONParser.parse(cloud(dir, "list", "-type=aws_subnet", "-json").stdout)
        let subnets = try #require(json.arrayValue)
        #expect(results.value.filter { $0 == 0 }.count == subnets.count)
        #expect(subnets.count >= 5 && subnets.count <= 6)
        let blocks = subnets.compactMap { $0["attributes"]?["cidr_block"]?.stringValue }
        #expect(Set(blocks).isSuperset(of: ["10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24", "10.0.5.0/24"]))
        #expect(blocks.filter { $0.hasPrefix("10.0.1.") }.count >= 1)
    }
}

extension CloudCommandTests {
    /// Every resource type of the catalogue, the data family's included, works through the
    /// command: made from arguments, or refused with a diagnostic, never a crash.
    @Test func everyCatalogueTypeWorksThroughTheCommand() throws {
        let dir = TempDirectory()
        let docs = try String(contentsOfFile: (TerraceProcess.packageRoot as NSString).appendingPathComponent("docs/providers/aws.md"), encoding: .utf8)
        let types = docs.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("## aws_") else { return nil }
            return String(line.dropFirst(3))
        }
        #expect(types.count > 50)
        let outcomes = Locked<[String: TerraceProcess.Result]>([:])
        DispatchQueue.concurrentPerform(iterations: types.count) { i in
            let r = TerraceProcess.run(["cloud", "create", types[i]], cwd: dir.path)
            outcomes.mutate { $0[types[i]] = r }
        }
        for (type, r) in outcomes.value {
            #expect(r.status == 0 || r.status == 1, "\(type): \(r.status)")
            if r.status == 1 { #expect(r.stderr.hasPrefix("\nError: "), "\(type): \(r.stderr)") }
            #expect(!r.stderr.contains("Fatal error"), "\(type)")
        }
        // A few of the data family's types, made as a console user would.
        #expect(TerraceProcess.run(["cloud", "create", "aws_s3_bucket", "bucket=terrace-console-bucket"], cwd: dir.path).status == 0)
        let key = TerraceProcess.run(["cloud", "create", "aws_kms_key", "deletion_window_in_days=3"], cwd: dir.path)
        #expect(key.status == 1 && key.stderr.contains("deletion_window_in_days"), "\(key.stderr)")
        #expect(TerraceProcess.run(["cloud", "create", "aws_cloudwatch_log_group", "name=/app/web", "retention_in_days=14"], cwd: dir.path).status == 0)
        #expect(TerraceProcess.run(["cloud", "show", "/app/web"], cwd: dir.path).stdout.contains("retention_in_days = 14"))
    }
}

/// A value shared between threads.
final class Locked<T>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.withLock { v } }
    func mutate(_ f: (inout T) -> Void) { lock.withLock { f(&v) } }
}
