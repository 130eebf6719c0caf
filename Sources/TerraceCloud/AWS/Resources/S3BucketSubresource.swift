import TerraceBasics
import TerraceLang
import TerraceProviders

/// A configuration of an S3 bucket managed as its own resource (`aws_s3_bucket_versioning`,
/// `…_policy`, …). Each is stored as one object keyed by the bucket name, in the bucket's
/// account and region; `Put…` calls overwrite it, so creating one where a configuration
/// exists replaces it, as S3 does. IDs are `bucket` or `bucket,expected_bucket_owner`.
protocol BucketSubresource: StoredResource {
    /// S3's checks of the configuration, and the value to store.
    func configure(_ v: Value, bucket: CloudObject, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value
    /// What deleting the configuration leaves behind (nil: nothing).
    func remainder(_ o: CloudObject) -> JSON?
}

extension BucketSubresource {
    func remainder(_ o: CloudObject) -> JSON? { nil }

    static func parseID(_ id: String) -> (bucket: String, owner: String?) {
        let parts = id.split(separator: ",", maxSplits: 1).map(String.init)
        return (parts.first ?? id, parts.count > 1 ? parts[1] : nil)
    }

    /// The bucket, which must exist in this account and region.
    static func bucket(_ name: String, owner: String?, _ tx: CloudTransaction, _ context: AWSContext) throws -> CloudObject {
        if let owner, !owner.isEmpty, owner != context.account {
            throw CloudError("AccessDenied", "Access Denied", statusCode: 403)
        }
        if let b = tx.fetch(S3BucketResource.typeName, name, context) { return b }
        if let o = tx.globalOwner("s3", name) {
            if o.account != context.account { throw CloudError("AccessDenied", "Access Denied", statusCode: 403) }
            throw CloudError("PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.", statusCode: 301)
        }
        throw CloudError.notFound("NoSuchBucket", "The specified bucket does not exist")
    }

    func put(_ planned: Value, token: String?, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let name = f.string("bucket") ?? ""
        let owner = f.nonEmpty("expected_bucket_owner")
        return try context.store.mutate { tx in
            if let token, let existing = tx.findByToken(Self.typeName, token: token, account: context.account, region: context.region) {
                return decode(existing)
            }
            let b = try Self.bucket(name, owner: owner, tx, context)
            let id = owner.map { "\(name),\($0)" } ?? name
            let v = try configure(filled(planned, ["id": .string(id)]), bucket: b, tx, context)
            return try save(Build.with(v, ["id": .string(id)]), id: name, token: token ?? object(name, tx, context)?.token, tx: tx, context: context)
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try put(planned, token: token, context: context)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try put(filled(planned, prior.unmarkedDeep.attributes ?? [:]), token: nil, context: context)
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context)
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let (name, owner) = Self.parseID(id)
        if let owner, owner != context.account { return nil }
        guard context.store.fetch(S3BucketResource.typeName, name, context) != nil,
              let o = context.store.fetch(Self.typeName, name, context) else { return nil }
        return withOwner(decode(o), id: id, owner: owner)
    }

    /// The ID and expected owner an import by `id` shows.
    func withOwner(_ v: Value, id: String, owner: String?) -> Value {
        var changes: [String: Value] = ["id": .string(id)]
        if schema.block.attributes["expected_bucket_owner"] != nil { changes["expected_bucket_owner"] = owner.map(Value.string) ?? .null(.string) }
        return Build.with(v, changes)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        let name = Self.parseID(id).bucket
        try context.store.mutate { tx in
            guard var o = object(name, tx, context) else { return }
            if let rest = remainder(o) {
                o.attributes = rest
                try tx.put(o)
            } else {
                tx.delete(o)
            }
        }
    }

    /// Bucket-name and owner validation shared by every bucket configuration.
    func validateBucket(_ v: inout Validation) {
        v.length("bucket", 1...63)
        v.matches("expected_bucket_owner", "^[0-9]{12}$", "must be a valid AWS account ID")
    }

    static var bucketAttributes: [String: SchemaAttribute] {
        ["id": .computed(.string), "bucket": .required(.string, forceNew: true), "expected_bucket_owner": .optional(.string, forceNew: true)]
    }
}

/// The kinds of bucket configuration stored beside a bucket, removed with it.
enum BucketConfigurations {
    static let kinds = ["aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                        "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_public_access_block",
                        "aws_s3_bucket_cors_configuration", "aws_s3_bucket_policy"]
}
