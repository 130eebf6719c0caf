import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// One aws resource type: its schema, validation, planning, and the calls that carry out a
/// change in the simulated cloud with AWS's rules. Objects are stored as the Terraform
/// attributes of the resource, under the kind `typeName`, so reading one is decoding it.
///
/// Requirements added after the first version all have defaults, so a type needs only
/// `typeName`, `serviceName`, `schema` and `create`.
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

    /// Whether objects live outside any region (IAM); the provider then gives the resource a
    /// context whose region is `AWSRegions.global`.
    static var isGlobal: Bool { get }
    /// Nested blocks that keep their prior value when configuration has none (see `SchemaPlanner`).
    var computedBlocks: Set<String> { get }
    /// The AWS rules this type enforces, one sentence each, for `docs/providers/aws.md`.
    var rules: [String] { get }
    /// What `terraform import` takes for this type, for the documentation ("the VPC ID").
    var importID: String { get }
    /// The error AWS returns for an object of this type that does not exist.
    func notFound(_ id: String) -> CloudError
    /// The new stored value for an in-place update (see the default `update`).
    func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value
}

extension AWSResource {
    public static var isGlobal: Bool { false }
    public var computedBlocks: Set<String> { [] }
    public var rules: [String] { [] }
    public var importID: String { "the `id`" }

    public func validate(_ config: Value) -> Diagnostics { Diagnostics() }

    /// Schema planning plus `tags_all`, which merges the provider's default tags with `tags`.
    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse { standardPlan(req, context: context) }

    /// The plan most types get: `SchemaPlanner` (with `computedBlocks`) and `tags_all`.
    public func standardPlan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = SchemaPlanner.plan(schema: schema.block, prior: req.prior, config: req.config, computedBlocks: computedBlocks)
        if schema.block.attributes["tags_all"] != nil, var attrs = r.planned.attributes {
            let tags = attrs["tags"] ?? .null(.map(.string))
            let creating = req.prior == nil || req.prior?.isNull == true || !r.requiresReplace.isEmpty
            if tags.isNull && context.defaultTags.isEmpty && creating {
                attrs["tags_all"] = .unknown(.map(.string))
            } else if tags.isWhollyKnown {
                attrs["tags_all"] = Self.mergedTags(tags, context.defaultTags)
            } else {
                attrs["tags_all"] = .unknown(.map(.string))
            }
            r.planned = .object(attrs)
        }
        return r
    }

    /// The provider's default tags overlaid with the resource's own `tags`.
    public static func mergedTags(_ tags: Value, _ defaults: [String: String]) -> Value {
        var merged: [String: Value] = defaults.mapValues { .string($0) }
        // A tag whose value is sensitive stays so in `tags_all`, which would otherwise show it.
        for (k, v) in tags.attributes ?? [:] { merged[k] = tags.sensitive ? v.marked() : v }
        return Value(.map(merged, element: .string))
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

    /// The value of a stored object, by this resource's schema. An attribute the schema does
    /// not expect, or of the wrong type (after `terrace cloud update`), reads as null.
    public func decode(_ o: CloudObject) -> Value {
        let type = schema.block.impliedType
        if let v = try? ValueJSON.decode(o.attributes, as: type) { return v }
        guard case .object(let attrTypes, _) = type else { return .null(type) }
        var out: [String: Value] = [:]
        for (k, t) in attrTypes { out[k] = (try? ValueJSON.decode(o.attributes[k] ?? .null, as: t)) ?? .null(t) }
        return .object(out)
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
        return try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: id, account: context.account, region: context.region) else {
                throw notFound(id)
            }
            let new = try updated(o, planned: planned, tx: tx, context: context)
            try tx.put(CloudObject(kind: Self.typeName, id: id, account: context.account, region: context.region,
                                   attributes: ValueJSON.encode(new.unmarkedDeep), token: o.token, managedBy: o.managedBy))
            return new
        }
    }

    /// A delete that only removes the object.
    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            if let o = tx.get(Self.typeName, id: id, account: context.account, region: context.region) { tx.delete(o) }
        }
    }
}

// MARK: - Helpers for implementations

