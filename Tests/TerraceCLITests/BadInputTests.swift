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
        // More of the corpus: each kind of file truncated, of the wrong types, of another
        // version and as binary garbage.
        Case(name: "configuration of the wrong types", files: ["main.tf": text("resource \"null_resource\" \"a\" {\n  triggers = \"x\"\n}\n")], args: ["apply", "-auto-approve"], message: "Incorrect attribute value type"),
        Case(name: "configuration for another Terraform version", files: ["main.tf": text("terraform {\n  required_version = \">= 9.0\"\n}\n" + good)], args: ["apply", "-auto-approve", "-var", "v=1"], message: "Unsupported Terraform Core version"),
        Case(name: "truncated JSON configuration", files: ["main.tf.json": text("{\"resource\": {\"null_resource\": {\"a\": {\"tri")], args: ["plan"], message: "Error:"),
        Case(name: "configuration with invalid UTF-8 in a string", files: ["main.tf": text("resource \"null_resource\" \"a\" {\n  triggers = { v = \"") + [0xC3, 0x28, 0xFF] + text("\" }\n}\n")], args: ["plan"], message: "Error:"),
        Case(name: "binary garbage variables file", files: ["main.tf": text(good), "x.tfvars": [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF]], args: ["plan", "-var-file=x.tfvars"], message: "Error:"),
        Case(name: "truncated JSON variables file", files: ["main.tf": text(good), "x.tfvars.json": text("{\"v\": ")], args: ["plan", "-var-file=x.tfvars.json"], message: "Error:"),
        Case(name: "variables file of the wrong types", files: ["main.tf": text(good), "x.tfvars.json": text("{\"v\": {\"a\": true}}")], args: ["apply", "-auto-approve", "-var-file=x.tfvars.json"], message: "Invalid value for input variable"),
        Case(name: "state from an older format", files: ["main.tf": text(good), "terrace.tfstate": text("{\"version\": 3, \"serial\": 1, \"lineage\": \"a\", \"modules\": []}")], args: ["apply", "-auto-approve", "-var", "v=1"], message: "State file version unsupported"),
        Case(name: "state whose resources are not a list", files: ["main.tf": text(good), "terrace.tfstate": text("{\"version\": 4, \"serial\": 1, \"lineage\": \"a\", \"resources\": {}}")], args: ["apply", "-auto-approve", "-var", "v=1"], message: "Failed to load state"),
        Case(name: "state with an object of the wrong types", files: ["main.tf": text(good), "terrace.tfstate": text(#"{"version": 4, "serial": 2, "lineage": "a", "resources": [{"mode": "managed", "type": "null_resource", "name": "a", "provider": "provider[\"registry.terraform.io/hashicorp/null\"]", "instances": [{"attributes": {"id": "1", "triggers": "not a map"}}]}]}"#)], args: ["apply", "-auto-approve", "-var", "v=1"], message: "Invalid resource instance data in state"),
        Case(name: "state with an object of the wrong types, destroyed", files: ["main.tf": text(good), "terrace.tfstate": text(#"{"version": 4, "serial": 2, "lineage": "a", "resources": [{"mode": "managed", "type": "null_resource", "name": "a", "provider": "provider[\"registry.terraform.io/hashicorp/null\"]", "instances": [{"attributes": {"id": ["1"]}}]}]}"#)], args: ["destroy", "-auto-approve", "-var", "v=1"], message: "Invalid resource instance data in state"),
        Case(name: "journal of a state with another lineage", files: ["main.tf": text(good), "terrace.tfstate": text(#"{"version": 4, "serial": 2, "lineage": "a", "resources": [{"mode": "managed", "type": "null_resource", "name": "a", "provider": "provider[\"registry.terraform.io/hashicorp/null\"]", "instances": [{"attributes": {"id": "1"}}]}]}"#), "terrace.tfstate.journal": text("{\"op\":\"begin\",\"lineage\":\"b\",\"serial\":1}\n")], args: ["apply", "-auto-approve", "-var", "v=1"], message: "State journal does not match state"),
        Case(name: "state to push of another lineage", files: ["main.tf": text(good), "terrace.tfstate": text("{\"version\": 4, \"serial\": 1, \"lineage\": \"a\", \"resources\": []}"), "other.tfstate": text("{\"version\": 4, \"serial\": 9, \"lineage\": \"b\", \"resources\": []}")], args: ["state", "push", "other.tfstate"], message: "unrelated state"),
        Case(name: "saved plan of the wrong types", files: ["main.tf": text(good), "p.plan": text("{\"terrace_plan\": 1, \"mode\": \"normal\", \"changes\": 5, \"prior_state\": []}")], args: ["apply", "p.plan"], message: "Failed to load plan file"),
        Case(name: "saved plan truncated to nothing", files: ["main.tf": text(good), "p.plan": []], args: ["apply", "p.plan"], message: "Failed to load plan file"),
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

    /// A saved plan applied against a state of another lineage, against a state that moved
    /// on, or after the configuration changed, is refused; so is a saved plan whose content
    /// was damaged after it was written. Nothing changes on disk.
    @Test func savedPlansThatNoLongerFitAreRefused() throws {
        let dir = TempDirectory(), other = TempDirectory()
        for d in [dir, other] {
            d.write("main.tf", Self.good)
            #expect(TerraceProcess.run(["apply", "-auto-approve", "-var", "v=1"], cwd: d.path).status == 0)
        }
        #expect(TerraceProcess.run(["plan", "-var", "v=2", "-out=p.plan"], cwd: dir.path).status == 0)
        let plan = try FileSystem.read(dir.file("p.plan"))
        func refused(_ d: TempDirectory, _ args: [String], _ message: String, _ what: String) {
            let before = Dictionary(uniqueKeysWithValues: FileSystem.list(d.path).map { ($0, try? FileSystem.read(d.file($0))) })
            let r = TerraceProcess.run(args + ["-no-color"], cwd: d.path)
            #expect(r.status == 1, "\(what): \(r.stdout)")
            #expect(r.stderr.contains(message), "\(what): \(r.stderr)")
            for (name, bytes) in before { #expect((try? FileSystem.read(d.file(name))) == bytes, "\(what): \(name) changed") }
        }
        // Another lineage.
        try FileSystem.writeAtomically(other.file("p.plan"), plan)
        refused(other, ["apply", "p.plan"], "Saved plan is stale", "another lineage")
        // The wrong types inside an otherwise whole plan.
        let text = String(decoding: plan, as: UTF8.self)
        try FileSystem.writeAtomically(dir.file("bad.plan"), text.replacingOccurrences(of: "\"base_serial\":", with: "\"base_serial\":\"x\",\"was\":"))
        refused(dir, ["apply", "bad.plan"], "Failed to load plan file", "wrong types")
        // A configuration that changed since.
        dir.write("extra.tf", "resource \"null_resource\" \"b\" {}\n")
        refused(dir, ["apply", "p.plan"], "Configuration changed since the plan was saved", "configuration changed")
        FileSystem.remove(dir.file("extra.tf"))
        // A state that moved on (the plan applied once already).
        #expect(TerraceProcess.run(["apply", "p.plan"], cwd: dir.path).status == 0)
        refused(dir, ["apply", "p.plan"], "Saved plan is stale", "applied twice")
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
