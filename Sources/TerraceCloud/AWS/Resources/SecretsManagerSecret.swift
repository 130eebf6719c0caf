import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_secretsmanager_secret`: names of allowed characters, unique per account and region
/// even while a deleted secret waits out its recovery window (7–30 days, or 0 to force).
public struct SecretsManagerSecretResource: StoredResource {
    public static let typeName = "aws_secretsmanager_secret"
    public let serviceName = "Secrets Manager Secret"
    public init() {}

    static let replicaBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "kms_key_id": .optionalComputed(.string),
        "last_accessed_date": .computed(.string),
        "region": .required(.string),
        "status": .computed(.string),
        "status_message": .computed(.string),
    ]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "description": .optional(.string),
        "force_overwrite_replica_secret": .optional(.bool, default: .bool(false)),
        "kms_key_id": .optional(.string),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "policy": .optionalComputed(.string),
        "recovery_window_in_days": .optional(.number, default: .number(30)),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: ["replica": replicaBlock]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("name", "name_prefix")
        v.matches("name", "^[0-9A-Za-z/_+=.@-]+$", "must contain only alphanumeric characters and the characters /_+=.@-")
        v.matches("name_prefix", "^[0-9A-Za-z/_+=.@-]+$", "must contain only alphanumeric characters and the characters /_+=.@-")
        v.length("name", 1...512)
        v.length("name_prefix", 1...486)
        if let days = config["recovery_window_in_days"]?.intValue, days != 0, !(7...30).contains(days) {
            v.fail("expected recovery_window_in_days to be in the range (7 - 30), got \(days)")
            v.fail("expected recovery_window_in_days to be one of [0], got \(days)")
        }
        if let p = config["policy"]?.stringValue, !p.isEmpty, PolicyDocuments.parse(p) == nil {
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

    static let nameAlphabet = "^[0-9A-Za-z/_+=.@!-]+$"

    static func checkName(_ name: String) throws {
        guard (1...512).contains(name.count), Validation.matches(name, nameAlphabet) else {
            throw CloudError("ValidationException", "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!")
        }
    }

    /// A secret by name or ARN that has not been deleted.
    static func find(_ ref: String, _ tx: CloudTransaction, _ context: AWSContext, includingDeleted: Bool = false) -> CloudObject? {
        tx.list(typeName, account: context.account, region: context.region).first { o in
            (o["arn"]?.stringValue == ref || o["name"]?.stringValue == ref) && (includingDeleted || o["deleted_date"] == nil)
        }
    }

    static func arn(_ name: String, _ context: AWSContext) -> String {
        context.arn("secretsmanager", "secret:\(name)-\(DataIDs.mixed(6))")
    }

    static func notFound(_ id: String) -> CloudError {
        CloudError.notFound("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")
    }

    /// Refuses a name in use, or held by a secret scheduled for deletion.
    static func claim(_ name: String, _ tx: CloudTransaction, _ context: AWSContext) throws {
        if let existing = find(name, tx, context, includingDeleted: true) {
            if existing["deleted_date"] != nil {
                throw CloudError("InvalidRequestException", "You can't create this secret because a secret with this name is already scheduled for deletion.")
            }
            throw CloudError("ResourceExistsException", "The operation failed because the secret \(name) already exists.")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let (name, prefix) = Naming.settle(f)
        try Self.checkName(name)
        if let p = f.nonEmpty("policy"), PolicyDocuments.parse(p) == nil {
            throw CloudError("MalformedPolicyDocumentException", "The resource policy is not valid JSON.")
        }
        return try creating(token, context) { tx in
            try Self.claim(name, tx, context)
            if let key = f.nonEmpty("kms_key_id"), KMSKeyResource.find(key, tx, context) == nil {
                throw CloudError("ValidationException", "The specified KMS key \(key) does not exist or is not allowed.")
            }
            let arn = Self.arn(name, context)
            var replicas: [[String: Value]] = []
            for r in f.blocks("replica") {
                let region = r.string("region") ?? ""
                guard AWSRegions.zones[region] != nil, region != context.region else {
                    throw CloudError("InvalidParameterException", "Invalid replica region \(region).")
                }
                replicas.append(["region": .string(region), "kms_key_id": .string(r.nonEmpty("kms_key_id") ?? "alias/aws/secretsmanager"),
                                 "status": .string("InSync"), "status_message": .string("Replication succeeded"),
                                 "last_accessed_date": .string("")])
            }
            let v = filled(planned, [
                "id": .string(arn), "arn": .string(arn), "name": .string(name), "name_prefix": .string(prefix),
                "policy": .string(f.nonEmpty("policy").map(PolicyDocuments.normalized) ?? ""),
                "tags_all": tagsAll(planned, context),
            ])
            let withReplicas = Build.with(v, ["replica": Build.blocks(Self.replicaBlock, replicas)])
            return try save(withReplicas, id: arn, token: token, tx: tx, context: context)
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map {
            keepingConfigOnly($0, from: state, ["recovery_window_in_days", "force_overwrite_replica_secret"])
        }
    }

    /// Imports by ARN; a secret scheduled for deletion reads as gone.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.fetch(Self.typeName, id, context),
              o["deleted_date"] == nil else { return nil }
        return Build.with(decode(o), ["recovery_window_in_days": .number(30), "force_overwrite_replica_secret": .bool(false)])
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: Self.notFound) { tx, o, v in
            if o["deleted_date"] != nil {
                throw CloudError("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.")
            }
            let f = Fields(v)
            if let p = f.nonEmpty("policy"), PolicyDocuments.parse(p) == nil {
                throw CloudError("MalformedPolicyDocumentException", "The resource policy is not valid JSON.")
            }
            if let key = f.nonEmpty("kms_key_id"), KMSKeyResource.find(key, tx, context) == nil {
                throw CloudError("ValidationException", "The specified KMS key \(key) does not exist or is not allowed.")
            }
            return Build.with(v, ["tags_all": tagsAll(planned, context),
                                  "policy": .string(f.nonEmpty("policy").map(PolicyDocuments.normalized) ?? "")])
        }
    }

    /// Deletes at once with a window of 0, otherwise schedules deletion after the window.
    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        let days = state["recovery_window_in_days"]?.intValue ?? 30
        guard days == 0 || (7...30).contains(days) else {
            throw CloudError("InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).")
        }
        try context.store.mutate { tx in
            guard var o = object(id, tx, context) else { return }
            if days == 0 {
                tx.delete(o)
                for version in Usage.users(tx, SecretsManagerSecretVersionResource.typeName, "arn", id, context) { tx.delete(version) }
                for rotation in Usage.users(tx, SecretsManagerSecretRotationResource.typeName, "id", id, context) { tx.delete(rotation) }
                return
            }
            if o["deleted_date"] != nil { return }
            o.attributes = o.attributes.setting("deleted_date", .string(DataIDs.timestamp(Double(days) * 86400)))
            try tx.put(o)
        }
    }

    /// A secret another service manages (RDS's `manage_master_user_password`); returns its ARN.
    static func createManaged(name: String, kmsKey: String, _ tx: CloudTransaction, _ context: AWSContext) throws -> String {
        let arn = arn(name, context)
        let me = SecretsManagerSecretResource()
        var attrs: [String: Value] = [
            "id": .string(arn), "arn": .string(arn), "name": .string(name), "name_prefix": .string(""),
            "kms_key_id": .string(kmsKey), "policy": .string(""), "description": .string("Secret associated with primary RDS DB instance"),
            "recovery_window_in_days": .number(0), "force_overwrite_replica_secret": .bool(false),
            "tags": Build.stringMap([:]), "tags_all": Build.stringMap([:]),
        ]
        attrs["replica"] = Build.blocks(replicaBlock, [])
        try me.save(Build.object(me.schema.block, attrs), id: arn, token: nil, tx: tx, context: context, extra: ["owning_service": .string("rds")])
        return arn
    }

    /// Removes a managed secret along with its owner.
    static func removeManaged(_ arn: String, _ tx: CloudTransaction, _ context: AWSContext) {
        if let o = tx.fetch(typeName, arn, context) { tx.delete(o) }
    }
}
