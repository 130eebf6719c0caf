import Foundation
import Testing
import TerraceBasics
import TerraceHCL
import TerraceLang

/// The function table: every function Terraform 1.0 has without a network is present and
/// exercised by the conformance suite; impure functions wait for apply.
@Suite struct BuiltinsTests {
    static let required = """
    abs ceil floor log max min parseint pow signum chomp format formatlist indent join lower regex regexall replace split
    strrev substr title trim trimprefix trimsuffix trimspace upper alltrue anytrue chunklist coalesce coalescelist compact
    concat contains distinct element flatten index keys length lookup matchkeys merge one range reverse setintersection
    setproduct setsubtract setunion slice sort sum transpose values zipmap base64encode base64decode base64gzip csvdecode
    jsonencode jsondecode textencodebase64 textdecodebase64 urlencode yamlencode yamldecode abspath basename dirname file
    filebase64 fileexists fileset pathexpand templatefile formatdate timeadd timestamp md5 sha1 sha256 sha512 base64sha256
    base64sha512 filemd5 filesha256 uuid cidrhost cidrnetmask cidrsubnet cidrsubnets can nonsensitive sensitive tobool
    tolist tomap tonumber toset tostring try
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    @Test(arguments: required)
    func isAvailableAndCoveredByTheConformanceSuite(_ name: String) {
        #expect(Builtins.table()[name] != nil)
        let covered = ConformanceTests.cases.contains { $0.expr.contains(name + "(") }
        #expect(covered, "no conformance case calls \(name)")
    }

    func evaluate(_ text: String, planning: Bool) -> Value {
        let (e, _) = Parser.parseExpression(text, filename: "t", sources: nil)
        return Evaluator.evaluate(e, in: EvalContext(functions: Builtins.table(planning: planning))).0
    }

    @Test func impureFunctionsAreUnknownWhilePlanning() {
        #expect(evaluate("timestamp()", planning: true) == .unknown(.string))
        #expect(evaluate("uuid()", planning: true) == .unknown(.string))
        #expect(evaluate("timestamp()", planning: false).isKnown)
        #expect(evaluate("length(uuid())", planning: false) == .number(36))
    }

    @Test func timestampIsRFC3339InUTC() throws {
        let s = try #require(evaluate("timestamp()", planning: false).stringValue)
        #expect(s.count == 20 && s.hasSuffix("Z") && s.dropFirst(10).first == "T")
    }

    @Test func fileFunctionsResolveAgainstTheModuleDirectory() throws {
        let dir = ConformanceTests.suiteDir + "/module"
        let (e, _) = Parser.parseExpression("file(\"files/plain.txt\")", filename: "t", sources: nil)
        let (v, d) = Evaluator.evaluate(e, in: EvalContext(functions: Builtins.table(baseDir: dir)))
        #expect(d.isEmpty)
        #expect(v == .string("no newline"))
    }
}
