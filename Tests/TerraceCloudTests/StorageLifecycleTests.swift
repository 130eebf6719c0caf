import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Create, read, update in place, replace, import and delete for the S3 resource types.
@Suite struct StorageLifecycleTests {
    static let twoBuckets: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        _ = try await c.make("aws_s3_bucket", ["bucket": .string("app-assets-one")])
        _ = try await c.make("aws_s3_bucket", ["bucket": .string("app-assets-two")])
        let key = try await c.make("aws_kms_key", [:])
        return ["a": .string("app-assets-one"), "b": .string("app-assets-two"), "key": key["arn"]!]
    }

    static func policy(_ bucket: String, sid: String) -> Value {
        .string(#"{"Version":"2012-10-17","Statement":[{"Sid":"\#(sid)","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::\#(bucket)/*"}]}"#)
    }

    static func rule(_ attrs: [String: Value]) -> Value { .list([.object(attrs)]) }

    static let cases: [Lifecycle] = [
        Lifecycle(
            type: "aws_s3_bucket",
            create: { _ in ["bucket": .string("app-assets-main"), "tags": .tags(["app": "web"])] },
            update: { _ in ["tags": .tags(["app": "web", "env": "prod"]), "force_destroy": .bool(true)] },
            replace: { _ in ["bucket": .string("app-assets-main-2")] },
            replacePath: "bucket",
            importIgnore: ["force_destroy"]),
        Lifecycle(
            type: "aws_s3_bucket_versioning",
            setup: twoBuckets,
            create: { r in ["bucket": r["a"]!, "versioning_configuration": rule(["status": .string("Enabled")])] },
            update: { _ in ["versioning_configuration": rule(["status": .string("Suspended")])] },
            replace: { r in ["bucket": r["b"]!] },
            replacePath: "bucket",
            replacedIsGone: false,
            // A versioned bucket can only be suspended.
            deleted: { $0?.first("versioning_configuration")?["status"] == .string("Suspended") }),
        Lifecycle(
            type: "aws_s3_bucket_server_side_encryption_configuration",
            setup: twoBuckets,
            create: { r in ["bucket": r["a"]!, "rule": rule(["apply_server_side_encryption_by_default": rule(["sse_algorithm": .string("aws:kms"), "kms_master_key_id": r["key"]!])])] },
            update: { r in ["rule": rule(["bucket_key_enabled": .bool(true), "apply_server_side_encryption_by_default": rule(["sse_algorithm": .string("aws:kms"), "kms_master_key_id": r["key"]!])])] },
            replace: { r in ["bucket": r["b"]!] },
            replacePath: "bucket",
            replacedIsGone: false,
            // Without a configuration a bucket encrypts with SSE-S3.
            deleted: { $0?.first("rule")?.first("apply_server_side_encryption_by_default")?["sse_algorithm"] == .string("AES256") }),
        Lifecycle(
            type: "aws_s3_bucket_lifecycle_configuration",
            setup: twoBuckets,
            create: { r in ["bucket": r["a"]!, "rule": rule(["id": .string("expire-logs"), "status": .string("Enabled"),
                                                               "filter": rule(["prefix": .string("logs/")]), "expiration": rule(["days": .number(90)])])] },
            update: { _ in ["rule": rule(["id": .string("expire-logs"), "status": .string("Enabled"), "filter": rule(["prefix": .string("logs/")]),
                                          "expiration": rule(["days": .number(120)]),
                                          "transition": .list([.object(["days": .number(30), "storage_class": .string("STANDARD_IA")])])])] },
            replace: { r in ["bucket": r["b"]!] },
            replacePath: "bucket"),
        Lifecycle(
            type: "aws_s3_bucket_public_access_block",
            setup: twoBuckets,
            create: { r in ["bucket": r["a"]!, "block_public_acls": .bool(true)] },
            update: { _ in ["block_public_policy": .bool(true), "restrict_public_buckets": .bool(true)] },
            replace: { r in ["bucket": r["b"]!] },
            replacePath: "bucket"),
        Lifecycle(
            type: "aws_s3_bucket_cors_configuration",
            setup: twoBuckets,
            create: { r in ["bucket": r["a"]!, "cors_rule": rule(["allowed_methods": .strings(["GET"]), "allowed_origins": .strings(["https://example.org"])])] },
            update: { _ in ["cors_rule": rule(["allowed_methods": .strings(["GET", "PUT"]), "allowed_origins": .strings(["https://example.org"]), "max_age_seconds": .number(3000)])] },
            replace: { r in ["bucket": r["b"]!] },
            replacePath: "bucket"),
        Lifecycle(
            type: "aws_s3_bucket_policy",
            setup: twoBuckets,
            create: { r in ["bucket": r["a"]!, "policy": policy("app-assets-one", sid: "Read")] },
            update: { _ in ["policy": policy("app-assets-one", sid: "ReadObjects")] },
            replace: { r in ["bucket": r["b"]!, "policy": policy("app-assets-two", sid: "ReadObjects")] },
            replacePath: "bucket"),
    ]

    @Test(arguments: cases)
    func lifecycle(_ c: Lifecycle) async throws { try await c.run() }
}

extension Value {
    /// The first object of a nested block.
    func first(_ block: String) -> Value? { self[block]?.elements?.first }
}
