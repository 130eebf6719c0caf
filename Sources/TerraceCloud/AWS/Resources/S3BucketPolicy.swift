import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket_policy`: a JSON policy about the bucket; a public one is refused while
/// the bucket's public access block has `block_public_policy`.
public struct S3BucketPolicyResource: BucketSubresource {
    public static let typeName = "aws_s3_bucket_policy"
    public let serviceName = "S3 Bucket Policy"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "bucket": .required(.string, forceNew: true),
        "policy": .required(.string),
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.length("bucket", 1...63)
        if let p = config["policy"]?.stringValue, PolicyDocuments.parse(p) == nil {
            v.fail("\"policy\" contains an invalid JSON policy")
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, context: context)
        guard var attrs = r.planned.attributes else { return r }
        PolicyDocuments.keepEquivalent(&attrs, prior: req.prior, ["policy"])
        r.planned = .object(attrs)
        return r
    }

    /// S3's checks of a bucket policy.
    static func check(_ text: String, bucket: String, _ tx: CloudTransaction, _ context: AWSContext) throws {
        guard text.first == "{", let doc = PolicyDocuments.parse(text) else {
            throw CloudError("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'")
        }
        let statements = PolicyDocuments.statements(doc)
        if statements.isEmpty {
            throw CloudError("MalformedPolicy", "Missing required field Statement")
        }
        for s in statements {
            let resources = s["Resource"]?.arrayValue?.compactMap(\.stringValue) ?? [s["Resource"]?.stringValue].compactMap { $0 }
            if resources.isEmpty { throw CloudError("MalformedPolicy", "Missing required field Resource") }
            for r in resources where !(r == "arn:aws:s3:::\(bucket)" || r.hasPrefix("arn:aws:s3:::\(bucket)/")) {
                throw CloudError("MalformedPolicy", "Policy has invalid resource")
            }
            if s["Principal"] == nil && s["NotPrincipal"] == nil {
                throw CloudError("MalformedPolicy", "Missing required field Principal")
            }
        }
        if PolicyDocuments.isPublic(doc) && S3BucketPublicAccessBlockResource.blocksPublicPolicy(bucket, tx, context) {
            throw CloudError("AccessDenied", "User: arn:aws:iam::\(context.account):root is not authorized to perform: s3:PutBucketPolicy on resource: \"arn:aws:s3:::\(bucket)\" because public policies are blocked by the BlockPublicPolicy block public access setting.", statusCode: 403)
        }
    }

    func configure(_ v: Value, bucket: CloudObject, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value {
        let text = Fields(v).string("policy") ?? ""
        try Self.check(text, bucket: bucket.id, tx, context)
        return v
    }
}
