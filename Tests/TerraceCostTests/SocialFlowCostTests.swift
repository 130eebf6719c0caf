import Foundation
import Testing
import TerraceBasics
@testable import TerraceCost
import TerraceTestSupport

/// The Social Flow environments at the repository's top level, priced by `terrace cost`:
/// golden cost JSON per environment (Golden/socialflow-NAME.json, re-recorded with
/// TERRACE_RECORD=1 or scripts/cost/regenerate.sh), and usage files that match the stack.
@Suite(.serialized) struct SocialFlowCostTests {
    static let root = TerraceProcess.packageRoot
    static let environments = ["dev", "staging", "prod"]
    static var hasStack: Bool {
        FileManager.default.fileExists(atPath: root + "/main.tf")
            && environments.allSatisfy { FileManager.default.fileExists(atPath: root + "/environments/\($0).tfvars") }
    }

    /// The shipped usage files are valid, Infracost-compatible and name no key Terrace ignores.
    @Test(arguments: environments)
    func usageFileReads(_ env: String) throws {
        let path = Self.root + "/environments/\(env).usage.yml"
        let (u, d) = UsageFile.load(path, displayName: "environments/\(env).usage.yml")
        #expect(d.isEmpty, "\(d)")
        let file = try #require(u)
        #expect(file.version == "0.1" && file.resourceUsage.count >= 15)
        for e in file.resourceUsage {
            let type = e.pattern.split(separator: ".").reversed().dropFirst().first.map { String($0.split(separator: "[")[0]) } ?? ""
            #expect(CostEstimator.unknownKeys(e.values, type: type, at: e.range).isEmpty, "\(e.pattern)")
        }
    }

    /// Golden cost JSON per environment, when the stack plans on this build (it needs the aws
    /// resource types and language functions of the cloud and lang branches; until they are
    /// merged this is a known issue rather than a failure).
    @Test(.enabled(if: hasStack, "the Social Flow stack is not at the repository's top level"), arguments: environments)
    func goldenCostJSON(_ env: String) throws {
        let cloud = TempDirectory("terrace-cost-sf")
        let r = TerraceProcess.run(["cost", "-env=\(env)", "-format=json"], cwd: Self.root, env: ["TERRACE_CLOUD_DIR": cloud.path])
        guard r.status == 0 else {
            withKnownIssue("Social Flow does not plan on this build yet; regenerate with scripts/cost/regenerate.sh once it does") {
                Issue.record(Comment(rawValue: String(r.stderr.prefix(2000))))
            }
            return
        }
        if let d = Golden.check(r.stdout, "socialflow-\(env).json") { Issue.record(Comment(rawValue: d)) }
        // The usage file names only resources the stack has, with keys the estimators read.
        #expect(!r.stderr.contains("Usage for an unknown resource") && !r.stderr.contains("Unknown usage key"), "\(r.stderr)")
        let doc = try JSONParser.parse(r.stdout)
        let project = try #require(doc["projects"]?.arrayValue?.first)
        #expect(project["metadata"]?["usageFile"]?.stringValue == "environments/\(env).usage.yml")
        #expect(doc["summary"]?["totalMissingPrices"] == .int(0), "a Social Flow component has no price in the catalogue")
    }
}
