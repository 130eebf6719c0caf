import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_kms_key`: deleting a key schedules its deletion after a 7–30 day window; a key
/// pending deletion reads as gone, as the provider treats it.
public struct KMSKeyResource: StoredResource {
    public static let typeName = "aws_kms_key"
    public let serviceName = "KMS Key"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "key_id": .computed(.string),
        "bypass_policy_lockout_safety_check": .optional(.bool, default: .bool(false)),
        "custom_key_store_id": .optional(.string, forceNew: true),
        "customer_master_key_spec": .optional(.string, forceNew: true, default: .string("SYMMETRIC_DEFAULT")),
        "deletion_window_in_days": .optional(.number),
        "description": .optionalComputed(.string),
        "enable_key_rotation": .optional(.bool, default: .bool(false)),
        "rotation_period_in_days": .optionalComputed(.number),
        "is_enabled": .optional(.bool, default: .bool(true)),
        "key_usage": .optional(.string, forceNew: true, default: .string("ENCRYPT_DECRYPT")),
        "multi_region": .optionalComputed(.bool, forceNew: true),
        "policy": .optionalComputed(.string),
        "xks_key_id": .optional(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }))

    static let specs = ["SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512",
                        "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "SM2"]
    static let usages = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.between("deletion_window_in_days", 7...30)
        v.between("rotation_period_in_days", 90...2560)
        v.oneOf("customer_master_key_spec", Self.specs)
        v.oneOf("key_usage", Self.usages)
        v.length("description", 0...8192)
        if let p = config["policy"]?.stringValue, !p.isEmpty, PolicyDocuments.parse(p) == nil {
            v.fail("\"policy\" contains an invalid JSON policy")
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, context: context)
        guard var attrs = r.planned.attributes else { return r }
        PolicyDocuments.keepEquivalent(&attrs, prior: req.prior, ["policy"])
        // Turning rotation on or off changes the period KMS reports unless it is configured.
        if let prior = req.prior, r.requiresReplace.isEmpty, req.config["rotation_period_in_days"]?.isNull ?? true,
           attrs["enable_key_rotation"] != prior["enable_key_rotation"] {
            attrs["rotation_period_in_days"] = .unknown(.number)
        }
        r.planned = .object(attrs)
        return r
    }

    /// A key by ID or ARN, as KMS accepts either.
    static func find(_ ref: String, _ tx: CloudTransaction, _ context: AWSContext) -> CloudObject? {
        if let o = tx.fetch(typeName, ref, context) { return o }
        if ref.hasPrefix("arn:"), let id = ref.split(separator: "/").last {
            return tx.fetch(typeName, String(id), context)
        }
        if let r = ref.range(of: "alias/") {
            let name = String(ref[r.lowerBound...])
            if let a = tx.fetch(KMSAliasResource.typeName, name, context),
               let target = a["target_key_id"]?.stringValue {
                return tx.fetch(typeName, target, context)
            }
        }
        return nil
    }

    static func notFound(_ id: String) -> CloudError {
        CloudError.notFound("NotFoundException", "Key '\(id)' does not exist")
    }

    static func defaultPolicy(_ account: String) -> String {
        PolicyDocuments.normalized("""
        {"Id":"key-default-1","Statement":[{"Action":"kms:*","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::\(account):root"},"Resource":"*","Sid":"Enable IAM User Permissions"}],"Version":"2012-10-17"}
        """)
    }

    /// KMS's checks of a key's settings, at creation and when they change.
    static func check(_ f: Fields) throws {
        if let days = f.int("deletion_window_in_days"), !(7...30).contains(days) {
            throw CloudError("ValidationException", "1 validation error detected: Value '\(days)' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value \(days < 7 ? "greater than or equal to 7" : "less than or equal to 30")")
        }
        let spec = f.string("customer_master_key_spec") ?? "SYMMETRIC_DEFAULT"
        let usage = f.string("key_usage") ?? "ENCRYPT_DECRYPT"
        let allowed: [String]
        switch spec {
        case "SYMMETRIC_DEFAULT": allowed = ["ENCRYPT_DECRYPT"]
        case let s where s.hasPrefix("RSA"): allowed = ["ENCRYPT_DECRYPT", "SIGN_VERIFY"]
        case let s where s.hasPrefix("HMAC"): allowed = ["GENERATE_VERIFY_MAC"]
        case "SM2": allowed = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"]
        default: allowed = ["SIGN_VERIFY", "KEY_AGREEMENT"]
        }
        guard allowed.contains(usage) else {
            throw CloudError("ValidationException", "KeyUsage \(usage) is not compatible with KeySpec \(spec)")
        }
        if f.bool("enable_key_rotation") == true && spec != "SYMMETRIC_DEFAULT" {
            throw CloudError("UnsupportedOperationException", "Automatic key rotation is only supported for symmetric encryption KMS keys; \(spec) keys cannot be rotated.")
        }
        if let days = f.int("rotation_period_in_days"), days != 0, !(90...2560).contains(days) {
            throw CloudError("ValidationException", "1 validation error detected: Value '\(days)' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value \(days < 90 ? "greater than or equal to 90" : "less than or equal to 2560")")
        }
        if let p = f.nonEmpty("policy"), PolicyDocuments.parse(p) == nil {
            throw CloudError("MalformedPolicyDocumentException", "The policy document is not valid JSON.")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        try Self.check(f)
        return try creating(token, context) { tx in
            let id = (f.bool("multi_region") == true ? "mrk-" + DataIDs.hex(32) : DataIDs.uuid())
            let enabled = f.bool("is_enabled") ?? true
            let v = filled(planned, [
                "id": .string(id), "key_id": .string(id), "arn": .string(context.arn("kms", "key/\(id)")),
                "description": .string(""), "multi_region": .bool(false),
                "policy": .string(f.nonEmpty("policy").map(PolicyDocuments.normalized) ?? Self.defaultPolicy(context.account)),
                "rotation_period_in_days": .number(f.bool("enable_key_rotation") == true ? 365 : 0),
                "tags_all": tagsAll(planned, context),
            ])
            return try save(v, id: id, token: token, tx: tx, context: context,
                            extra: ["key_state": .string(enabled ? "Enabled" : "Disabled")])
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map { keepingConfigOnly($0, from: state, ["deletion_window_in_days", "bypass_policy_lockout_safety_check"]) }
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.fetch(Self.typeName, id, context),
              o["key_state"]?.stringValue != "PendingDeletion" else { return nil }
        return Build.with(decode(o), ["bypass_policy_lockout_safety_check": .bool(false)])
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: Self.notFound,
                     extra: { ["key_state": .string($0["is_enabled"]?.boolValue == false ? "Disabled" : "Enabled")] }) { _, o, v in
            if o["key_state"]?.stringValue == "PendingDeletion" {
                throw CloudError("KMSInvalidStateException", "\(o["arn"]?.stringValue ?? o.id) is pending deletion.")
            }
            let f = Fields(v)
            try Self.check(f)
            var changes: [String: Value] = ["tags_all": tagsAll(planned, context)]
            if let p = f.nonEmpty("policy") { changes["policy"] = .string(PolicyDocuments.normalized(p)) }
            // Turning rotation on starts the yearly default period; turning it off clears it.
            let rotating = f.bool("enable_key_rotation") == true
            if planned["rotation_period_in_days"]?.isKnown != true {
                changes["rotation_period_in_days"] = .number(rotating ? 365 : 0)
            }
            return Build.with(v, changes)
        }
    }

    /// Schedules the key's deletion: it stays, in state `PendingDeletion`, until the window ends.
    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        let days = state["deletion_window_in_days"]?.intValue ?? 30
        guard (7...30).contains(days) else {
            throw CloudError("ValidationException", "1 validation error detected: Value '\(days)' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value \(days < 7 ? "greater than or equal to 7" : "less than or equal to 30")")
        }
        try context.store.mutate { tx in
            guard var o = object(id, tx, context), o["key_state"]?.stringValue != "PendingDeletion" else { return }
            o.attributes = o.attributes.setting("key_state", .string("PendingDeletion"))
                .setting("deletion_date", .string(DataIDs.timestamp(Double(days) * 86400)))
            try tx.put(o)
        }
    }
}
