import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket_cors_configuration`: up to 100 rules of the methods S3 supports.
public struct S3BucketCORSResource: BucketSubresource {
    public static let typeName = "aws_s3_bucket_cors_configuration"
    public let serviceName = "S3 Bucket CORS Configuration"
    public init() {}

    static let ruleBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "allowed_headers": .optional(.set(.string)),
        "allowed_methods": .required(.set(.string)),
        "allowed_origins": .required(.set(.string)),
        "expose_headers": .optional(.set(.string)),
        "id": .optional(.string),
        "max_age_seconds": .optional(.number),
    ]), minItems: 1, maxItems: 100)

    public let schema = ResourceSchema(SchemaBlock(attributes: bucketAttributes, blockTypes: ["cors_rule": ruleBlock]))

    static let methods = ["GET", "PUT", "HEAD", "POST", "DELETE"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        validateBucket(&v)
        for r in Fields(config).blocks("cors_rule") {
            if let id = r.string("id"), id.count > 255 { v.fail("expected length of cors_rule.0.id to be in the range (0 - 255), got \(id)") }
        }
        return v.diagnostics
    }

    func configure(_ v: Value, bucket: CloudObject, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value {
        for r in Fields(v).blocks("cors_rule") {
            for m in r.strings("allowed_methods") where !Self.methods.contains(m) {
                throw CloudError("InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is \(m)")
            }
            for o in r.strings("allowed_origins") where o.filter({ $0 == "*" }).count > 1 {
                throw CloudError("InvalidRequest", "AllowedOrigin \"\(o)\" can not have more than one wildcard.")
            }
        }
        return v
    }
}
