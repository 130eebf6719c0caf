import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Changes made in the cloud behind Terrace's back: shown by plan, undone by apply, or
/// accepted into state by `apply -refresh-only`.
@Suite struct DriftTests {
    static let config = """
    provider "aws" {
      region = "us-east-1"
    }

    resource "aws_vpc" "main" {
      cidr_block = "10.0.0.0/16"
      tags = {
        Name = "drift"
      }
    }

    resource "aws_s3_bucket" "b" {
      bucket = "terrace-drift-BUCKET"
    }
    """

    func setUp() throws -> (TempDirectory, String) {
        let dir = TempDirectory()
        dir.write("main.tf", Self.config.replacingOccurrences(of: "BUCKET", with: String(UInt32.random(in: 0...UInt32.max))))
        let r = TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        let vpcDir = dir.file(".terrace/cloud/accounts/123456789012/us-east-1/aws_vpc")
        let file = try #require(FileSystem.list(vpcDir).first)
        return (dir, "\(vpcDir)/\(file)")
    }

    /// Edits a cloud object's attributes directly, as a person in the console would.
    func edit(_ path: String, _ change: (JSON) -> JSON) throws {
        let obj = try JSONParser.parse(FileSystem.read(path))
        try FileSystem.writeAtomically(path, JSONWriter.pretty(obj.setting("attributes", change(obj["attributes"]!))))
    }

    @Test func planShowsDriftAndUndoesIt() throws {
        let (dir, vpc) = try setUp()
        try edit(vpc) { $0.setting("tags", .object([("Name", .string("changed-by-hand"))])) }
        let plan = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"], cwd: dir.path)
        #expect(plan.status == 2)
        #expect(plan.stdout.contains("Note: Objects have changed outside of Terrace"))
        #expect(plan.stdout.contains("  # aws_vpc.main has changed"))
        #expect(plan.stdout.contains("~ \"Name\" = \"drift\" -> \"changed-by-hand\""))
        #expect(plan.stdout.contains("  # aws_vpc.main will be updated in-place"))
        #expect(plan.stdout.contains("~ \"Name\" = \"changed-by-hand\" -> \"drift\""))
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        #expect(TerraceProcess.run(["plan", "-detailed-exitcode"], cwd: dir.path).status == 0)
    }

    @Test func deletedOutsideIsRecreated() throws {
        let (dir, vpc) = try setUp()
        FileSystem.remove(vpc)
        let plan = TerraceProcess.run(["plan", "-no-color"], cwd: dir.path)
        #expect(plan.stdout.contains("  # aws_vpc.main has been deleted"))
        #expect(plan.stdout.contains("  # aws_vpc.main will be created"))
    }

    @Test func refreshOnlyAcceptsTheDriftIntoState() throws {
        let (dir, vpc) = try setUp()
        try edit(vpc) { $0.setting("tags", .object([("Name", .string("accepted"))])) }
        let r = TerraceProcess.run(["apply", "-refresh-only", "-auto-approve", "-no-color"], cwd: dir.path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed."))
        let state = try JSONParser.parse(FileSystem.read(dir.file("terrace.tfstate")))
        let tags = state["resources"]?.arrayValue?.first { $0["type"] == .string("aws_vpc") }?["instances"]?.arrayValue?.first?["attributes"]?["tags"]
        #expect(tags == .object([("Name", .string("accepted"))]))
        let again = TerraceProcess.run(["plan", "-refresh-only", "-detailed-exitcode"], cwd: dir.path)
        #expect(again.status == 0)
    }

    @Test func replaceForcesAReplacement() throws {
        let (dir, _) = try setUp()
        let r = TerraceProcess.run(["plan", "-no-color", "-replace=aws_s3_bucket.b"], cwd: dir.path)
        #expect(r.stdout.contains("  # aws_s3_bucket.b will be replaced, as requested"))
        #expect(r.stdout.contains("Plan: 1 to add, 0 to change, 1 to destroy."))
    }

    /// An apply with nothing to change still saves what its refresh found, as Terraform's does,
    /// so the next plan has nothing to report; an apply that finds nothing new leaves the file
    /// (and its serial) alone.
    @Test func applyWithoutChangesSavesTheRefreshedState() throws {
        let dir = TempDirectory()
        dir.write("main.tf", """
        provider "aws" {
          region = "us-east-1"
        }

        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }

        resource "aws_internet_gateway" "gw" {
          vpc_id = aws_vpc.main.id
        }

        resource "aws_route_table" "rt" {
          vpc_id = aws_vpc.main.id
        }

        resource "aws_route" "out" {
          route_table_id         = aws_route_table.rt.id
          destination_cidr_block = "0.0.0.0/0"
          gateway_id             = aws_internet_gateway.gw.id
        }
        """)
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        func serial() throws -> Int? { try JSONParser.parse(FileSystem.read(dir.file("terrace.tfstate")))["serial"]?.intValue }
        let first = try serial()
        // The route table now lists the route that aws_route added: a change outside, nothing to do.
        let plan = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"], cwd: dir.path)
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("  # aws_route_table.rt has changed"))
        let apply = TerraceProcess.run(["apply", "-auto-approve", "-no-color"], cwd: dir.path)
        #expect(apply.stdout.contains("Apply complete! Resources: 0 added, 0 changed, 0 destroyed."))
        #expect(try serial() == first.map { $0 + 1 })
        let again = TerraceProcess.run(["plan", "-no-color", "-detailed-exitcode"], cwd: dir.path)
        #expect(again.status == 0)
        #expect(!again.stdout.contains("Objects have changed outside"), "\(again.stdout)")
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        #expect(try serial() == first.map { $0 + 1 })
    }
}
