import Foundation
import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// S3 and CloudFront rules, with their services' errors.
@Suite struct StorageRulesTests {
    static let bucket: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        _ = try await c.make("aws_s3_bucket", ["bucket": .string("site-origin")])
        return ["bucket": .string("site-origin"), "domain": .string("site-origin.s3.us-east-1.amazonaws.com")]
    }

    static func rule(_ attrs: [String: Value]) -> Value { .list([.object(attrs)]) }

    static func publicPolicy(_ bucket: String) -> Value {
        .string(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(bucket)/*"}]}"#)
    }

    static func distribution(_ r: Lifecycle.Refs, _ changes: [String: Value] = [:], origin: [String: Value] = [:], behavior: [String: Value] = [:]) -> [String: Value] {
        var o: [String: Value] = ["domain_name": r["domain"] ?? .string(""), "origin_id": .string("site")]
        for (k, v) in origin { o[k] = v }
        var b: [String: Value] = ["allowed_methods": .strings(["GET", "HEAD"]), "cached_methods": .strings(["GET", "HEAD"]),
                                  "target_origin_id": .string("site"), "viewer_protocol_policy": .string("redirect-to-https"),
                                  "cache_policy_id": .string("658327ea-f89d-4fab-a63d-7e88639e58f6")]
        for (k, v) in behavior { b[k] = v }
        var a: [String: Value] = [
            "enabled": .bool(true), "origin": .list([.object(o)]), "default_cache_behavior": .list([.object(b)]),
            "restrictions": rule(["geo_restriction": rule(["restriction_type": .string("none")])]),
            "viewer_certificate": rule(["cloudfront_default_certificate": .bool(true)]),
        ]
        for (k, v) in changes { a[k] = v }
        return a
    }

    static let refusals: [Refusal] = [
        Refusal(name: "versioning of a missing bucket", type: "aws_s3_bucket_versioning",
                attrs: { _ in ["bucket": .string("no-such-bucket"), "versioning_configuration": rule(["status": .string("Enabled")])] },
                error: "NoSuchBucket: The specified bucket does not exist"),
        Refusal(name: "configuration for another owner", type: "aws_s3_bucket_cors_configuration", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "expected_bucket_owner": .string("999999999999"),
                          "cors_rule": rule(["allowed_methods": .strings(["GET"]), "allowed_origins": .strings(["*"])])] },
                error: "AccessDenied: Access Denied"),
        Refusal(name: "transition to Standard-IA before 30 days", type: "aws_s3_bucket_lifecycle_configuration", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "rule": rule(["id": .string("r"), "status": .string("Enabled"),
                                                                  "transition": .list([.object(["days": .number(10), "storage_class": .string("STANDARD_IA")])])])] },
                error: "InvalidArgument: 'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'"),
        Refusal(name: "expiration after zero days", type: "aws_s3_bucket_lifecycle_configuration", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "rule": rule(["id": .string("r"), "status": .string("Enabled"), "expiration": rule(["days": .number(0)])])] },
                error: "InvalidArgument: 'Days' in the Expiration action must be a positive integer"),
        Refusal(name: "duplicate lifecycle rule IDs", type: "aws_s3_bucket_lifecycle_configuration", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "rule": .list([.object(["id": .string("r"), "status": .string("Enabled")]), .object(["id": .string("r"), "status": .string("Disabled")])])] },
                error: "InvalidArgument: Rule ID must be unique. Found same ID for more than one rule"),
        Refusal(name: "CORS with PATCH", type: "aws_s3_bucket_cors_configuration", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "cors_rule": rule(["allowed_methods": .strings(["PATCH"]), "allowed_origins": .strings(["*"])])] },
                error: "InvalidRequest: Found unsupported HTTP method in CORS config. Unsupported method is PATCH"),
        Refusal(name: "KMS key with SSE-S3", type: "aws_s3_bucket_server_side_encryption_configuration", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "rule": rule(["apply_server_side_encryption_by_default": rule(["sse_algorithm": .string("AES256"), "kms_master_key_id": .string("alias/x")])])] },
                error: "InvalidArgument: a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse"),
        Refusal(name: "public policy on a new bucket", type: "aws_s3_bucket_policy", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "policy": publicPolicy("site-origin")] },
                error: "AccessDenied: User: arn:aws:iam::123456789012:root is not authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::site-origin\" because public policies are blocked by the BlockPublicPolicy block public access setting."),
        Refusal(name: "policy about another bucket", type: "aws_s3_bucket_policy", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "policy": .string(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}]}"#)] },
                error: "MalformedPolicy: Policy has invalid resource"),
        Refusal(name: "policy that is not JSON", type: "aws_s3_bucket_policy", setup: bucket,
                attrs: { ["bucket": $0["bucket"]!, "policy": .string("allow everyone")] },
                error: "MalformedPolicy: Policies must be valid JSON and the first byte must be '{'"),
        Refusal(name: "unknown price class", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, ["price_class": .string("PriceClass_50")]) },
                error: "InvalidArgument: The parameter PriceClass has an invalid value: PriceClass_50."),
        Refusal(name: "origin in a missing bucket", type: "aws_cloudfront_distribution",
                attrs: { _ in distribution(["domain": .string("missing-bucket.s3.amazonaws.com")]) },
                error: "InvalidArgument: The parameter Origin DomainName does not refer to a valid S3 bucket."),
        Refusal(name: "origin at a missing load balancer", type: "aws_cloudfront_distribution",
                attrs: { _ in distribution(["domain": .string("web-123456789.us-east-1.elb.amazonaws.com")],
                                           origin: ["custom_origin_config": rule(["http_port": .number(80), "https_port": .number(443), "origin_protocol_policy": .string("https-only"), "origin_ssl_protocols": .strings(["TLSv1.2"])])]) },
                error: "InvalidOrigin: The specified origin server does not exist or is not valid."),
        Refusal(name: "missing origin access identity", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, origin: ["s3_origin_config": rule(["origin_access_identity": .string("origin-access-identity/cloudfront/E0000000000000")])]) },
                error: "NoSuchCloudFrontOriginAccessIdentity: The specified origin access identity does not exist."),
        Refusal(name: "missing origin access control", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, origin: ["origin_access_control_id": .string("E0000000000000")]) },
                error: "NoSuchOriginAccessControl: The specified origin access control does not exist."),
        Refusal(name: "behavior for a missing origin", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, behavior: ["target_origin_id": .string("elsewhere")]) },
                error: "NoSuchOrigin: One or more of your origins or origin groups do not exist."),
        Refusal(name: "alias on the default certificate", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, ["aliases": .strings(["www.app.test"])]) },
                error: "InvalidViewerCertificate: To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the domain name."),
        Refusal(name: "certificate outside us-east-1", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, ["viewer_certificate": rule(["acm_certificate_arn": .string("arn:aws:acm:eu-west-1:123456789012:certificate/0b0b0b0b-0000-4000-8000-000000000000"), "ssl_support_method": .string("sni-only")])]) },
                error: "InvalidViewerCertificate: The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain."),
        Refusal(name: "forwarded values beside a cache policy", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, behavior: ["forwarded_values": rule(["query_string": .bool(false), "cookies": rule(["forward": .string("none")])])]) },
                error: "InvalidArgument: The parameter ForwardedValues cannot be used when a cache policy is associated to the cache behavior."),
        Refusal(name: "neither forwarded values nor a cache policy", type: "aws_cloudfront_distribution", setup: bucket,
                attrs: { distribution($0, behavior: ["cache_policy_id": .null(.string)]) },
                error: "InvalidArgument: The parameter ForwardedValues is required."),
    ]

    @Test(arguments: refusals)
    func refused(_ r: Refusal) async throws { try await r.run() }

    static let invalid: [Invalid] = [
        Invalid(type: "aws_s3_bucket", attrs: ["bucket_prefix": .string(String(repeating: "a", count: 38))],
                message: "expected length of bucket_prefix to be in the range (0 - 37)"),
        Invalid(type: "aws_s3_bucket_versioning", attrs: ["versioning_configuration": rule(["status": .string("On")])],
                message: "expected versioning_configuration.0.status to be one of [\"Enabled\" \"Suspended\" \"Disabled\"], got On"),
        Invalid(type: "aws_s3_bucket_lifecycle_configuration", attrs: ["rule": rule(["id": .string("r"), "status": .string("enabled")])],
                message: "expected rule.0.status to be one of [\"Enabled\" \"Disabled\"], got enabled"),
        Invalid(type: "aws_cloudfront_distribution", attrs: ["price_class": .string("PriceClass_50")],
                message: "expected price_class to be one of [\"PriceClass_All\" \"PriceClass_200\" \"PriceClass_100\"], got PriceClass_50"),
        Invalid(type: "aws_cloudfront_origin_access_control", attrs: ["signing_behavior": .string("sometimes")],
                message: "expected signing_behavior to be one of [\"always\" \"never\" \"no-override\"], got sometimes"),
    ]

    @Test(arguments: invalid)
    func validation(_ i: Invalid) throws { try i.run() }

    @Test func newBucketsBlockPublicAccessAndEncrypt() async throws {
        let c = try DataCloud()
        let b = try await c.make("aws_s3_bucket", ["bucket": .string("fresh-bucket")])
        let block = try #require(await c.importID("aws_s3_bucket_public_access_block", "fresh-bucket"))
        for s in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] { #expect(block[s] == .bool(true)) }
        let sse = try #require(await c.importID("aws_s3_bucket_server_side_encryption_configuration", "fresh-bucket"))
        #expect(sse.first("rule")?.first("apply_server_side_encryption_by_default")?["sse_algorithm"] == .string("AES256"))
        #expect(b.first("versioning")?["enabled"] == .bool(false))
        // Relaxing the block lets a public policy in; the bucket reads the policy and versioning back.
        _ = try await c.make("aws_s3_bucket_public_access_block", ["bucket": .string("fresh-bucket")])
        _ = try await c.make("aws_s3_bucket_policy", ["bucket": .string("fresh-bucket"), "policy": Self.publicPolicy("fresh-bucket")])
        _ = try await c.make("aws_s3_bucket_versioning", ["bucket": .string("fresh-bucket"), "versioning_configuration": Self.rule(["status": .string("Enabled")])])
        let refreshed = try #require(await c.read("aws_s3_bucket", b))
        #expect(refreshed.first("versioning")?["enabled"] == .bool(true))
        #expect(refreshed["policy"]?.stringValue?.contains("s3:GetObject") == true)
        // A versioned bucket cannot go back to unversioned.
        let versioning = try #require(await c.importID("aws_s3_bucket_versioning", "fresh-bucket"))
        let back = await c.update("aws_s3_bucket_versioning", prior: versioning, ["bucket": .string("fresh-bucket"), "versioning_configuration": Self.rule(["status": .string("Disabled")])])
        #expect(DataCloud.error(back).contains("IllegalVersioningConfigurationException"))
        // Deleting the bucket takes its configurations with it.
        #expect(await c.delete("aws_s3_bucket", refreshed).diagnostics.isEmpty)
        #expect(await c.importID("aws_s3_bucket_policy", "fresh-bucket") == nil)
        #expect(await c.importID("aws_s3_bucket_versioning", "fresh-bucket") == nil)
    }

    @Test func configurationsImportWithTheExpectedOwner() async throws {
        let c = try DataCloud()
        _ = try await c.make("aws_s3_bucket", ["bucket": .string("owned-bucket")])
        _ = try await c.make("aws_s3_bucket_versioning", ["bucket": .string("owned-bucket"), "expected_bucket_owner": .string("123456789012"),
                                                         "versioning_configuration": Self.rule(["status": .string("Enabled")])])
        let owned = try #require(await c.importID("aws_s3_bucket_versioning", "owned-bucket,123456789012"))
        #expect(owned["id"] == .string("owned-bucket,123456789012") && owned["expected_bucket_owner"] == .string("123456789012"))
        #expect(await c.importID("aws_s3_bucket_versioning", "owned-bucket")?["expected_bucket_owner"] == .null(.string))
        #expect(await c.importID("aws_s3_bucket_versioning", "owned-bucket,999999999999") == nil)
        #expect(await c.importID("aws_s3_bucket_cors_configuration", "owned-bucket") == nil, "no CORS configuration to import")
    }

    @Test func unsetArgumentsMatchEmptyValues() async throws {
        let c = try DataCloud()
        let b = try await c.make("aws_s3_bucket", ["bucket": .string("quiet-bucket")])
        // The bucket reads back `kms_master_key_id = ""`; leaving it out of configuration is no change.
        let config: [String: Value] = ["bucket": .string("quiet-bucket"), "server_side_encryption_configuration": Self.rule([
            "rule": Self.rule(["apply_server_side_encryption_by_default": Self.rule(["sse_algorithm": .string("AES256")])])])]
        let plan = c.plan("aws_s3_bucket", prior: b, config)
        #expect(plan.requiresReplace.isEmpty)
        #expect(plan.planned.unmarkedDeep == b)
        let kms = c.plan("aws_s3_bucket", prior: b, ["bucket": .string("quiet-bucket"), "server_side_encryption_configuration": Self.rule([
            "rule": Self.rule(["apply_server_side_encryption_by_default": Self.rule(["sse_algorithm": .string("aws:kms")])])])])
        #expect(kms.planned.unmarkedDeep != b, "a real change still shows")
    }

    @Test func bucketsElsewhere() async throws {
        let shared = TempDirectory()
        let mine = try DataCloud(region: "us-west-2", shared: shared.path)
        _ = try await mine.make("aws_s3_bucket", ["bucket": .string("west-bucket")])
        let east = try DataCloud(shared: shared.path)
        let redirect = await east.create("aws_s3_bucket_versioning", ["bucket": .string("west-bucket"), "versioning_configuration": Self.rule(["status": .string("Enabled")])])
        #expect(DataCloud.error(redirect).contains("PermanentRedirect"))
        let other = try DataCloud(account: "210987654321", region: "us-west-2", shared: shared.path)
        let denied = await other.create("aws_s3_bucket_versioning", ["bucket": .string("west-bucket"), "versioning_configuration": Self.rule(["status": .string("Enabled")])])
        #expect(DataCloud.error(denied).contains("AccessDenied: Access Denied"))
    }

    @Test func distributionsAreGlobalAndGuardWhatTheyUse() async throws {
        let shared = TempDirectory()
        let c = try DataCloud(region: "eu-west-1", shared: shared.path)
        _ = try await c.make("aws_s3_bucket", ["bucket": .string("site-origin")])
        let oai = try await c.make("aws_cloudfront_origin_access_identity", [:])
        let d = try await c.make("aws_cloudfront_distribution", Self.distribution(["domain": .string("site-origin.s3.amazonaws.com")],
            origin: ["s3_origin_config": Self.rule(["origin_access_identity": oai["cloudfront_access_identity_path"]!])]))
        let id = try #require(d["id"]?.stringValue)
        #expect(id.range(of: "^E[A-Z0-9]{13}$", options: .regularExpression) != nil)
        #expect(d["domain_name"]?.stringValue?.range(of: "^d[a-z0-9]{13}\\.cloudfront\\.net$", options: .regularExpression) != nil)
        #expect(d["hosted_zone_id"] == .string("Z2FDTNDATAQYW2"))
        #expect(d["arn"] == .string("arn:aws:cloudfront::123456789012:distribution/\(id)"))
        #expect(d["status"] == .string("Deployed"))
        #expect(d.first("default_cache_behavior")?["default_ttl"] == .number(0))
        // Seen from a provider in another region: CloudFront is global.
        let east = try DataCloud(shared: shared.path)
        #expect(await east.importID("aws_cloudfront_distribution", id)?["domain_name"] == d["domain_name"])
        #expect(DataCloud.error(await c.delete("aws_cloudfront_origin_access_identity", oai)).contains(
            "CloudFrontOriginAccessIdentityInUse: The CloudFront origin access identity is still being used."))
        #expect(await c.delete("aws_cloudfront_distribution", d).diagnostics.isEmpty)
        #expect(await c.delete("aws_cloudfront_origin_access_identity", oai).diagnostics.isEmpty)
    }

    @Test func certificatesAndAliases() async throws {
        let c = try DataCloud()
        let r = try await Self.bucket(c)
        let cert = try await c.make("aws_acm_certificate", ["domain_name": .string("app.test"), "subject_alternative_names": .strings(["*.app.test"]), "validation_method": .string("DNS")])
        let arn = try #require(cert["arn"]?.stringValue)
        let withCert: [String: Value] = ["aliases": .strings(["www.app.test"]),
                                         "viewer_certificate": Self.rule(["acm_certificate_arn": .string(arn), "ssl_support_method": .string("sni-only")])]
        let d = try await c.make("aws_cloudfront_distribution", Self.distribution(r, withCert))
        let uncovered = await c.create("aws_cloudfront_distribution", Self.distribution(r, withCert.merging(["aliases": .strings(["www.other.test"])]) { _, b in b }))
        #expect(DataCloud.error(uncovered).contains("InvalidViewerCertificate: The certificate that is attached to your distribution doesn't cover the alternate domain name (CNAME)"))
        let taken = await c.create("aws_cloudfront_distribution", Self.distribution(r, withCert))
        #expect(DataCloud.error(taken).contains("CNAMEAlreadyExists: One or more of the CNAMEs you provided are already associated with a different resource."))
        #expect(DataCloud.error(await c.delete("aws_acm_certificate", cert)).contains(
            "ResourceInUseException: Certificate \(arn) in account 123456789012 is in use."))
        #expect(await c.delete("aws_cloudfront_distribution", d).diagnostics.isEmpty)
        #expect(await c.delete("aws_acm_certificate", cert).diagnostics.isEmpty)
    }

    @Test func loadBalancerOriginsMustExist() async throws {
        let c = try DataCloud()
        let dns = "web-1234567890.us-east-1.elb.amazonaws.com"
        try c.provider.store.mutate { tx in
            try tx.put(CloudObject(kind: "aws_lb", id: "arn-web", account: "123456789012", region: "us-east-1",
                                   attributes: .object([("id", .string("arn-web")), ("dns_name", .string(dns))])))
        }
        let origin: [String: Value] = ["custom_origin_config": Self.rule(["http_port": .number(80), "https_port": .number(443),
                                                                          "origin_protocol_policy": .string("https-only"), "origin_ssl_protocols": .strings(["TLSv1.2"])])]
        let d = await c.create("aws_cloudfront_distribution", Self.distribution(["domain": .string(dns)], origin: origin))
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics)")
    }
}
