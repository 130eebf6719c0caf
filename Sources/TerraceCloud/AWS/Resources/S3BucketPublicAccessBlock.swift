import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket_public_access_block`. New buckets start with all four settings on, as S3
/// creates them since April 2023; deleting the resource removes the configuration.
public struct S3BucketPublicAccessBlockResource: BucketSubresource {
    public static let typeName = "aws_s3_bucket_public_access_block"
    public let serviceName = "S3 Bucket Public Access Block"
    public init() {}

    static let settings = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "bucket": .required(.string, forceNew: true),
        "block_public_acls": .optional(.bool, default: .bool(false)),
        "block_public_policy": .optional(.bool, default: .bool(false)),
        "ignore_public_acls": .optional(.bool, default: .bool(false)),
        "restrict_public_buckets": .optional(.bool, default: .bool(false)),
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.length("bucket", 1...63)
        return v.diagnostics
    }

    func configure(_ v: Value, bucket: CloudObject, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value {
        // A public policy already on the bucket does not stop the block; it stops new ones.
        var changes: [String: Value] = [:]
        for s in Self.settings where v[s]?.boolValue == nil { changes[s] = .bool(false) }
        return Build.with(v, changes)
    }

    /// The block S3 puts on a new bucket.
    func defaultBlock(_ bucket: String) -> Value {
        var attrs: [String: Value] = ["id": .string(bucket), "bucket": .string(bucket)]
        for s in Self.settings { attrs[s] = .bool(true) }
        return Build.object(schema.block, attrs)
    }

    /// Whether the bucket's block stops public bucket policies.
    static func blocksPublicPolicy(_ bucket: String, _ tx: CloudTransaction, _ context: AWSContext) -> Bool {
        tx.fetch(typeName, bucket, context)?["block_public_policy"]?.boolValue == true
    }
}
