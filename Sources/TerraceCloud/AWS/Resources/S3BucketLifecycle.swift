import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket_lifecycle_configuration`: rules with unique IDs; transitions to the
/// infrequent-access classes after at least 30 days; expirations after the transitions.
public struct S3BucketLifecycleResource: BucketSubresource {
    public static let typeName = "aws_s3_bucket_lifecycle_configuration"
    public let serviceName = "S3 Bucket Lifecycle Configuration"
    public init() {}

    static let ruleBlock: NestedBlock = {
        let andBlock = NestedBlock(.list, SchemaBlock(attributes: [
            "object_size_greater_than": .optional(.number), "object_size_less_than": .optional(.number),
            "prefix": .optional(.string), "tags": .optional(.map(.string)),
        ]), maxItems: 1)
        let tagBlock = NestedBlock(.list, SchemaBlock(attributes: ["key": .required(.string), "value": .required(.string)]), maxItems: 1)
        return NestedBlock(.list, SchemaBlock(attributes: [
            "id": .required(.string),
            "prefix": .optional(.string),
            "status": .required(.string),
        ], blockTypes: [
            "abort_incomplete_multipart_upload": NestedBlock(.list, SchemaBlock(attributes: ["days_after_initiation": .optional(.number)]), maxItems: 1),
            "expiration": NestedBlock(.list, SchemaBlock(attributes: [
                "date": .optional(.string), "days": .optional(.number), "expired_object_delete_marker": .optionalComputed(.bool),
            ]), maxItems: 1),
            "filter": NestedBlock(.list, SchemaBlock(attributes: [
                "object_size_greater_than": .optional(.number), "object_size_less_than": .optional(.number), "prefix": .optional(.string),
            ], blockTypes: ["and": andBlock, "tag": tagBlock]), maxItems: 1),
            "noncurrent_version_expiration": NestedBlock(.list, SchemaBlock(attributes: [
                "newer_noncurrent_versions": .optional(.number), "noncurrent_days": .optional(.number),
            ]), maxItems: 1),
            "noncurrent_version_transition": NestedBlock(.set, SchemaBlock(attributes: [
                "newer_noncurrent_versions": .optional(.number), "noncurrent_days": .optional(.number), "storage_class": .required(.string),
            ])),
            "transition": NestedBlock(.set, SchemaBlock(attributes: [
                "date": .optional(.string), "days": .optional(.number), "storage_class": .required(.string),
            ])),
        ]), minItems: 1)
    }()

    public let schema = ResourceSchema(SchemaBlock(attributes: bucketAttributes.merging([
        "transition_default_minimum_object_size": .optionalComputed(.string),
    ]) { a, _ in a }, blockTypes: ["rule": ruleBlock]))

    static let storageClasses = ["DEEP_ARCHIVE", "GLACIER", "GLACIER_IR", "INTELLIGENT_TIERING", "ONEZONE_IA", "STANDARD_IA"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        validateBucket(&v)
        for r in Fields(config).blocks("rule") {
            if let s = r.string("status"), !["Enabled", "Disabled"].contains(s) {
                v.fail("expected rule.0.status to be one of [\"Enabled\" \"Disabled\"], got \(s)")
            }
            if let id = r.string("id"), !(1...255).contains(id.count) {
                v.fail("expected length of rule.0.id to be in the range (1 - 255), got \(id)")
            }
            for t in r.blocks("transition") + r.blocks("noncurrent_version_transition") {
                if let c = t.string("storage_class"), !Self.storageClasses.contains(c) {
                    v.fail("expected storage_class to be one of \(Validation.goQuoted(Self.storageClasses)), got \(c)")
                }
            }
        }
        return v.diagnostics
    }

    /// S3's checks of a lifecycle configuration.
    static func check(_ rules: [Fields]) throws {
        var ids = Set<String>()
        for r in rules {
            let id = r.string("id") ?? ""
            if !ids.insert(id).inserted {
                throw CloudError("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule")
            }
            let filter = r.block("filter")?.nonEmpty("prefix") ?? r.string("prefix") ?? ""
            var latestTransition = 0
            for t in r.blocks("transition") {
                let cls = t.string("storage_class") ?? ""
                guard storageClasses.contains(cls) else {
                    throw CloudError("InvalidStorageClass", "The storage class you specified is not valid")
                }
                if let d = t.int("days") {
                    if d < 0 { throw CloudError("InvalidArgument", "'Days' in Transition action must be nonnegative") }
                    if (cls == "STANDARD_IA" || cls == "ONEZONE_IA") && d < 30 {
                        throw CloudError("InvalidArgument", "'Days' in Transition action must be greater than or equal to 30 for storageClass '\(cls)'")
                    }
                    latestTransition = max(latestTransition, d)
                }
            }
            if let e = r.block("expiration"), let d = e.int("days") {
                if d <= 0 { throw CloudError("InvalidArgument", "'Days' in the Expiration action must be a positive integer") }
                if latestTransition > 0 && d <= latestTransition {
                    throw CloudError("InvalidArgument", "'Days' in the Expiration action for filter '(prefix=\(filter))' must be greater than 'Days' in the Transition action")
                }
            }
            for t in r.blocks("noncurrent_version_transition") {
                let cls = t.string("storage_class") ?? ""
                if (cls == "STANDARD_IA" || cls == "ONEZONE_IA"), let d = t.int("noncurrent_days"), d < 30 {
                    throw CloudError("InvalidArgument", "'NoncurrentDays' in NoncurrentVersionTransition action must be greater than or equal to 30 for storageClass '\(cls)'")
                }
            }
            if let a = r.block("abort_incomplete_multipart_upload"), let d = a.int("days_after_initiation"), d <= 0 {
                throw CloudError("InvalidArgument", "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer")
            }
        }
    }

    func configure(_ v: Value, bucket: CloudObject, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value {
        try Self.check(Fields(v).blocks("rule"))
        return Build.with(v, ["transition_default_minimum_object_size": .string(Fields(v).nonEmpty("transition_default_minimum_object_size") ?? "all_storage_classes_128K")])
    }
}
