import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_dynamodb_table`: key attributes must be defined and every defined attribute used by
/// a key; provisioned tables need capacities; deletion protection refuses delete.
public struct DynamoDBTableResource: StoredResource {
    public static let typeName = "aws_dynamodb_table"
    public let serviceName = "DynamoDB Table"
    public init() {}

    static let attributeBlock = NestedBlock(.set, SchemaBlock(attributes: ["name": .required(.string), "type": .required(.string)]))
    static let gsiBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "hash_key": .required(.string), "name": .required(.string), "non_key_attributes": .optional(.set(.string)),
        "projection_type": .required(.string), "range_key": .optional(.string),
        "read_capacity": .optionalComputed(.number), "write_capacity": .optionalComputed(.number),
    ]))
    static let lsiBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "name": .required(.string, forceNew: true), "non_key_attributes": .optional(.list(.string), forceNew: true),
        "projection_type": .required(.string, forceNew: true), "range_key": .required(.string, forceNew: true),
    ]), forceNew: true)
    static let pitrBlock = NestedBlock(.list, SchemaBlock(attributes: ["enabled": .required(.bool)]), maxItems: 1)
    static let sseBlock = NestedBlock(.list, SchemaBlock(attributes: ["enabled": .required(.bool), "kms_key_arn": .optionalComputed(.string)]), maxItems: 1)
    static let ttlBlock = NestedBlock(.list, SchemaBlock(attributes: ["attribute_name": .optional(.string), "enabled": .optional(.bool, default: .bool(false))]), maxItems: 1)
    static let replicaBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "region_name": .required(.string), "kms_key_arn": .optionalComputed(.string), "point_in_time_recovery": .optional(.bool, default: .bool(false)),
        "propagate_tags": .optional(.bool, default: .bool(false)), "arn": .computed(.string), "stream_arn": .computed(.string), "stream_label": .computed(.string),
    ]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "billing_mode": .optional(.string, default: .string("PROVISIONED")),
        "deletion_protection_enabled": .optional(.bool),
        "hash_key": .optionalComputed(.string, forceNew: true),
        "name": .required(.string, forceNew: true),
        "range_key": .optional(.string, forceNew: true),
        "read_capacity": .optionalComputed(.number),
        "write_capacity": .optionalComputed(.number),
        "restore_date_time": .optional(.string),
        "restore_source_name": .optional(.string),
        "restore_source_table_arn": .optional(.string),
        "restore_to_latest_time": .optional(.bool),
        "stream_arn": .computed(.string),
        "stream_enabled": .optional(.bool),
        "stream_label": .computed(.string),
        "stream_view_type": .optionalComputed(.string),
        "table_class": .optional(.string, default: .string("STANDARD")),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "attribute": attributeBlock, "global_secondary_index": gsiBlock, "local_secondary_index": lsiBlock,
        "point_in_time_recovery": pitrBlock, "server_side_encryption": sseBlock, "ttl": ttlBlock, "replica": replicaBlock,
    ]), version: 1)

    /// Blocks the provider fills in when configuration leaves them out (Optional + Computed).
    static let computedBlocks = ["attribute", "point_in_time_recovery", "server_side_encryption", "ttl"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        let f = Fields(config)
        v.oneOf("billing_mode", ["PROVISIONED", "PAY_PER_REQUEST"])
        v.oneOf("stream_view_type", ["", "KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"])
        v.oneOf("table_class", ["STANDARD", "STANDARD_INFREQUENT_ACCESS"])
        v.length("name", 3...255)
        for a in f.blocks("attribute") {
            if let t = a.string("type"), !["S", "N", "B"].contains(t) { v.fail("expected attribute.type to be one of [\"B\" \"N\" \"S\"], got \(t)") }
        }
        if f.string("billing_mode") == "PAY_PER_REQUEST" {
            for k in ["read_capacity", "write_capacity"] where (f.int(k) ?? 0) > 0 {
                v.fail("\(k) can not be set when billing_mode is \"PAY_PER_REQUEST\"")
            }
        }
        if f.bool("stream_enabled") == true && (f.string("stream_view_type") ?? "").isEmpty && f.isKnown("stream_view_type") {
            v.fail("stream_view_type is required when stream_enabled = true")
        }
        // Every attribute must be used by a key (the provider's CustomizeDiff).
        let defined = Set(f.blocks("attribute").compactMap { $0.string("name") })
        if !defined.isEmpty && f.isKnown("attribute") {
            var used = Set([f.string("hash_key"), f.string("range_key")].compactMap { $0 })
            for i in f.blocks("global_secondary_index") + f.blocks("local_secondary_index") {
                for k in ["hash_key", "range_key"] { if let s = i.string(k) { used.insert(s) } }
            }
            let unused = defined.subtracting(used).sorted()
            if !unused.isEmpty {
                v.fail("all attributes must be indexed. Unused attributes: [\(unused.map { "\"\($0)\"" }.joined(separator: " "))]")
            }
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, keeping: Self.computedBlocks, context: context)
        guard let prior = req.prior, !prior.isNull, r.requiresReplace.isEmpty, var attrs = r.planned.attributes else { return r }
        if attrs["stream_enabled"] != prior["stream_enabled"] {
            attrs["stream_arn"] = .unknown(.string)
            attrs["stream_label"] = .unknown(.string)
        }
        r.planned = .object(attrs)
        return r
    }

    static func validationError(_ message: String) -> CloudError {
        CloudError("ValidationException", "One or more parameter values were invalid: \(message)")
    }

    /// DynamoDB's checks of a table's keys, indexes, capacity and stream.
    static func check(_ f: Fields) throws {
        let name = f.string("name") ?? ""
        if name.count < 3 {
            throw CloudError("ValidationException", "1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3")
        }
        if !Validation.matches(name, "^[a-zA-Z0-9_.-]+$") {
            throw CloudError("ValidationException", "1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
        guard let hash = f.nonEmpty("hash_key") else {
            throw validationError("Missing hash key in the KeySchema")
        }
        let attributes = f.blocks("attribute")
        let defined = attributes.compactMap { $0.string("name") }
        for a in attributes where !["S", "N", "B"].contains(a.string("type") ?? "") {
            throw validationError("Invalid attribute type \(a.string("type") ?? ""); use S, N or B")
        }
        let gsis = f.blocks("global_secondary_index"), lsis = f.blocks("local_secondary_index")
        var keys = [hash] + [f.nonEmpty("range_key")].compactMap { $0 }
        for i in gsis { keys += [i.string("hash_key"), i.nonEmpty("range_key")].compactMap { $0 } }
        for i in lsis { keys += [i.string("range_key")].compactMap { $0 } }
        let missing = keys.filter { !defined.contains($0) }
        if !missing.isEmpty {
            throw validationError("Some index key attributes are not defined in AttributeDefinitions. Keys: [\(Array(distinct(missing)).joined(separator: ", "))], AttributeDefinitions: [\(defined.joined(separator: ", "))]")
        }
        let unused = defined.filter { !keys.contains($0) }
        if !unused.isEmpty {
            throw validationError("Some AttributeDefinitions are not used. AttributeDefinitions: [\(defined.joined(separator: ", "))], keys used: [\(Array(distinct(keys)).joined(separator: ", "))]")
        }
        if !lsis.isEmpty && f.nonEmpty("range_key") == nil {
            throw validationError("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
        }
        if gsis.count > 20 { throw CloudError("LimitExceededException", "Subscriber limit exceeded: Only 20 GlobalSecondaryIndexes are allowed per table") }
        if lsis.count > 5 { throw CloudError("ValidationException", "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5") }
        for i in gsis + lsis {
            let p = i.string("projection_type") ?? ""
            guard ["ALL", "INCLUDE", "KEYS_ONLY"].contains(p) else { throw validationError("Unknown ProjectionType: \(p)") }
            if p != "INCLUDE" && !i.strings("non_key_attributes").isEmpty {
                throw validationError("ProjectionType is \(p), but NonKeyAttributes is specified")
            }
        }
        if (f.string("billing_mode") ?? "PROVISIONED") == "PROVISIONED" {
            guard let r = f.int("read_capacity"), let w = f.int("write_capacity"), r > 0, w > 0 else {
                throw validationError("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
            }
            for i in gsis where (i.int("read_capacity") ?? 0) <= 0 || (i.int("write_capacity") ?? 0) <= 0 {
                throw validationError("ProvisionedThroughput must be specified for index: \(i.string("name") ?? "")")
            }
        }
        if f.bool("stream_enabled") == true && (f.string("stream_view_type") ?? "").isEmpty {
            throw CloudError("ValidationException", "1 validation error detected: StreamViewType is required when StreamEnabled is true")
        }
        if let ttl = f.block("ttl"), ttl.bool("enabled") == true, ttl.nonEmpty("attribute_name") == nil {
            throw CloudError("ValidationException", "1 validation error detected: Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null")
        }
    }

    /// The computed parts of a table: capacities, stream, default blocks.
    func settle(_ v: Value, _ f: Fields, prior: Fields?, _ context: AWSContext) -> Value {
        let name = f.string("name") ?? ""
        let provisioned = (f.string("billing_mode") ?? "PROVISIONED") == "PROVISIONED"
        let streaming = f.bool("stream_enabled") == true
        var changes: [String: Value] = [
            "id": .string(name), "arn": .string(context.arn("dynamodb", "table/\(name)")),
            "read_capacity": .number(provisioned ? (f.int("read_capacity") ?? 0) : 0),
            "write_capacity": .number(provisioned ? (f.int("write_capacity") ?? 0) : 0),
            "stream_view_type": .string(streaming ? (f.string("stream_view_type") ?? "") : ""),
        ]
        if streaming {
            let label = prior?.bool("stream_enabled") == true ? (prior?.string("stream_label") ?? "") : DataIDs.timestamp().replacingOccurrences(of: "Z", with: ".000")
            changes["stream_label"] = .string(label)
            changes["stream_arn"] = .string(context.arn("dynamodb", "table/\(name)/stream/\(label)"))
        } else {
            changes["stream_label"] = .string("")
            changes["stream_arn"] = .string("")
        }
        if f.blocks("point_in_time_recovery").isEmpty { changes["point_in_time_recovery"] = Build.blocks(Self.pitrBlock, [["enabled": .bool(false)]]) }
        if f.blocks("ttl").isEmpty { changes["ttl"] = Build.blocks(Self.ttlBlock, [["attribute_name": .string(""), "enabled": .bool(false)]]) }
        if let sse = f.block("server_side_encryption"), sse.bool("enabled") == true, sse.nonEmpty("kms_key_arn") == nil {
            changes["server_side_encryption"] = Build.blocks(Self.sseBlock, [["enabled": .bool(true), "kms_key_arn": .string(RDSRules.awsManagedKey("dynamodb", context))]])
        }
        var gsis: [[String: Value]] = []
        for i in f.blocks("global_secondary_index") {
            var a = i.value.attributes ?? [:]
            a["read_capacity"] = .number(provisioned ? (i.int("read_capacity") ?? 0) : 0)
            a["write_capacity"] = .number(provisioned ? (i.int("write_capacity") ?? 0) : 0)
            gsis.append(a)
        }
        changes["global_secondary_index"] = Build.blocks(Self.gsiBlock, gsis)
        var replicas: [[String: Value]] = []
        for r in f.blocks("replica") {
            var a = r.value.attributes ?? [:]
            let region = r.string("region_name") ?? ""
            a["arn"] = .string("arn:aws:dynamodb:\(region):\(context.account):table/\(name)")
            a["kms_key_arn"] = .string(r.nonEmpty("kms_key_arn") ?? "")
            let label = changes["stream_label"]?.stringValue ?? ""
            a["stream_arn"] = .string(streaming ? "arn:aws:dynamodb:\(region):\(context.account):table/\(name)/stream/\(label)" : "")
            a["stream_label"] = changes["stream_label"]
            replicas.append(a)
        }
        changes["replica"] = Build.blocks(Self.replicaBlock, replicas)
        return Build.with(v, changes)
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        try Self.check(f)
        let name = f.string("name") ?? ""
        return try creating(token, context) { tx in
            if object(name, tx, context) != nil {
                throw CloudError("ResourceInUseException", "Table already exists: \(name)")
            }
            for r in f.blocks("replica") where AWSRegions.zones[r.string("region_name") ?? ""] == nil || r.string("region_name") == context.region {
                throw CloudError("ValidationException", "Replica region \(r.string("region_name") ?? "") is not valid for a table in \(context.region).")
            }
            if let key = f.block("server_side_encryption")?.nonEmpty("kms_key_arn"), KMSKeyResource.find(key, tx, context) == nil {
                throw CloudError("ValidationException", "KMS key \(key) does not exist or is not accessible.")
            }
            let v = settle(filled(planned, ["tags_all": tagsAll(planned, context)]), f, prior: nil, context)
            return try save(v, id: name, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { CloudError.notFound("ResourceNotFoundException", "Requested resource not found: Table: \($0) not found") }) { _, _, v in
            let f = Fields(v)
            try Self.check(f)
            if v["local_secondary_index"]?.unmarkedDeep != prior["local_secondary_index"]?.unmarkedDeep {
                throw Self.validationError("Local secondary indexes can only be created with the table")
            }
            return settle(Build.with(v, ["tags_all": tagsAll(planned, context)]), f, prior: Fields(prior), context)
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let name = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(name, tx, context) else { return }
            if o["deletion_protection_enabled"]?.boolValue == true {
                throw CloudError("ValidationException", "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
            }
            tx.delete(o)
        }
    }
}

/// Distinct elements in first-seen order.
private func distinct(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
}
