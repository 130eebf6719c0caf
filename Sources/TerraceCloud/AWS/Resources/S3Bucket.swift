import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket`: DNS-compatible names, unique across every account and region. A new
/// bucket blocks public access and encrypts with SSE-S3, as S3 creates buckets today. Its
/// versioning, encryption and policy read back from the bucket's configurations
/// (`aws_s3_bucket_versioning` and the like), and the deprecated inline arguments write them.
public struct S3BucketResource: StoredResource {
    public static let typeName = "aws_s3_bucket"
    public let serviceName = "S3 Bucket"
    public init() {}

    static let versioningBlock = NestedBlock(.list, SchemaBlock(attributes: [
        "enabled": .optional(.bool, default: .bool(false)),
        "mfa_delete": .optional(.bool, default: .bool(false)),
    ]), maxItems: 1)
    static let encryptionBlock: NestedBlock = {
        let byDefault = NestedBlock(.list, SchemaBlock(attributes: [
            "kms_master_key_id": .optional(.string), "sse_algorithm": .required(.string),
        ]), minItems: 1, maxItems: 1)
        let rule = NestedBlock(.list, SchemaBlock(attributes: ["bucket_key_enabled": .optional(.bool)],
                                                  blockTypes: ["apply_server_side_encryption_by_default": byDefault]), minItems: 1, maxItems: 1)
        return NestedBlock(.list, SchemaBlock(blockTypes: ["rule": rule]), maxItems: 1)
    }()

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "acceleration_status": .optionalComputed(.string),
        "bucket": .optionalComputed(.string, forceNew: true),
        "bucket_prefix": .optionalComputed(.string, forceNew: true),
        "bucket_domain_name": .computed(.string),
        "bucket_regional_domain_name": .computed(.string),
        "hosted_zone_id": .computed(.string),
        "region": .computed(.string),
        "force_destroy": .optional(.bool, default: .bool(false)),
        "object_lock_enabled": .optionalComputed(.bool, forceNew: true),
        "policy": .optionalComputed(.string),
        "request_payer": .optionalComputed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "versioning": versioningBlock,
        "server_side_encryption_configuration": encryptionBlock,
    ]))

    /// Blocks the provider reads back from the bucket when configuration leaves them out.
    static let computedBlocks = ["versioning", "server_side_encryption_configuration"]

    /// S3's bucket naming rules.
    public static func nameProblem(_ name: String) -> String? {
        if name.count < 3 || name.count > 63 { return "must be between 3 (min) and 63 (max) characters long" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        if !name.allSatisfy({ allowed.contains($0) }) { return "can consist only of lowercase letters, numbers, dots (.), and hyphens (-)" }
        guard let first = name.first, let last = name.last, first.isLetter || first.isNumber, last.isLetter || last.isNumber else {
            return "must begin and end with a letter or number"
        }
        if name.contains("..") { return "must not contain two adjacent periods" }
        let parts = name.split(separator: ".")
        if parts.count == 4 && parts.allSatisfy({ Int($0) != nil }) { return "must not be formatted as an IP address" }
        if name.hasPrefix("xn--") || name.hasPrefix("sthree-") || name.hasSuffix("-s3alias") || name.hasSuffix("--ol-s3") {
            return "must not start with xn-- or sthree- or end with -s3alias or --ol-s3"
        }
        return nil
    }

    public func validate(_ config: Value) -> Diagnostics {
        var d = Diagnostics()
        if let b = config["bucket"]?.stringValue, let p = Self.nameProblem(b) {
            d += .error("Invalid bucket name", "invalid bucket name \"\(b)\": \(p)")
        }
        var v = Validation(config)
        v.conflicts("bucket", "bucket_prefix")
        v.length("bucket_prefix", 0...37)
        v.oneOf("acceleration_status", ["Enabled", "Suspended"])
        v.oneOf("request_payer", ["BucketOwner", "Requester"])
        if let p = config["policy"]?.stringValue, !p.isEmpty, PolicyDocuments.parse(p) == nil {
            v.fail("\"policy\" contains an invalid JSON policy")
        }
        d += v.diagnostics
        return d
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, keeping: Self.computedBlocks, context: context)
        guard let prior = req.prior, !prior.isNull, r.requiresReplace.isEmpty, var attrs = r.planned.attributes else { return r }
        PolicyDocuments.keepEquivalent(&attrs, prior: prior, ["policy"])
        r.planned = .object(attrs)
        return r
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let name = f.nonEmpty("bucket") ?? DataIDs.prefixed(f.nonEmpty("bucket_prefix") ?? "terraform-")
        if let p = Self.nameProblem(name) {
            throw CloudError("InvalidBucketName", "The specified bucket is not valid. Bucket name \(p).")
        }
        return try creating(token, context) { tx in
            if let owner = tx.globalOwner("s3", name) {
                if owner.account == context.account {
                    throw CloudError("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", statusCode: 409)
                }
                throw CloudError("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", statusCode: 409)
            }
            let v = filled(planned, [
                "id": .string(name),
                "bucket": .string(name),
                "bucket_prefix": .string(f.nonEmpty("bucket") == nil ? (f.nonEmpty("bucket_prefix") ?? "terraform-") : ""),
                "arn": .string("arn:aws:s3:::\(name)"),
                "bucket_domain_name": .string("\(name).s3.amazonaws.com"),
                "bucket_regional_domain_name": .string("\(name).s3.\(context.region).amazonaws.com"),
                "hosted_zone_id": .string(AWSRegions.s3HostedZone[context.region] ?? ""),
                "region": .string(context.region),
                "object_lock_enabled": .bool(false),
                "tags_all": tagsAll(planned, context),
            ])
            try tx.claimGlobal("s3", name, account: context.account, region: context.region, id: name)
            var stored = try save(v, id: name, token: token, tx: tx, context: context)
            // S3's defaults for a new bucket: public access blocked; object lock turns versioning on.
            let block = S3BucketPublicAccessBlockResource()
            try block.save(block.defaultBlock(name), id: name, token: nil, tx: tx, context: context)
            if f.bool("object_lock_enabled") == true {
                try writeVersioning(name, enabled: true, mfaDelete: false, tx, context)
            }
            try writeInline(stored, configured: f, tx, context)
            stored = current(stored, tx, context)
            return try save(stored, id: name, token: token, tx: tx, context: context)
        }
    }

    /// Writes the deprecated inline configurations through their own resources' objects.
    func writeInline(_ v: Value, configured f: Fields, _ tx: CloudTransaction, _ context: AWSContext) throws {
        let name = Fields(v).string("id") ?? ""
        if let versioning = f.block("versioning") {
            try writeVersioning(name, enabled: versioning.bool("enabled") == true, mfaDelete: versioning.bool("mfa_delete") == true, tx, context)
        }
        if let rule = f.block("server_side_encryption_configuration")?.block("rule"),
           let byDefault = rule.block("apply_server_side_encryption_by_default") {
            let sse = S3BucketEncryptionResource()
            let ruleValue = Build.object(S3BucketEncryptionResource.ruleBlock.block, [
                "bucket_key_enabled": .bool(rule.bool("bucket_key_enabled") ?? false),
                "apply_server_side_encryption_by_default": Build.blocks(S3BucketEncryptionResource.defaultBlock, [[
                    "sse_algorithm": .string(byDefault.string("sse_algorithm") ?? "AES256"),
                    "kms_master_key_id": .string(byDefault.string("kms_master_key_id") ?? ""),
                ]]),
            ])
            let value = Build.with(sse.defaultConfiguration(name), ["rule": Value(.set([ruleValue], element: S3BucketEncryptionResource.ruleBlock.block.impliedType))])
            guard let bucket = tx.fetch(Self.typeName, name, context) else { return }
            try sse.save(try sse.configure(value, bucket: bucket, tx, context), id: name, token: nil, tx: tx, context: context)
        }
        if let policy = f.nonEmpty("policy") {
            try S3BucketPolicyResource.check(policy, bucket: name, tx, context)
            let p = S3BucketPolicyResource()
            try p.save(Build.object(p.schema.block, ["id": .string(name), "bucket": .string(name), "policy": .string(policy)]),
                       id: name, token: nil, tx: tx, context: context)
        }
    }

    func writeVersioning(_ name: String, enabled: Bool, mfaDelete: Bool, _ tx: CloudTransaction, _ context: AWSContext) throws {
        let r = S3BucketVersioningResource()
        let previous = tx.fetch(S3BucketVersioningResource.typeName, name, context)
        if !enabled && previous == nil { return }
        let block = Build.blocks(S3BucketVersioningResource.configurationBlock, [[
            "status": .string(enabled ? "Enabled" : "Suspended"), "mfa_delete": .string(mfaDelete ? "Enabled" : "Disabled"),
        ]])
        let v = Build.object(r.schema.block, ["id": .string(name), "bucket": .string(name),
                                             "versioning_configuration": block])
        try r.save(v, id: name, token: previous?.token, tx: tx, context: context)
    }

    /// The bucket with what its configurations say now.
    func current(_ v: Value, _ tx: CloudTransaction, _ context: AWSContext) -> Value {
        let name = Fields(v).string("id") ?? ""
        let versioning = tx.fetch(S3BucketVersioningResource.typeName, name, context)
            .flatMap { Fields(S3BucketVersioningResource().decode($0)).block("versioning_configuration") }
        let sse = tx.fetch(S3BucketEncryptionResource.typeName, name, context).map { S3BucketEncryptionResource().decode($0) }
            ?? S3BucketEncryptionResource().defaultConfiguration(name)
        let rule = Fields(sse).blocks("rule").first
        let byDefault = rule?.block("apply_server_side_encryption_by_default")
        let encryption: [String: Value] = [
            "rule": Build.blocks(Self.encryptionBlock.block.blockTypes["rule"] ?? Self.encryptionBlock, [[
                "bucket_key_enabled": .bool(rule?.bool("bucket_key_enabled") ?? false),
                "apply_server_side_encryption_by_default": Build.blocks(
                    Self.encryptionBlock.block.blockTypes["rule"]?.block.blockTypes["apply_server_side_encryption_by_default"] ?? Self.encryptionBlock, [[
                        "sse_algorithm": .string(byDefault?.string("sse_algorithm") ?? "AES256"),
                        "kms_master_key_id": .string(byDefault?.string("kms_master_key_id") ?? ""),
                    ]]),
            ]]),
        ]
        let policy = tx.fetch(S3BucketPolicyResource.typeName, name, context)?["policy"]?.stringValue ?? ""
        return Build.with(v, [
            "versioning": Build.blocks(Self.versioningBlock, [[
                "enabled": .bool(versioning?.string("status") == "Enabled"),
                "mfa_delete": .bool(versioning?.string("mfa_delete") == "Enabled"),
            ]]),
            "server_side_encryption_configuration": Build.blocks(Self.encryptionBlock, [encryption]),
            "policy": .string(policy),
            "acceleration_status": .string(Fields(v).string("acceleration_status") ?? ""),
            "request_payer": .string(Fields(v).nonEmpty("request_payer") ?? "BucketOwner"),
        ])
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map { keepingConfigOnly($0, from: state, ["force_destroy"]) }
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        try context.store.mutate { tx in
            guard let o = tx.fetch(Self.typeName, id, context) else { return nil }
            return Build.with(current(decode(o), tx, context), ["force_destroy": .bool(false)])
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        return try updating(prior, planned, context: context, missing: { _ in CloudError.notFound("NoSuchBucket", "The specified bucket does not exist") }) { tx, _, v in
            let changed = Build.with(v, ["tags_all": tagsAll(planned, context)])
            // Only inline settings that changed are written, so separate resources keep theirs.
            var inline: [String: Value] = [:]
            for b in Self.computedBlocks where planned[b] != prior[b] { inline[b] = planned[b] }
            if planned["policy"] != prior["policy"] { inline["policy"] = planned["policy"] }
            try writeInline(changed, configured: Fields(Build.object(schema.block, inline)), tx, context)
            if f.string("policy") == "", prior["policy"]?.stringValue?.isEmpty == false,
               let p = tx.fetch(S3BucketPolicyResource.typeName, Fields(v).string("id") ?? "", context) {
                tx.delete(p)
            }
            return current(changed, tx, context)
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = tx.fetch(Self.typeName, id, context) else { return }
            for kind in BucketConfigurations.kinds {
                if let c = tx.fetch(kind, id, context) { tx.delete(c) }
            }
            tx.delete(o)
            tx.releaseGlobal("s3", id)
        }
    }
}