extension AWSResource {
    /// The error AWS returns for an object that does not exist. Types override `notFound` in
    /// their own extension when the service has a specific code.
    public func notFound(_ id: String) -> CloudError {
        CloudError.notFound("ResourceNotFoundException", "The \(serviceName) '\(id)' does not exist")
    }

    /// The new stored value for an in-place update: the planned value with anything still
    /// unknown taken from the stored object. Runs inside the update's transaction, so types can
    /// check rules against other objects; the default only merges.
    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
    }

    /// Creates an object once per idempotency token: inside one transaction, returns the object
    /// an earlier call with `token` created, or runs `body` to create it.
    public func createOnce(token: String, context: AWSContext, _ body: (CloudTransaction) throws -> Value) throws -> Value {
        try context.store.mutate { tx in
            if let existing = tx.findByToken(Self.typeName, token: token, account: context.account, region: context.region) {
                return decode(existing)
            }
            return try body(tx)
        }
    }

    /// Resolves the planned value's unknowns with `fill` (plus `tags_all`) and stores it under `id`.
    @discardableResult
    public func put(_ planned: Value, id: String, fill: [String: Value], token: String?, tx: CloudTransaction,
                    context: AWSContext, managedBy: String? = nil) throws -> Value {
        var f = fill
        f["id"] = f["id"] ?? .string(id)
        let v = withTagsAll(resolve(planned, f), context: context)
        try tx.put(CloudObject(kind: Self.typeName, id: id, account: context.account, region: context.region,
                               attributes: ValueJSON.encode(v.unmarkedDeep), token: token, managedBy: managedBy))
        return v
    }

    /// Fills `tags_all` (when the schema has it and it is not known yet) from `tags` and the
    /// provider's default tags, as AWS reports them back.
    public func withTagsAll(_ v: Value, context: AWSContext) -> Value {
        guard schema.block.attributes["tags_all"] != nil, var attrs = v.attributes else { return v }
        let current = attrs["tags_all"] ?? .null(.map(.string))
        if current.isNull || !current.isWhollyKnown {
            attrs["tags_all"] = Self.mergedTags(attrs["tags"] ?? .null(.map(.string)), context.defaultTags)
        }
        return .object(attrs)
    }

    /// The stored object named by the state's `id`, for types whose import ID differs from it.
    public func readStored(_ state: Value, context: AWSContext) -> Value? {
        guard let id = state["id"]?.stringValue,
              let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        return decode(o)
    }

    /// The stored object with this type's kind and `id`, in the context's account and region.
    public func object(_ id: String, tx: CloudTransaction, context: AWSContext) -> CloudObject? {
        tx.get(Self.typeName, id: id, account: context.account, region: context.region)
    }

    /// Removes an object and everything it manages (default security group of a VPC, …).
    public func remove(_ o: CloudObject, tx: CloudTransaction, context: AWSContext, cascading kinds: [String] = []) {
        for kind in kinds {
            for d in tx.list(kind, account: context.account, region: context.region) where d.managedBy == o.id {
                tx.delete(d)
            }
        }
        tx.delete(o)
    }
}

/// Helpers shared by resource implementations.
public enum AWSIDs {
    /// `vpc-` followed by 17 hex digits, as EC2 makes them.
    public static func ec2(_ prefix: String) -> String {
        prefix + "-0" + hex(16)
    }

    /// `count` random lower-case hex digits.
    public static func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in digits[Int(rng.next() % 16)] })
    }

    /// `count` random upper-case letters and digits, as IAM unique IDs (`AROA…`) use.
    public static func upperAlphanumeric(_ count: Int) -> String {
        let chars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in chars[Int(rng.next() % UInt64(chars.count))] })
    }

    /// A random UUID in lower case.
    public static func uuid() -> String { RandomUUID.string() }

    /// The current time as AWS prints it (`2024-05-01T12:00:00Z`).
    public static func timestamp() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }
}

/// Tags attributes every taggable resource has.
public enum TagSchema {
    public static let attributes: [String: SchemaAttribute] = [
        "tags": .optional(.map(.string)),
        "tags_all": .computed(.map(.string)),
    ]
}
