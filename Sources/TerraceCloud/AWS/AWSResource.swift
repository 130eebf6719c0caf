import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// One aws resource type: its schema, validation, planning, and the calls that carry out a
/// change in the simulated cloud with AWS's rules.
public protocol AWSResource: Sendable {
    static var typeName: String { get }
    /// The AWS service noun used in error messages ("EC2 VPC", "S3 Bucket").
    var serviceName: String { get }
    var schema: ResourceSchema { get }
    func validate(_ config: Value) -> Diagnostics
    func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse
    func create(_ planned: Value, token: String, context: AWSContext) throws -> Value
    /// The object as it is now, or nil if it no longer exists.
    func read(_ state: Value, context: AWSContext) throws -> Value?
    func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value
    func delete(_ state: Value, context: AWSContext) throws
    func importByID(_ id: String, context: AWSContext) throws -> Value?
    func findByToken(_ token: String, context: AWSContext) -> Value?
}

extension AWSResource {
    public func validate(_ config: Value) -> Diagnostics { Diagnostics() }

    /// Schema planning plus `tags_all`, which merges the provider's default tags with `tags`.
    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = SchemaPlanner.plan(schema: schema.block, prior: req.prior, config: req.config)
        if schema.block.attributes["tags_all"] != nil, var attrs = r.planned.attributes {
            let tags = attrs["tags"] ?? .null(.map(.string))
            if tags.isNull && context.defaultTags.isEmpty && req.prior == nil {
                attrs["tags_all"] = .unknown(.map(.string))
            } else if tags.isKnown {
                var merged: [String: Value] = context.defaultTags.mapValues { .string($0) }
                for (k, v) in tags.attributes ?? [:] { merged[k] = v }
                attrs["tags_all"] = Value(.map(merged, element: .string))
            } else {
                attrs["tags_all"] = .unknown(.map(.string))
            }
            r.planned = .object(attrs)
        }
        return r
    }

    /// The default: an object of kind `typeName` whose attributes are the Terraform attributes.
    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context)
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        return decode(o)
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        context.store.list(Self.typeName, account: context.account, region: context.region)
            .first { $0.token == token }.map(decode)
    }

    /// The value of a stored object, by this resource's schema.
    public func decode(_ o: CloudObject) -> Value {
        (try? ValueJSON.decode(o.attributes, as: schema.block.impliedType)) ?? .unknown(schema.block.impliedType)
    }

    /// Resolves unknown (computed) attributes with `fill`, leaving known ones as planned.
    public func resolve(_ planned: Value, _ fill: [String: Value]) -> Value {
        guard var attrs = planned.unmarkedDeep.attributes else { return planned }
        for (k, v) in attrs where !v.isKnown { attrs[k] = fill[k] ?? .null(v.type) }
        for (k, v) in fill where attrs[k] == nil { attrs[k] = v }
        return .object(attrs)
    }

    /// Stores an object for a created or updated resource.
    public func store(_ v: Value, id: String, token: String?, tx: CloudTransaction, context: AWSContext) throws {
        try tx.put(CloudObject(kind: Self.typeName, id: id, account: context.account, region: context.region,
                               attributes: ValueJSON.encode(v.unmarkedDeep), token: token))
    }

    /// An update that changes only stored attributes (the common case for in-place updates).
    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        guard let id = prior["id"]?.stringValue else { throw CloudError("InvalidParameterValue", "missing id") }
        let new = resolve(planned, prior.unmarkedDeep.attributes ?? [:])
        try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: id, account: context.account, region: context.region) else {
                throw CloudError.notFound("NotFound", "The resource '\(id)' does not exist")
            }
            try store(new, id: id, token: o.token, tx: tx, context: context)
        }
        return new
    }

    /// A delete that only removes the object.
    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            if let o = tx.get(Self.typeName, id: id, account: context.account, region: context.region) { tx.delete(o) }
        }
    }
}

/// Helpers shared by resource implementations.
public enum AWSIDs {
    /// `vpc-` followed by 17 hex digits, as EC2 makes them.
    public static func ec2(_ prefix: String) -> String {
        prefix + "-0" + (0..<16).map { _ in String("0123456789abcdef".randomElement()!) }.joined()
    }
}

/// Tags attributes every taggable resource has.
public enum TagSchema {
    public static let attributes: [String: SchemaAttribute] = [
        "tags": .optional(.map(.string)),
        "tags_all": .computed(.map(.string)),
    ]
}
