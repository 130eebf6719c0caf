import Foundation
import Testing
import TerraceBasics
@testable import TerraceCost

/// The shipped price catalogue: what it holds, how regions fall back, and that a missing price
/// stays missing.
@Suite struct CatalogueTests {
    @Test func bundledCatalogueLoadsWithItsVersionAndRegions() throws {
        let c = try Fixture.catalogue()
        #expect(c.formatVersion == 1)
        #expect(c.version.range(of: #"^\d{4}\.\d{2}\.\d{2}-\d+$"#, options: .regularExpression) != nil)
        #expect(c.currency == "USD" && c.hoursPerMonth == 730)
        #expect(c.regionNames == ["ap-southeast-1", "eu-west-1", "us-east-1", "us-west-2"])
        #expect(c.path.hasSuffix("Prices/aws.json"))
    }

    @Test func everyPriceKeepsItsSourceDateUnitAndConfidence() throws {
        let c = try Fixture.catalogue()
        let entries = Array(c.global.values) + c.regions.values.flatMap { $0.prices.values }
        #expect(entries.count > 100)
        for e in entries {
            #expect(!e.source.isEmpty && e.unit.hasPrefix("USD/"), "\(e)")
            #expect(e.date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil, "\(e)")
            #expect(["sourced", "corroborated", "partially confirmed", "derived", "unconfirmed"].contains(e.confidence), "\(e)")
        }
    }

    /// Every line of the shared us-east-1 reference is in the catalogue with its price and its
    /// source text unchanged (skipped where the reference is not beside the repository).
    @Test func catalogueCarriesEveryReferencePrice() throws {
        let candidates = [(URL(fileURLWithPath: #filePath).deletingLastPathComponent().path as NSString)
            .appendingPathComponent("../../../../shared/reference/aws-prices-us-east-1.json"),
                          "/work/shared/reference/aws-prices-us-east-1.json"]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return }
        let ref = try JSONParser.parse(try String(contentsOfFile: path, encoding: .utf8))
        let c = try Fixture.catalogue()
        let ours = Array(c.global.values) + (c.regions["us-east-1"]?.prices.values.map { $0 } ?? [])
        var count = 0
        for (_, section) in ref.objectValue ?? [] {
            for (key, item) in section.objectValue ?? [] {
                count += 1
                let price = item["price"].flatMap { if case .number(let n) = $0 { return Double(n) }; return nil }
                let source = item["source"]?.stringValue
                #expect(ours.contains { $0.source == source && $0.price == price }, "reference \(key) not in the catalogue")
            }
        }
        #expect(count >= 82)
    }

    struct QuoteCase: Sendable, CustomStringConvertible {
        var key: String
        var region: String
        var price: Double?
        var multiplier: Double?
        var description: String { "\(key) in \(region)" }
    }

    @Test(arguments: [
        QuoteCase(key: "vpc/nat-gateway", region: "us-east-1", price: 0.045, multiplier: nil),
        // Regions' own prices where the catalogue has them…
        QuoteCase(key: "vpc/nat-gateway", region: "ap-southeast-1", price: 0.059, multiplier: nil),
        QuoteCase(key: "vpc/nat-gateway", region: "eu-west-1", price: 0.048, multiplier: nil),
        QuoteCase(key: "vpc/public-ipv4/in-use", region: "eu-west-1", price: 0.005, multiplier: nil),
        QuoteCase(key: "fargate/linux/x86_64/vcpu", region: "us-west-2", price: 0.04048, multiplier: nil),
        // …else us-east-1 times the region's documented multiplier, flagged.
        QuoteCase(key: "rds/instance/postgres/db.t3.small/single-az", region: "eu-west-1", price: 0.036 * 1.08, multiplier: 1.08),
        QuoteCase(key: "elasticache/node/redis/cache.r6g.large", region: "ap-southeast-1", price: 0.206 * 1.25, multiplier: 1.25),
        QuoteCase(key: "rds/storage/gp3/single-az", region: "us-west-2", price: 0.115, multiplier: 1.0),
        // Global services cost the same from every region.
        QuoteCase(key: "cloudfront/data-out/us", region: "ap-southeast-1", price: 0.085, multiplier: nil),
        QuoteCase(key: "route53/hosted-zone", region: "eu-west-1", price: 0.5, multiplier: nil),
        // Missing stays missing: an unknown SKU, a region the catalogue lacks.
        QuoteCase(key: "rds/instance/postgres/db.m5.24xlarge/single-az", region: "us-east-1", price: nil, multiplier: nil),
        QuoteCase(key: "vpc/nat-gateway", region: "sa-east-1", price: nil, multiplier: nil),
    ])
    func quote(_ c: QuoteCase) throws {
        let q = try Fixture.catalogue().quote(c.key, region: c.region)
        #expect(close(q?.price, c.price, 1e-9))
        #expect(q?.multiplier == c.multiplier)
        if c.multiplier != nil { #expect(q?.isEstimatedByMultiplier == true && q?.note?.hasPrefix("ESTIMATED") == true) }
    }

    @Test(arguments: [
        (#"{"format_version": 2}"#, "format_version 2"),
        (#"{"format_version": 1, "regions": {"us-east-1": {"prices": {"x": {"unit": "USD/h"}}}}}"#, "no valid price for us-east-1 x"),
        (#"{"format_version": 1, "regions": {"us-east-1": {"prices": {"x": {"price": -1}}}}}"#, "no valid price"),
    ])
    func invalidCataloguesAreRejectedWithAReason(_ text: String, _ message: String) throws {
        let json = try JSONParser.parse(text)
        do throws(PriceCatalogue.Failure) {
            _ = try PriceCatalogue(json: json, path: "prices.json")
            Issue.record("accepted an invalid catalogue")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
            #expect(error.message.contains("prices.json"))
        }
    }

    @Test func aCatalogueFileThatIsNotJSONIsADiagnosticNotACrash() throws {
        let dir = NSTemporaryDirectory() + "terrace-cost-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "{ not json".write(toFile: dir + "/p.json", atomically: true, encoding: .utf8)
        #expect(throws: PriceCatalogue.Failure.self) { try PriceCatalogue.load(environment: ["TERRACE_PRICES": dir + "/p.json"]) }
        #expect(throws: PriceCatalogue.Failure.self) { try PriceCatalogue.load(environment: ["TERRACE_PRICES": dir + "/absent.json"]) }
    }
}
