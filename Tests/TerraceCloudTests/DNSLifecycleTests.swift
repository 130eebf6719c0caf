import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Create, read, update in place, replace, import and delete for the DNS and TLS resource types.
@Suite struct DNSLifecycleTests {
    static let cases: [Lifecycle] = [
        Lifecycle(
            type: "aws_route53_zone",
            create: { _ in ["name": .string("app.test"), "comment": .string("app")] },
            update: { _ in ["comment": .string("application"), "tags": .tags(["env": "prod"])] },
            replace: { _ in ["name": .string("app2.test")] },
            replacePath: "name",
            importIgnore: []),
        Lifecycle(
            type: "aws_route53_record",
            setup: { c in ["zone": try await c.make("aws_route53_zone", ["name": .string("app.test")])["zone_id"]!] },
            create: { r in ["zone_id": r["zone"]!, "name": .string("www.app.test"), "type": .string("A"), "ttl": .number(300),
                            "records": .strings(["192.0.2.10"])] },
            update: { _ in ["ttl": .number(60), "records": .strings(["192.0.2.10", "192.0.2.11"])] },
            replace: { _ in ["name": .string("api.app.test")] },
            replacePath: "name"),
        Lifecycle(
            type: "aws_acm_certificate",
            create: { _ in ["domain_name": .string("app.test"), "validation_method": .string("DNS")] },
            update: { _ in ["tags": .tags(["env": "prod"])] },
            replace: { _ in ["domain_name": .string("www.app.test")] },
            replacePath: "domain_name"),
    ]

    @Test(arguments: cases)
    func lifecycle(_ c: Lifecycle) async throws { try await c.run() }
}
