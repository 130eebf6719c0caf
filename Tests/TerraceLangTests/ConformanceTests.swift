import Foundation
import Testing
import TerraceBasics
import TerraceHCL
import TerraceLang

/// The conformance suite: expressions whose `terraform console` output was recorded from
/// Terraform 1.0.3 by `scripts/oracle/record-console.py` (cases in `Conformance/cases`,
/// recordings in `Conformance/expected`). Each must print the same standard output and
/// standard error, and exit the same way, in Terrace's console session.
@Suite struct ConformanceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var topic: String
        var expr: String
        var stdout: String
        var stderr: String
        var status: Int
        var testDescription: String { "\(topic): \(expr)" }
    }

    static let suiteDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Conformance").path

    static let cases: [Case] = {
        let dir = suiteDir + "/expected"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var out: [Case] = []
        for f in files {
            guard let text = try? String(contentsOfFile: dir + "/" + f, encoding: .utf8),
                  let json = try? JSONParser.parse(text), case .array(let items) = json else { continue }
            for item in items {
                out.append(Case(topic: String(f.dropLast(5)), expr: item["expr"]?.stringValue ?? "",
                                stdout: item["stdout"]?.stringValue ?? "", stderr: item["stderr"]?.stringValue ?? "",
                                status: item["status"]?.intValue ?? -1))
            }
        }
        return out
    }()

    /// A console session over the conformance module, built as `terraform console` builds it.
    static let session: ConsoleSession = ConformanceModule.session(moduleDir: suiteDir + "/module")

    @Test(arguments: cases)
    func matchesTerraform(_ c: Case) {
        let (stdout, stderr, status) = ConformanceModule.run(Self.session, c.expr)
        let actual = "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
        let expected = "status \(c.status)\n--- stdout\n\(c.stdout)--- stderr\n\(c.stderr)"
        #expect(actual == expected, "\n=== \(c.topic): \(c.expr)\n>>> expected\n\(expected)\n>>> actual\n\(actual)\n<<<")
    }

    @Test func suiteIsLargeEnough() {
        #expect(Self.cases.count >= 500)
    }
}
