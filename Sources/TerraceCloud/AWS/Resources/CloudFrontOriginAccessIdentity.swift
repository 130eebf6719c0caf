import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_cloudfront_origin_access_identity`: a global CloudFront object; it cannot be deleted
/// while a distribution's S3 origin uses it.
public struct CloudFrontOriginAccessIdentityResource: StoredResource {
    public static let typeName = "aws_cloudfront_origin_access_identity"
    public let serviceName = "CloudFront Origin Access Identity"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "caller_reference": .computed(.string),
        "cloudfront_access_identity_path": .computed(.string),
        "comment": .optional(.string, default: .string("")),
        "etag": .computed(.string),
        "iam_arn": .computed(.string),
        "s3_canonical_user_id": .computed(.string),
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.length("comment", 0...128)
        return v.diagnostics
    }

    static func path(_ id: String) -> String { "origin-access-identity/cloudfront/\(id)" }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let global = context.inGlobalRegion
        return try creating(token, global) { tx in
            let id = "E" + DataIDs.upper(13)
            let v = filled(planned, [
                "id": .string(id), "caller_reference": .string(DataIDs.prefixed("terraform-")),
                "cloudfront_access_identity_path": .string(Self.path(id)), "etag": .string("E" + DataIDs.upper(13)),
                "iam_arn": .string("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity \(id)"),
                "s3_canonical_user_id": .string(DataIDs.hex(96)),
            ])
            return try save(v, id: id, token: token, tx: tx, context: global)
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context)
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        context.store.fetch(Self.typeName, id, context.inGlobalRegion).map(decode)
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        context.store.list(Self.typeName, account: context.account, region: "us-east-1").first { $0.token == token }.map(decode)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context.inGlobalRegion, missing: {
            CloudError.notFound("NoSuchCloudFrontOriginAccessIdentity", "The specified origin access identity \($0) does not exist.")
        }) { _, _, v in Build.with(v, ["etag": .string("E" + DataIDs.upper(13))]) }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        let global = context.inGlobalRegion
        try global.store.mutate { tx in
            guard let o = object(id, tx, global) else { return }
            if !CloudFrontDistributionResource.users(tx, global, { $0.block("s3_origin_config")?.string("origin_access_identity") == Self.path(id) }).isEmpty {
                throw CloudError("CloudFrontOriginAccessIdentityInUse", "The CloudFront origin access identity is still being used.", statusCode: 409)
            }
            tx.delete(o)
        }
    }
}
