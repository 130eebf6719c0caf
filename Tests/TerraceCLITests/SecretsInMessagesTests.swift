import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// A sensitive variable's value never shows, wherever it flows: into an attribute the provider
/// echoes back (and derives `tags_all` from), into the state and what prints it, into a
/// function or a provider that fails and would quote it, into an error about a misuse.
@Suite struct SecretsInMessagesTests {
    static let secret = "Hunter2Hunter2-\(UInt32.random(in: 0...UInt32.max))"

    static let variable = """
    variable "secret" {
      type      = string
      sensitive = true
    }
    provider "aws" {
      region = "us-east-1"
    }

    """

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var config: String
        /// Commands run in order; the status of each is checked.
        var commands: [([String], Int32)]
        /// What the last command's output must say instead of the secret.
        var says: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a sensitive tag in the state, show and a refresh after drift", config: """
        resource "aws_vpc" "v" {
          cidr_block = "10.0.0.0/16"
          tags = {
            Token = var.secret
            Name  = "plain"
          }
        }
        """, commands: [(["plan", "-out=p.plan"], 0), (["show", "-json", "p.plan"], 0), (["apply", "p.plan"], 0),
                        (["show"], 0), (["show", "-json"], 0), (["state", "show", "aws_vpc.v"], 0),
                        (["cloud", "update", "-type=aws_vpc", "VPC", "tags.Other=x"], 0), (["refresh"], 0),
                        (["show"], 0), (["plan", "-json"], 0), (["plan"], 0)],
             // The mark is on the element, as Terraform records it: the tag added outside
             // shows, the secret one stays hidden among the unchanged.
             says: "~ tags = { - \"Other\" = \"x\" -> null # (2 unchanged elements hidden) }"),
        Case(name: "functions that fail on a sensitive argument", config: """
        locals {
          a = cidrsubnet(var.secret, 8, 1)
          b = file(var.secret)
          c = base64decode(var.secret)
        }
        output "o" {
          value     = [local.a, local.b, local.c]
          sensitive = true
        }
        """, commands: [(["plan"], 1)], says: "failed to decode base64 data '(sensitive value)'"),
        Case(name: "provider validation quoting a sensitive argument", config: """
        resource "aws_s3_bucket" "b" {
          bucket = var.secret
        }
        resource "aws_vpc" "v" {
          cidr_block = var.secret
        }
        """, commands: [(["plan"], 1)], says: "invalid bucket name \"(sensitive value)\""),
        Case(name: "a sensitive for_each", config: """
        resource "aws_s3_bucket" "b" {
          for_each = toset([var.secret])
          bucket   = "b-${each.key}"
        }
        """, commands: [(["plan"], 1)], says: "cannot be used as for_each arguments"),
        Case(name: "an output that does not say it is sensitive", config: """
        output "o" {
          value = "x-${var.secret}"
        }
        """, commands: [(["apply", "-auto-approve"], 1)], says: "Output refers to sensitive values"),
        Case(name: "secrets written literally, in show -json's configuration", config: """
        provider "aws" {
          alias      = "keys"
          region     = "us-east-1"
          secret_key = "\(secret)"
        }
        resource "aws_secretsmanager_secret" "s" {
          name                    = "terrace-literal"
          recovery_window_in_days = 0
        }
        resource "aws_secretsmanager_secret_version" "s" {
          secret_id     = aws_secretsmanager_secret.s.id
          secret_string = "\(secret)"
        }
        module "m" {
          source = "./m"
          token  = "\(secret)"
        }
        """, commands: [(["plan", "-out=p.plan"], 0), (["show", "-json", "p.plan"], 0)], says: "\"secret_string\":{}"),
        Case(name: "a sensitive variable of the wrong type", config: """
        variable "number" {
          type      = number
          sensitive = true
        }
        output "o" {
          value     = var.number
          sensitive = true
        }
        """, commands: [(["plan", "-var", "number=\(secret)"], 1)], says: "Invalid value for input variable"),
    ]

    @Test(arguments: cases)
    func theSecretNeverShows(_ c: Case) throws {
        let dir = TempDirectory("terrace-secret-msg")
        dir.write("main.tf", Self.variable + c.config)
        dir.write("terraform.tfvars", "secret = \"\(Self.secret)\"\n")
        dir.write("m/main.tf", "variable \"token\" {\n  sensitive = true\n}\n")
        var last = ""
        for (args, status) in c.commands {
            var args = args
            if args.contains("VPC") {
                let state = try JSONParser.parse(dir.read("terrace.tfstate") ?? "")
                let id = state["resources"]?.arrayValue?.first?["instances"]?.arrayValue?.first?["attributes"]?["id"]?.stringValue ?? ""
                args = args.map { $0 == "VPC" ? id : $0 }
            }
            let r = TerraceProcess.run(args + (args.first == "cloud" ? [] : ["-no-color"]), cwd: dir.path)
            last = r.stdout + r.stderr
            #expect(r.status == status, "\(c.name): terrace \(args.joined(separator: " ")): \(r.stderr)")
            #expect(!last.contains(Self.secret), "\(c.name): terrace \(args.joined(separator: " ")) shows the secret:\n\(last)")
        }
        #expect(last.flattened.contains(c.says), "\(c.name): \(last)")
        // The state, where there is one, keeps the value and marks it.
        if let state = dir.read("terrace.tfstate"), state.contains(Self.secret) {
            #expect(state.contains("\"sensitive_attributes\": [\n            [\n              {\n                \"type\": \"get_attr\",\n                \"value\": \"tags\""))
        }
    }
}
