import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_s3_bucket`: DNS-compatible names, unique across every account and region.
public struct S3BucketResource: AWSResource {
    public static let typeName = "aws_s3_bucket"
    public let serviceName = "S3 Bucket"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "bucket": .optionalComputed(.string, forceNew: true),
        "bucket_prefix": .optionalComputed(.string, forceNew: true),
        "bucket_domain_name": .computed(.string),
        "bucket_regional_domain_name": .computed(.string),
        "hosted_zone_id": .computed(.string),
        "region": .computed(.string),
        "force_destroy": .optional(.bool, default: .bool(false)),
        "object_lock_enabled": .optionalComputed(.bool, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }))

    /// S3's bucket naming rules.
    public static func nameProblem(_ name: String) -> String? {
        if name.count < 3 || name.count > 63 { return "must be between 3 (min) and 63 (max) characters long" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        if !name.allSatisfy({ allowed.contains($0) }) { return "can consist only of lowercase letters, numbers, dots (.), and hyphens (-)" }
        if !(name.first!.isLetter || name.first!.isNumber) || !(name.last!.isLetter || name.last!.isNumber) {
            return "must begin and end with a letter or number"
        }
        if name.contains("..") { return "must not contain two adjacent periods" }
        let parts = name.split(separator: ".")
        if parts.count == 4 && parts.allSatisfy({ Int($0) != nil }) { return "must not be formatted as an IP address" }
        if name.hasPrefix("xn--") || name.hasSuffix("-s3alias") { return "must not start with xn-- or end with -s3alias" }
        return nil
    }

    public func validate(_ config: Value) -> Diagnostics {
        var d = Diagnostics()
        if let b = config["bucket"]?.stringValue, let p = Self.nameProblem(b) {
            d += .error("Invalid bucket name", "invalid bucket name \"\(b)\": \(p)")
        }
        return d
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        var name = planned["bucket"]?.stringValue ?? ""
        if name.isEmpty {
            let prefix = planned["bucket_prefix"]?.stringValue ?? "terraform-"
            name = prefix + String(format: "%014d", Int(Date().timeIntervalSince1970 * 1000) % 100_000_000_000_000)
                + String((0..<12).map { _ in "0123456789abcdef".randomElement()! })
        }
        if let p = Self.nameProblem(name) {
            throw CloudError("InvalidBucketName", "The specified bucket is not valid. Bucket name \(p).")
        }
        return try context.store.mutate { tx in
            if let existing = tx.findByToken(Self.typeName, token: token, account: context.account, region: context.region) {
                return decode(existing)
            }
            if let owner = tx.globalOwner("s3", name) {
                if owner.account == context.account {
                    throw CloudError("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", statusCode: 409)
                }
                throw CloudError("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", statusCode: 409)
            }
            let v = resolve(planned, [
                "id": .string(name),
                "bucket": .string(name),
                "bucket_prefix": .string(""),
                "arn": .string("arn:aws:s3:::\(name)"),
                "bucket_domain_name": .string("\(name).s3.amazonaws.com"),
                "bucket_regional_domain_name": .string("\(name).s3.\(context.region).amazonaws.com"),
                "hosted_zone_id": .string(AWSRegions.s3HostedZone[context.region] ?? ""),
                "region": .string(context.region),
                "object_lock_enabled": .bool(false),
                "tags_all": Value(.map([:], element: .string)),
            ])
            try tx.claimGlobal("s3", name, account: context.account, region: context.region, id: name)
            try store(v, id: name, token: token, tx: tx, context: context)
            return v
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: id, account: context.account, region: context.region) else { return }
            tx.delete(o)
            tx.releaseGlobal("s3", id)
        }
    }
}
