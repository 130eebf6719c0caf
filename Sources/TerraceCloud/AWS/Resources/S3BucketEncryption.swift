import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket_server_side_encryption_configuration`: SSE-S3, SSE-KMS or DSSE-KMS; a KMS
/// key only with a KMS algorithm. Deleting it returns the bucket to S3's default, SSE-S3.
public struct S3BucketEncryptionResource: BucketSubresource {
    public static let typeName = "aws_s3_bucket_server_side_encryption_configuration"
    public let serviceName = "S3 Bucket Server-side Encryption Configuration"
    public init() {}

    static let defaultBlock = NestedBlock(.list, SchemaBlock(attributes: [
        "kms_master_key_id": .optional(.string),
        "sse_algorithm": .required(.string),
    ]), maxItems: 1)
    static let ruleBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "bucket_key_enabled": .optional(.bool),
    ], blockTypes: ["apply_server_side_encryption_by_default": defaultBlock]), minItems: 1)

    public let schema = ResourceSchema(SchemaBlock(attributes: bucketAttributes, blockTypes: ["rule": ruleBlock]))

    static let algorithms = ["AES256", "aws:kms", "aws:kms:dsse"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        validateBucket(&v)
        for r in Fields(config).blocks("rule") {
            for d in r.blocks("apply_server_side_encryption_by_default") {
                if let a = d.string("sse_algorithm"), !Self.algorithms.contains(a) {
                    v.fail("expected rule.0.apply_server_side_encryption_by_default.0.sse_algorithm to be one of \(Validation.goQuoted(Self.algorithms)), got \(a)")
                }
            }
        }
        return v.diagnostics
    }

    func configure(_ v: Value, bucket: CloudObject, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value {
        for r in Fields(v).blocks("rule") {
            for d in r.blocks("apply_server_side_encryption_by_default") {
                let algorithm = d.string("sse_algorithm") ?? ""
                guard Self.algorithms.contains(algorithm) else {
                    throw CloudError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema")
                }
                if let key = d.nonEmpty("kms_master_key_id") {
                    guard algorithm != "AES256" else {
                        throw CloudError("InvalidArgument", "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse")
                    }
                    if key.hasPrefix("arn:aws:kms:\(context.region):\(context.account):") || !key.hasPrefix("arn:"),
                       KMSKeyResource.find(key, tx, context) == nil {
                        throw CloudError("KMS.NotFoundException", "Invalid keyId \(key)")
                    }
                }
            }
        }
        return v
    }

    /// The configuration every bucket has when none was set (S3 encrypts by default).
    func defaultConfiguration(_ bucket: String) -> Value {
        let rule = Build.object(Self.ruleBlock.block, [
            "bucket_key_enabled": .bool(false),
            "apply_server_side_encryption_by_default": Build.blocks(Self.defaultBlock, [["sse_algorithm": .string("AES256"), "kms_master_key_id": .string("")]]),
        ])
        return Build.object(schema.block, ["id": .string(bucket), "bucket": .string(bucket),
                                           "rule": Value(.set([rule], element: Self.ruleBlock.block.impliedType))])
    }

    /// Every bucket has an encryption configuration, so import finds the default one too.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let (name, owner) = Self.parseID(id)
        if let owner, owner != context.account { return nil }
        guard context.store.fetch(S3BucketResource.typeName, name, context) != nil else { return nil }
        let v = context.store.fetch(Self.typeName, name, context).map(decode) ?? defaultConfiguration(name)
        return withOwner(v, id: id, owner: owner)
    }
}
