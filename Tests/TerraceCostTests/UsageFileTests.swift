import Testing
import TerraceBasics
@testable import TerraceCost

/// Usage files: Infracost's format, address matching with `[*]`, precedence, and the
/// diagnostics for mistakes.
@Suite struct UsageFileTests {
    static let file = """
    version: 0.1
    resource_type_default_usage:
      aws_nat_gateway:
        monthly_data_processed_gb: 10
    resource_usage:
      module.vpc.aws_nat_gateway.this[*]:
        monthly_data_processed_gb: 100
      module.vpc.aws_nat_gateway.this[0]:
        monthly_data_processed_gb: 250
      aws_s3_bucket.videos:
        standard:
          storage_gb: 1_000
          monthly_tier_1_requests: 20000
      aws_cloudfront_distribution.cdn:
        monthly_data_transfer_to_internet_gb:
          us: 400
          europe: 100
    """

    @Test(arguments: [
        ("module.vpc.aws_nat_gateway.this[0]", 250.0),   // exact beats wildcard
        ("module.vpc.aws_nat_gateway.this[2]", 100.0),   // wildcard beats the type default
        ("aws_nat_gateway.other", 10.0),                 // type default
    ])
    func precedence(_ address: String, _ expected: Double) throws {
        let u = try Fixture.usage(Self.file)
        #expect(u.usage(for: address, type: "aws_nat_gateway").number("monthly_data_processed_gb") == expected)
    }

    @Test func nestedValuesAndUnderscoredNumbers() throws {
        let u = try Fixture.usage(Self.file)
        let s3 = u.usage(for: "aws_s3_bucket.videos", type: "aws_s3_bucket")
        #expect(s3.map("standard")?.number("storage_gb") == 1000)
        #expect(s3.map("standard")?.number("monthly_tier_1_requests") == 20000)
        let cf = u.usage(for: "aws_cloudfront_distribution.cdn", type: "aws_cloudfront_distribution")
        #expect(cf.map("monthly_data_transfer_to_internet_gb")?.number("europe") == 100)
        #expect(u.usage(for: "aws_s3_bucket.other", type: "aws_s3_bucket").isEmpty)
    }

    @Test(arguments: [
        ("aws_eip.nat[*]", "aws_eip.nat[0]", true),
        ("aws_eip.nat[*]", "aws_eip.nat[\"a]b\"]", true),
        ("aws_eip.nat[*]", "aws_eip.nat", false),
        ("aws_eip.nat[*]", "aws_eip.nat[0].x", false),
        ("aws_eip.nat", "aws_eip.nat[0]", false),
        ("module.m[*].aws_eip.nat[*]", "module.m[\"k\"].aws_eip.nat[3]", true),
        ("module.m[*].aws_eip.nat[*]", "module.n[0].aws_eip.nat[3]", false),
        ("aws_eip.nat[*]", "aws_eip.nat2[0]", false),
    ])
    func wildcards(_ pattern: String, _ address: String, _ matches: Bool) {
        #expect(UsageFile.matches(pattern: pattern, address: address) == matches)
    }

    @Test func mistakesAreDiagnosedWithTheirPosition() throws {
        let text = """
        version: 0.2
        resource_usages: {}
        resource_usage:
          aws_nat_gateway.nat:
            monthly_data_processed_gb: -5
        """
        let (u, d) = UsageFile.parse(text, filename: "dev.usage.yml")
        #expect(u != nil)
        let warn = d.warnings.map(\.summary)
        #expect(warn.contains("Unexpected usage file version"))
        let unknown = try #require(d.warnings.first { $0.summary == "Unknown usage file key" })
        #expect(unknown.detail.contains("Did you mean \"resource_usage\"?"))
        #expect(unknown.subject?.start.line == 2)
        let negative = try #require(d.errors.first)
        #expect(negative.summary == "Negative usage quantity" && negative.subject?.start.line == 5)
    }

    /// Usage for resources that do not exist, and keys an estimator does not read, are warned
    /// about with a suggestion, so a typo does not silently drop a cost.
    @Test func usageIsCheckedAgainstTheResources() throws {
        let u = try Fixture.usage("""
        version: 0.1
        resource_usage:
          aws_nat_gateway.mian:
            monthly_data_processed_gb: 1
          aws_nat_gateway.main:
            monthly_data_procesed_gb: 1
        """)
        let nat = Fixture.resource("aws_nat_gateway.main", [:])
        let (_, d) = CostEstimator.estimate(name: "t", resources: [nat], catalogue: try Fixture.catalogue(), usage: u)
        let details = d.warnings.map(\.detail)
        #expect(details.contains { $0.contains("No resource in this configuration matches \"aws_nat_gateway.mian\"") && $0.contains("Did you mean \"aws_nat_gateway.main\"?") })
        #expect(details.contains { $0.contains("\"monthly_data_procesed_gb\" is ignored") && $0.contains("Did you mean \"monthly_data_processed_gb\"?") })
    }
}
