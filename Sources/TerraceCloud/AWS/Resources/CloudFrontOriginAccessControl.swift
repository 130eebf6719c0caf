import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_cloudfront_origin_access_control`: names unique per account; it cannot be deleted
/// while a distribution's origin uses it.
public struct CloudFrontOriginAccessControlResource: StoredResource {
    public static let typeName = "aws_cloudfront_origin_access_control"
    public let serviceName = "CloudFront Origin Access Control"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "description": .optional(.string, default: .string("Managed by Terraform")),
        "etag": .computed(.string),
        "name": .required(.string),
        "origin_access_control_origin_type": .required(.string),
        "signing_behavior": .required(.string),
        "signing_protocol": .required(.string),
    ]))

    static let originTypes = ["lambda", "mediapackagev2", "mediastore", "s3"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.length("name", 1...64)
        v.length("description", 0...256)
        v.oneOf("origin_access_control_origin_type", Self.originTypes)
        v.oneOf("signing_behavior", ["always", "never", "no-override"])
        v.oneOf("signing_protocol", ["sigv4"])
        return v.diagnostics
    }

    static func check(_ f: Fields, id: String?, _ tx: CloudTransaction, _ context: AWSContext) throws {
        let name = f.string("name") ?? ""
        if tx.list(typeName, account: context.account, region: context.region).contains(where: { $0["name"]?.stringValue == name && $0.id != id }) {
            throw CloudError("OriginAccessControlAlreadyExists", "An origin access control with the same name already exists.", statusCode: 409)
        }
        guard originTypes.contains(f.string("origin_access_control_origin_type") ?? ""),
              ["always", "never", "no-override"].contains(f.string("signing_behavior") ?? ""),
              f.string("signing_protocol") == "sigv4" else {
            throw CloudError("InvalidArgument", "The parameter OriginAccessControlOriginType, SigningBehavior or SigningProtocol has an invalid value.")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let global = context.inGlobalRegion
        return try creating(token, global) { tx in
            try Self.check(Fields(planned), id: nil, tx, global)
            let id = "E" + DataIDs.upper(13)
            let v = filled(planned, [
                "id": .string(id), "arn": .string("arn:aws:cloudfront::\(context.account):origin-access-control/\(id)"),
                "etag": .string("E" + DataIDs.upper(13)),
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
        let global = context.inGlobalRegion
        return try updating(prior, planned, context: global, missing: {
            CloudError.notFound("NoSuchOriginAccessControl", "The specified origin access control \($0) does not exist.")
        }) { tx, o, v in
            try Self.check(Fields(v), id: o.id, tx, global)
            return Build.with(v, ["etag": .string("E" + DataIDs.upper(13))])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        let global = context.inGlobalRegion
        try global.store.mutate { tx in
            guard let o = object(id, tx, global) else { return }
            if !CloudFrontDistributionResource.users(tx, global, { $0.string("origin_access_control_id") == id }).isEmpty {
                throw CloudError("OriginAccessControlInUse", "The origin access control is in use.", statusCode: 409)
            }
            tx.delete(o)
        }
    }
}
