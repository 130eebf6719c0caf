import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket_versioning`: once versioned, a bucket can be suspended but never returned
/// to unversioned; deleting the resource suspends versioning.
public struct S3BucketVersioningResource: BucketSubresource {
    public static let typeName = "aws_s3_bucket_versioning"
    public let serviceName = "S3 Bucket Versioning"
    public init() {}

    static let configurationBlock = NestedBlock(.list, SchemaBlock(attributes: [
        "mfa_delete": .optionalComputed(.string),
        "status": .required(.string),
    ]), minItems: 1, maxItems: 1)

    public let schema = ResourceSchema(SchemaBlock(attributes: bucketAttributes.merging([
        "mfa": .optional(.string),
    ]) { a, _ in a }, blockTypes: ["versioning_configuration": configurationBlock]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        validateBucket(&v)
        for c in Fields(config).blocks("versioning_configuration") {
            if let s = c.string("status"), !["Enabled", "Suspended", "Disabled"].contains(s) {
                v.fail("expected versioning_configuration.0.status to be one of [\"Enabled\" \"Suspended\" \"Disabled\"], got \(s)")
            }
            if let m = c.string("mfa_delete"), !["Enabled", "Disabled"].contains(m) {
                v.fail("expected versioning_configuration.0.mfa_delete to be one of [\"Enabled\" \"Disabled\"], got \(m)")
            }
        }
        return v.diagnostics
    }

    func configure(_ v: Value, bucket: CloudObject, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value {
        let c = Fields(v).block("versioning_configuration")
        let status = c?.string("status") ?? ""
        let current = tx.fetch(Self.typeName, Fields(v).string("bucket") ?? "", context)
            .flatMap { Fields(decode($0)).block("versioning_configuration")?.string("status") } ?? "Disabled"
        if status == "Disabled" && current != "Disabled" {
            throw CloudError("IllegalVersioningConfigurationException", "The versioning configuration specified in the request is invalid. A bucket that has been versioned can only be suspended, not returned to an unversioned state.")
        }
        if c?.string("mfa_delete") == "Enabled" && (Fields(v).nonEmpty("mfa") == nil) {
            throw CloudError("AccessDenied", "Mfa Authentication must be used for this request", statusCode: 403)
        }
        let block = Build.blocks(Self.configurationBlock, [["status": .string(status), "mfa_delete": .string(c?.nonEmpty("mfa_delete") ?? "Disabled")]])
        return Build.with(v, ["versioning_configuration": block])
    }

    /// Versioning cannot be switched off: what stays is a suspended configuration.
    func remainder(_ o: CloudObject) -> JSON? {
        let v = decode(o)
        guard let status = Fields(v).block("versioning_configuration")?.string("status"), status != "Disabled" else { return nil }
        let suspended = Build.with(v, ["versioning_configuration": Build.blocks(Self.configurationBlock, [["status": .string("Suspended"), "mfa_delete": .string("Disabled")]])])
        return ValueJSON.encode(suspended)
    }
}
