import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

let checkovPath = "\(Oracles.directory)/checkov/bin/checkov"

/// checkov (a Terraform policy scanner, from PyPI) reads Terrace's plan JSON and reports on it.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: checkovPath), "checkov is not installed (scripts/ci/install-oracles.sh)"))
struct CheckovTests {
    static var checkov: String { checkovPath }

    @Test func checkovScansThePlanJSON() throws {
        let dir = TempDirectory()
        dir.write("main.tf", """
        provider "aws" {
          region = "us-east-1"
        }

        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }

        resource "aws_s3_bucket" "logs" {
          bucket = "terrace-checkov-logs"
        }

        resource "aws_security_group" "open" {
          name   = "open"
          vpc_id = aws_vpc.main.id
          ingress {
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = ["0.0.0.0/0"]
          }
        }
        """)
        #expect(TerraceProcess.run(["plan", "-out=p"], cwd: dir.path).status == 0)
        dir.write("plan.json", TerraceProcess.run(["show", "-json", "p"], cwd: dir.path).stdout)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.checkov)
        p.arguments = ["-f", dir.file("plan.json"), "--framework", "terraform_plan", "-o", "json", "--compact"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = readAll(out.fileHandleForReading.fileDescriptor)
        p.waitUntilExit()
        let report = try JSONParser.parse(Array(data))
        let results = report["results"]
        let failed = results?["failed_checks"]?.arrayValue ?? []
        let passed = results?["passed_checks"]?.arrayValue ?? []
        #expect(!failed.isEmpty && !passed.isEmpty)
        let resources = Set((failed + passed).compactMap { $0["resource"]?.stringValue })
        #expect(resources.isSuperset(of: ["aws_vpc.main", "aws_s3_bucket.logs", "aws_security_group.open"]))
        // The open SSH ingress is found.
        #expect(failed.contains { $0["check_id"] == .string("CKV_AWS_24") && $0["resource"] == .string("aws_security_group.open") })
    }
}
