import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Create, read, update in place, replace, import and delete for the CloudFront resource types.
@Suite struct StorageDeliveryLifecycleTests {
    static let origin: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        let bucket = try await c.make("aws_s3_bucket", ["bucket": .string("site-origin")])
        let oac = try await c.make("aws_cloudfront_origin_access_control", [
            "name": .string("site"), "origin_access_control_origin_type": .string("s3"),
            "signing_behavior": .string("always"), "signing_protocol": .string("sigv4")])
        return ["domain": bucket["bucket_regional_domain_name"]!, "oac": oac["id"]!]
    }

    static func distribution(_ r: Lifecycle.Refs) -> [String: Value] {
        [
            "enabled": .bool(true), "price_class": .string("PriceClass_100"),
            "origin": .list([.object(["domain_name": r["domain"]!, "origin_id": .string("s3-site"), "origin_access_control_id": r["oac"]!])]),
            "default_cache_behavior": .list([.object([
                "allowed_methods": .strings(["GET", "HEAD"]), "cached_methods": .strings(["GET", "HEAD"]),
                "target_origin_id": .string("s3-site"), "viewer_protocol_policy": .string("redirect-to-https"),
                "cache_policy_id": .string("658327ea-f89d-4fab-a63d-7e88639e58f6")])]),
            "restrictions": .list([.object(["geo_restriction": .list([.object(["restriction_type": .string("none")])])])]),
            "viewer_certificate": .list([.object(["cloudfront_default_certificate": .bool(true)])]),
        ]
    }

    static let cases: [Lifecycle] = [
        Lifecycle(
            type: "aws_cloudfront_origin_access_identity",
            create: { _ in ["comment": .string("site")] },
            update: { _ in ["comment": .string("site assets")] },
            replace: { _ in [:] },
            replacePath: nil),
        Lifecycle(
            type: "aws_cloudfront_origin_access_control",
            create: { _ in ["name": .string("assets"), "origin_access_control_origin_type": .string("s3"),
                            "signing_behavior": .string("always"), "signing_protocol": .string("sigv4")] },
            update: { _ in ["description": .string("assets bucket"), "signing_behavior": .string("no-override")] },
            replace: { _ in [:] },
            replacePath: nil),
        Lifecycle(
            type: "aws_cloudfront_distribution",
            setup: origin,
            create: distribution,
            update: { _ in ["price_class": .string("PriceClass_All"), "comment": .string("site")] },
            replace: { _ in ["staging": .bool(true)] },
            replacePath: "staging"),
    ]

    @Test(arguments: cases)
    func lifecycle(_ c: Lifecycle) async throws { try await c.run() }
}
