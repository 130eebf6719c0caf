import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// `terrace cost` and the cost line of `terrace plan`, run as a user runs them, with the real
/// aws provider of the simulated cloud (whatever resource types it has).
@Suite(.serialized) struct CostCommandTests {
    static let main = """
    variable "environment" {
      type = string
    }
    variable "aws_region" {
      type    = string
      default = "us-east-1"
    }
    provider "aws" {
      region = var.aws_region
    }
    resource "aws_vpc" "main" {
      cidr_block = "10.0.0.0/16"
    }
    resource "aws_s3_bucket" "videos" {
      bucket = "terrace-cost-${var.environment}-videos"
    }
    """

    static func project() -> TempDirectory {
        let dir = TempDirectory("terrace-cost-cli")
        dir.write("main.tf", main)
        dir.write("environments/dev.tfvars", "environment = \"dev\"\n")
        dir.write("environments/prod.tfvars", "environment = \"prod\"\naws_region = \"eu-west-1\"\n")
        dir.write("environments/dev.usage.yml", """
        version: 0.1
        resource_usage:
          aws_s3_bucket.videos:
            standard:
              storage_gb: 1000            # 1 TB of video
              monthly_tier_1_requests: 200000
        """)
        dir.write("environments/prod.usage.yml", """
        version: 0.1
        resource_usage:
          aws_s3_bucket.videos:
            standard:
              storage_gb: 20000
        """)
        return dir
    }

    func run(_ dir: TempDirectory, _ args: String...) -> TerraceProcess.Result {
        TerraceProcess.run(args, cwd: dir.path)
    }

    @Test func tableForOneEnvironmentWithItsUsageFile() {
        let dir = Self.project()
        let r = run(dir, "cost", "-env=dev")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Project: dev\nVariables: environments/dev.tfvars\nUsage: environments/dev.usage.yml\n"))
        // 1,000 GB × $0.023 and 200 × 1k requests × $0.005
        #expect(r.stdout.range(of: #"├─ Storage +1,000 +GB +\$23\.00 \*"#, options: .regularExpression) != nil, "\(r.stdout)")
        #expect(r.stdout.range(of: #"├─ PUT, COPY, POST, LIST requests +200 +1k requests +\$1\.00 \*"#, options: .regularExpression) != nil)
        #expect(r.stdout.range(of: #"└─ GET, SELECT, and all other requests +Monthly cost depends on usage: \$0\.0004 per 1k requests"#, options: .regularExpression) != nil)
        #expect(r.stdout.range(of: #"OVERALL TOTAL +\$24\.00\n"#, options: .regularExpression) != nil)
        #expect(r.stdout.contains("2 cloud resources were detected:\n∙ 1 was estimated, 1 of which includes usage-based costs\n∙ 1 was free:\n  ∙ 1 x aws_vpc\n"))
        // Configuration alone: no state was written.
        #expect(!FileManager.default.fileExists(atPath: dir.file("terrace.tfstate")))
    }

