import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// One fixture directory per language feature (`Tests/Fixtures/config/features/*`), each with
/// golden `validate` and `plan` output; where Terraform 1.0.3 accepts the fixture, its own
/// output was recorded too and Terrace must agree with it.
@Suite struct FeatureFixtureTests {
    static let fixtures = ConfigFixture.all("features")

    @Test(arguments: fixtures) func validateAndPlan(_ f: ConfigFixture) async {
        let o = await f.run()
        #expect(!o.validation.hasErrors, "\(f): \(o.validation)")
        if let m = f.golden(o.validateText, "validate.txt") { Issue.record("\(f): \(m)") }
        #expect(o.plan?.errored == false, "\(f): \(o.planText ?? "")")
        if let m = f.golden(o.planText ?? "", "plan.txt") { Issue.record("\(f): \(m)") }
    }

    static let withTerraformPlan = fixtures.filter { $0.file("Golden/terraform-plan.txt") != nil }

    /// Terraform's plan for the same files and variables, word for word (product name aside).
    @Test(arguments: withTerraformPlan) func planMatchesTerraform(_ f: ConfigFixture) async throws {
        let o = await f.run()
        let expected = OracleRecord.planBody(try #require(f.file("Golden/terraform-plan.txt")))
        #expect(o.planText == expected, "\(f):\n\(Golden.diff(expected, o.planText ?? ""))")
    }

    static let withTerraformValidate = fixtures.filter { $0.file("Golden/terraform-validate.json") != nil }

    @Test(arguments: withTerraformValidate) func validateMatchesTerraform(_ f: ConfigFixture) async throws {
        let o = await f.run()
        let tf = try JSONParser.parse(try #require(f.file("Golden/terraform-validate.json")))
        #expect(tf["valid"] == .bool(!o.validation.hasErrors))
        #expect(OracleRecord.keys(tf).isEmpty == o.validation.isEmpty)
    }
}

/// An error fixture for every kind of static check (`Tests/Fixtures/config/errors/*`): the
/// built `terrace validate` must exit 1, report every expected summary listed in the fixture's
/// `expect.txt` with a source range, print what the golden files hold, and report at least
/// every diagnostic Terraform 1.0.3 reported for the same files.
@Suite struct ErrorFixtureTests {
    static let fixtures = ConfigFixture.all("errors")

    @Test(arguments: fixtures) func validateReportsEveryError(_ f: ConfigFixture) throws {
        let temp = f.copy()
        let human = TerraceProcess.run(["validate", "-no-color"], cwd: temp.path)
        #expect(human.status == 1, "\(f): \(human.stdout)\(human.stderr)")
        let text = "exit \(human.status)\n--- stdout\n\(human.stdout)--- stderr\n\(human.stderr)"
        if let m = f.golden(text, "validate.txt") { Issue.record("\(f): \(m)") }

        let machine = TerraceProcess.run(["validate", "-json"], cwd: temp.path)
        #expect(machine.status == 1)
        if let m = f.golden(machine.stdout, "validate.json") { Issue.record("\(f): \(m)") }
        let json = try JSONParser.parse(machine.stdout)
        #expect(json["valid"] == .bool(false))
        let diags = json["diagnostics"]?.arrayValue ?? []
        #expect(json["error_count"]?.intValue == diags.filter { $0["severity"] == .string("error") }.count)

        let expected = (f.file("expect.txt") ?? "").split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        #expect(!expected.isEmpty, "\(f) has no expect.txt")
        let summaries = diags.compactMap { $0["summary"]?.stringValue }
        for e in expected {
            #expect(summaries.contains(e), "\(f): expected \"\(e)\" among \(summaries)")
        }
        for d in diags where !(d["summary"]?.stringValue ?? "").hasPrefix("Cycle: ") {
            #expect(d["range"] != nil && d["snippet"] != nil, "\(f): no source range for \(d["summary"]?.stringValue ?? "")")
        }

        if let recorded = f.file("Golden/terraform-validate.json") {
            let theirs = OracleRecord.keys(try JSONParser.parse(recorded))
            let ours = OracleRecord.keys(json)
            let missing = theirs.subtracting(ours)
            #expect(missing.isEmpty, "\(f): Terraform reported, Terrace did not:\n\(missing.map(\.description).joined(separator: "\n"))\nTerrace:\n\(ours.map(\.description).joined(separator: "\n"))")
        }
    }
}

/// Re-records what Terraform 1.0.3 prints for every fixture that opts in with an `ORACLE` file.
/// Runs only with `TERRACE_RECORD_ORACLE=1` and the oracle installed (see
/// `/work/shared/tools/oracles.sh`); read the diff before committing.
@Suite struct OracleRecording {
    static var enabled: Bool { ProcessInfo.processInfo.environment["TERRACE_RECORD_ORACLE"] == "1" && OracleRecord.available }

    @Test(.enabled(if: enabled), arguments: ConfigFixture.all("features") + ConfigFixture.all("errors"))
    func record(_ f: ConfigFixture) throws {
        guard !OracleRecord.kinds(f).isEmpty else { return }
        try OracleRecord.record(f)
    }
}

/// Configurations that are valid but cannot be planned (`Tests/Fixtures/config/plan-errors/*`):
/// variable values that fail their type or validation rules, failing preconditions and
/// postconditions. `validate` passes; `plan` reports every expected summary, as the golden holds.
@Suite struct PlanErrorFixtureTests {
    @Test(arguments: ConfigFixture.all("plan-errors")) func planReportsErrors(_ f: ConfigFixture) async {
        let o = await f.run()
        #expect(!o.validation.hasErrors, "\(f): \(o.validation)")
        let text = o.planText ?? ""
        for e in (f.file("expect.txt") ?? "").split(separator: "\n") {
            #expect(text.contains("Error: \(e)") || text.contains("Warning: \(e)"), "\(f): expected \(e) in\n\(text)")
        }
        if let m = f.golden(text, "plan.txt") { Issue.record("\(f): \(m)") }
    }
}
