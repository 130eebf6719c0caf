import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// Broken configurations, variables files, state files and saved plans: each gives a clear
/// message and exit status 1, and leaves every existing file byte-for-byte unchanged.
@Suite struct BadInputTests {
    static let good = "resource \"null_resource\" \"a\" {\n  triggers = {\n    v = var.v\n  }\n}\nvariable \"v\" {\n  type = number\n}\n"

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var files: [String: [UInt8]]
        var args: [String]
        var message: String
        var description: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let cases: [Case] = [
        Case(name: "truncated configuration", files: ["main.tf": text(String(good.prefix(40)))], args: ["plan", "-var", "v=1"], message: "Error:"),
        Case(name: "binary garbage configuration", files: ["main.tf": [0x00, 0xFF, 0xFE, 0x7B, 0x22, 0x01, 0x80]], args: ["plan"], message: "Error:"),
        Case(name: "wrong variable type on the command line", files: ["main.tf": text(good)], args: ["plan", "-var", "v=abc"], message: "Invalid value for input variable"),
        Case(name: "wrong type in a variables file", files: ["main.tf": text(good), "x.tfvars": text("v = [1]\n")], args: ["plan", "-var-file=x.tfvars"], message: "Invalid value for input variable"),
        Case(name: "truncated variables file", files: ["main.tf": text(good), "x.tfvars": text("v = ")], args: ["plan", "-var-file=x.tfvars"], message: "Error:"),
        Case(name: "missing variables file", files: ["main.tf": text(good)], args: ["plan", "-var-file=nope.tfvars"], message: "Failed to read variables file"),
        Case(name: "truncated state", files: ["main.tf": text(good), "terrace.tfstate": text("{\"version\": 4, \"serial\": 3, \"lineage\": \"abc\", \"resour")], args: ["apply", "-auto-approve", "-var", "v=1"], message: "Failed to load state"),
        Case(name: "state from a newer format", files: ["main.tf": text(good), "terrace.tfstate": text("{\"version\": 5, \"serial\": 1, \"lineage\": \"a\"}")], args: ["apply", "-auto-approve", "-var", "v=1"], message: "State file version unsupported"),
        Case(name: "state with wrong types", files: ["main.tf": text(good), "terrace.tfstate": text("{\"version\": 4, \"serial\": \"one\", \"lineage\": 2}")], args: ["plan", "-var", "v=1"], message: "Failed to load state"),
        Case(name: "not a state at all", files: ["main.tf": text(good), "terrace.tfstate": text("hello, world\n")], args: ["destroy", "-auto-approve", "-var", "v=1"], message: "Failed to load state"),
        Case(name: "binary garbage state", files: ["main.tf": text(good), "terrace.tfstate": [0x1F, 0x8B, 0x08, 0x00, 0xFF]], args: ["state", "list"], message: "Failed to load state"),
        Case(name: "truncated saved plan", files: ["main.tf": text(good), "p.plan": text("{\"terrace_plan\": 1, \"mode\": \"nor")], args: ["apply", "p.plan"], message: "Failed to load plan file"),
        Case(name: "saved plan of another format", files: ["main.tf": text(good), "p.plan": text("{\"terrace_plan\": 99}")], args: ["apply", "p.plan"], message: "Failed to load plan file"),
        Case(name: "saved plan that is garbage", files: ["main.tf": text(good), "p.plan": [0x50, 0x4B, 0x03, 0x04, 0x00]], args: ["show", "p.plan"], message: "Failed to load plan file"),
    ]

    @Test(arguments: cases)
    func clearErrorAndNothingChanged(_ c: Case) throws {
        let dir = TempDirectory()
        for (name, bytes) in c.files { try FileSystem.writeAtomically(dir.file(name), bytes) }
        let before = Dictionary(uniqueKeysWithValues: FileSystem.list(dir.path).map { ($0, try? FileSystem.read(dir.file($0))) })
        let r = TerraceProcess.run(c.args + ["-no-color"], cwd: dir.path)
        #expect(r.status == 1, "\(c.name): \(r.stdout)")
        #expect(r.stderr.contains(c.message), "\(c.name): \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
        for (name, bytes) in before { #expect((try? FileSystem.read(dir.file(name))) == bytes, "\(c.name): \(name) changed") }
        #expect(!FileSystem.exists(dir.file("terrace.tfstate")) || before["terrace.tfstate"] != nil, "\(c.name): a state file appeared")
    }

    @Test func filesHoldingStateAreOwnerOnly() throws {
        let dir = TempDirectory()
        dir.write("main.tf", "provider \"aws\" {\n  region = \"us-east-1\"\n}\nresource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n")
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        dir.write("tags.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"terrace-modes-\(UInt32.random(in: 0...UInt32.max))\"\n}\n")
        #expect(TerraceProcess.run(["apply", "-auto-approve"], cwd: dir.path).status == 0)
        #expect(TerraceProcess.run(["plan", "-destroy", "-out=d.plan"], cwd: dir.path).status == 0)
        let vpcs = dir.file(".terrace/cloud/accounts/123456789012/us-east-1/aws_vpc")
        var files = ["terrace.tfstate", "terrace.tfstate.backup", "d.plan"].map(dir.file)
        files += FileSystem.list(vpcs).map { "\(vpcs)/\($0)" }
        for f in files {
            let mode = try FileManager.default.attributesOfItem(atPath: f)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(f) has mode \(String(mode ?? 0, radix: 8))")
        }
    }

    @Test func workspacesApplyConcurrentlyAgainstOneCloud() throws {
        let dir = TempDirectory()
        let cloud = TempDirectory()
        dir.write("main.tf", """
        variable "n" {}
        provider "aws" {
          region = "us-east-1"
        }
        resource "aws_vpc" "v" {
          cidr_block = "10.${var.n}.0.0/16"
        }
        resource "aws_s3_bucket" "b" {
          bucket = "terrace-ws-${var.n}-\(UInt32.random(in: 0...UInt32.max))"
        }
        """)
        dir.write("environments/one.tfvars", "n = 1\n")
        dir.write("environments/two.tfvars", "n = 2\n")
        let env = ["TERRACE_CLOUD_DIR": cloud.path, "TERRACE_SIM_FAULTS": "latency=50ms,seed=5"]
        // Select each workspace once so the concurrent runs do not race on creating them.
        _ = TerraceProcess.run(["plan", "-env=one"], cwd: dir.path, env: env)
        _ = TerraceProcess.run(["plan", "-env=two"], cwd: dir.path, env: env)
        let a = try TerraceProcess.start(["apply", "-auto-approve", "-var-file=environments/one.tfvars", "-state=terrace.tfstate.d/one/terrace.tfstate"], cwd: dir.path, env: env)
        let b = try TerraceProcess.start(["apply", "-auto-approve", "-var-file=environments/two.tfvars", "-state=terrace.tfstate.d/two/terrace.tfstate"], cwd: dir.path, env: env)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        #expect(FileSystem.list(cloud.file("accounts/123456789012/us-east-1/aws_vpc")).count == 2)
        #expect(FileSystem.list(cloud.file("accounts/123456789012/us-east-1/aws_s3_bucket")).count == 2)
    }
}
