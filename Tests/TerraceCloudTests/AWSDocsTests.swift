import Foundation
import Testing
@testable import TerraceCloud
import TerraceTestSupport

/// `docs/providers/aws.md` is generated from the schemas; this test keeps it current. After a
/// schema or rule change, re-record with `TERRACE_RECORD=1 swift test --filter AWSDocsTests`.
@Suite struct AWSDocsTests {
    static var path: String { (TerraceProcess.packageRoot as NSString).appendingPathComponent("docs/providers/aws.md") }

    @Test func generatedDocumentationIsCurrent() throws {
        let text = AWSDocs.markdown()
        if Golden.recording {
            try text.write(toFile: Self.path, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try #require(try? String(contentsOfFile: Self.path, encoding: .utf8),
                                    "missing \(Self.path); run with TERRACE_RECORD=1 to create it")
        #expect(recorded == text, "docs/providers/aws.md is out of date; re-record with TERRACE_RECORD=1:\n\(Golden.diff(recorded, text))")
    }

    @Test func everyResourceTypeIsDocumentedWithItsRulesAndReplacement() {
        let text = AWSDocs.markdown()
        for r in AWSCatalog.resources {
            #expect(text.contains("## \(type(of: r).typeName)\n"))
        }
        #expect(text.contains("| `cidr_block` | optional, computed | `string` | yes |"))
        #expect(text.contains("InvalidSubnet.Conflict"))
        #expect(text.contains("| `ingress.from_port` | required | `number` |"))
        for d in AWSCatalog.dataSources {
            #expect(text.contains("## data \(type(of: d).typeName)\n"))
        }
    }
}