    @Test func jsonToAFile() throws {
        let dir = Self.project()
        let r = run(dir, "cost", "-env=dev", "-format=json", "-out=cost.json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Cost estimate (json) written to cost.json.\n")
        let doc = try JSONParser.parse(try #require(dir.read("cost.json")))
        #expect(doc["totalMonthlyCost"]?.stringValue == "24")
        let project = try #require(doc["projects"]?.arrayValue?.first)
        #expect(project["name"]?.stringValue == "dev")
        #expect(project["metadata"]?["usageFile"]?.stringValue == "environments/dev.usage.yml")
        #expect(project["breakdown"]?["resources"]?.arrayValue?.first?["resourceType"]?.stringValue == "aws_s3_bucket")
        #expect(doc["summary"]?["noPriceResourceCounts"]?["aws_vpc"] == .int(1))
    }

    @Test func compareEnvironmentsSideBySide() {
        let dir = Self.project()
        let r = run(dir, "cost", "-compare=dev,prod")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.range(of: #"Service +dev +prod\n"#, options: .regularExpression) != nil, "\(r.stdout)")
        // prod is in eu-west-1: S3 has no own price there, so us-east-1 × 1.08 (20,000 × 0.023 × 1.08).
        #expect(r.stdout.range(of: #"Amazon S3 +\$24\.00 +\$496\.80\n"#, options: .regularExpression) != nil)
        #expect(r.stdout.range(of: #"OVERALL TOTAL +\$24\.00 +\$496\.80\n"#, options: .regularExpression) != nil)
        let md = run(dir, "cost", "-compare=dev,prod", "-format=markdown")
        #expect(md.stdout.hasPrefix("| Service | dev | prod |\n|---|---:|---:|\n| Amazon S3 | $24.00 | $496.80 |\n"))
        let html = run(dir, "cost", "-compare=dev,prod", "-format=html")
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<svg "))
    }

    @Test(arguments: [
        (["cost", "-format=jsn"], "Did you mean \"json\"?"),
        (["cost", "-env=stagin"], "There is no variables file environments/stagin.tfvars"),
        (["cost", "-compare=dev"], "two or more environment names"),
        (["cost", "-compare=dev,prod", "-env=dev"], "cannot be combined with -env or -usage-file"),
        (["cost", "-usage-file=missing.yml", "-env=dev"], "The usage file missing.yml does not exist"),
        (["cost", "-bogus"], "flag provided but not defined: -bogus"),
        (["cost", "extra"], "The cost command takes no arguments"),
    ])
    func mistakesAreClearErrors(_ args: [String], _ message: String) {
        let dir = Self.project()
        let r = TerraceProcess.run(args, cwd: dir.path)
        #expect(r.status == 1)
        // Diagnostics are wrapped to the terminal width; compare with whitespace collapsed.
        let flat = r.stderr.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
    }

    @Test func aBrokenUsageFileIsReportedAtItsLine() {
        let dir = Self.project()
        dir.write("environments/dev.usage.yml", "version: 0.1\nresource_usage:\n  aws_s3_bucket.videos:\n\tstandard: 1\n")
        let r = run(dir, "cost", "-env=dev")
        #expect(r.status == 1)
        #expect(r.stderr.contains("Error: Tab in indentation"))
        #expect(r.stderr.contains("on environments/dev.usage.yml line 4"), "\(r.stderr)")
    }

    @Test func helpListsTheCommand() {
        let dir = Self.project()
        #expect(run(dir, "-help").stdout.contains("  cost   ") || run(dir, "-help").stdout.contains("cost "))
        let h = run(dir, "cost", "-help")
        #expect(h.status == 0 && h.stdout.contains("-compare=A,B,C") && h.stdout.contains("-usage-file=F"))
    }

    /// Every plan with resource changes ends with the monthly cost of the change.
    @Test func planEndsWithTheCostOfTheChange() {
        let dir = Self.project()
        let plan = run(dir, "plan", "-env=dev", "-no-color")
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Plan: 2 to add, 0 to change, 0 to destroy.\n\nCost: +$24.00/month (dev: $0.00 → $24.00)\n"), "\(plan.stdout)")
        let quiet = run(dir, "plan", "-env=dev", "-no-color", "-no-cost")
        #expect(quiet.status == 0 && !quiet.stdout.contains("Cost:"))

        let apply = run(dir, "apply", "-env=dev", "-auto-approve", "-no-color")
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("Cost: +$24.00/month (dev: $0.00 → $24.00)"))
        let same = run(dir, "plan", "-env=dev", "-no-color")
        #expect(same.stdout.contains("No changes.") && !same.stdout.contains("Cost:"))

        // Drop the bucket: the state's cost goes away.
        dir.write("main.tf", Self.main.components(separatedBy: "resource \"aws_s3_bucket\"")[0])
        let shrink = run(dir, "plan", "-env=dev", "-no-color")
        #expect(shrink.stdout.contains("Cost: -$24.00/month (dev: $24.00 → $0.00)"), "\(shrink.stdout)")
        let destroy = run(dir, "destroy", "-env=dev", "-auto-approve", "-no-color")
        #expect(destroy.stdout.contains("Cost: -$24.00/month (dev: $24.00 → $0.00)"), "\(destroy.stdout)")
    }
}
