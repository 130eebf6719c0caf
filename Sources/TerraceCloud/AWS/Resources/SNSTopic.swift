import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_sns_topic`: names of letters, digits, hyphens and underscores (FIFO ones end in
/// `.fifo`); creating a topic that exists with the same settings returns it, as SNS does;
/// deleting a topic deletes its subscriptions.
public struct SNSTopicResource: StoredResource {
    public static let typeName = "aws_sns_topic"
    public let serviceName = "SNS Topic"
    public init() {}

    static let feedback = ["application", "firehose", "http", "lambda", "sqs"]

    public let schema: ResourceSchema = {
        var attrs: [String: SchemaAttribute] = [
            "id": .computed(.string),
            "arn": .computed(.string),
            "archive_policy": .optional(.string),
            "beginning_archive_time": .computed(.string),
            "content_based_deduplication": .optional(.bool, default: .bool(false)),
            "delivery_policy": .optional(.string),
            "display_name": .optional(.string),
            "fifo_throughput_scope": .optionalComputed(.string),
            "fifo_topic": .optional(.bool, forceNew: true, default: .bool(false)),
            "kms_master_key_id": .optional(.string),
            "name": .optionalComputed(.string, forceNew: true),
            "name_prefix": .optionalComputed(.string, forceNew: true),
            "owner": .computed(.string),
            "policy": .optionalComputed(.string),
            "signature_version": .optionalComputed(.number),
            "tracing_config": .optionalComputed(.string),
        ]
        for p in feedback {
            attrs["\(p)_failure_feedback_role_arn"] = .optional(.string)
            attrs["\(p)_success_feedback_role_arn"] = .optional(.string)
            attrs["\(p)_success_feedback_sample_rate"] = .optional(.number)
        }
        return ResourceSchema(SchemaBlock(attributes: attrs.merging(TagSchema.attributes) { a, _ in a }))
    }()

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("name", "name_prefix")
        v.oneOf("tracing_config", ["PassThrough", "Active"])
        v.oneOf("signature_version", [1, 2])
        for p in Self.feedback { v.between("\(p)_success_feedback_sample_rate", 0...100) }
        for key in ["policy", "delivery_policy", "archive_policy"] {
            if let p = config[key]?.stringValue, !p.isEmpty, PolicyDocuments.parse(p) == nil { v.fail("\"\(key)\" contains an invalid JSON") }
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, context: context)
        guard var attrs = r.planned.attributes else { return r }
        PolicyDocuments.keepEquivalent(&attrs, prior: req.prior, ["policy", "delivery_policy", "archive_policy"])
        r.planned = .object(attrs)
        return r
    }

    static func checkName(_ name: String, fifo: Bool) throws {
        if fifo {
            guard name.hasSuffix(".fifo"), Validation.matches(name, "^[A-Za-z0-9_-]{1,251}\\.fifo$") else {
                throw CloudError("InvalidParameter", "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.")
            }
        } else if !Validation.matches(name, "^[A-Za-z0-9_-]{1,256}$") {
            throw CloudError("InvalidParameter", "Invalid parameter: Topic Name")
        }
    }

    static func defaultPolicy(_ arn: String, account: String) -> String {
        PolicyDocuments.normalized("""
        {"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"\(arn)","Condition":{"StringEquals":{"AWS:SourceOwner":"\(account)"}}}]}
        """)
    }

    static func check(_ f: Fields, _ tx: CloudTransaction, _ context: AWSContext) throws {
        if f.bool("content_based_deduplication") == true && f.bool("fifo_topic") != true {
            throw CloudError("InvalidParameter", "Invalid parameter: ContentBasedDeduplication Reason: Content-based deduplication can only be set for FIFO topics")
        }
        for key in ["policy", "delivery_policy", "archive_policy"] {
            if let p = f.nonEmpty(key), PolicyDocuments.parse(p) == nil {
                throw CloudError("InvalidParameter", "Invalid parameter: \(key == "policy" ? "Policy" : key == "delivery_policy" ? "DeliveryPolicy" : "ArchivePolicy") Error: failed to parse JSON.")
            }
        }
        if f.nonEmpty("archive_policy") != nil && f.bool("fifo_topic") != true {
            throw CloudError("InvalidParameter", "Invalid parameter: Attributes Reason: ArchivePolicy is only supported for FIFO topics")
        }
        if let key = f.nonEmpty("kms_master_key_id"), !key.hasPrefix("alias/aws/"), KMSKeyResource.find(key, tx, context) == nil {
            throw CloudError("InvalidParameter", "Invalid parameter: KmsMasterKeyId Reason: KMS key \(key) not found")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let fifo = f.bool("fifo_topic") == true
        var (name, prefix) = Naming.settle(f)
        if fifo && f.nonEmpty("name") == nil { name += ".fifo" }
        try Self.checkName(name, fifo: fifo)
        let arn = context.arn("sns", name)
        return try creating(token, context) { tx in
            try Self.check(f, tx, context)
            if let existing = object(arn, tx, context) {
                // CreateTopic is idempotent for the same name and settings.
                let current = Fields(decode(existing))
                if current.map("tags") != f.map("tags") {
                    throw CloudError("InvalidParameter", "Invalid parameter: Tags Reason: Topic already exists with different tags")
                }
                if current.bool("fifo_topic") != fifo {
                    throw CloudError("InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different attributes")
                }
            }
            let v = filled(planned, [
                "id": .string(arn), "arn": .string(arn), "name": .string(name), "name_prefix": .string(prefix),
                "owner": .string(context.account), "signature_version": .number(1), "tracing_config": .string("PassThrough"),
                "policy": .string(f.nonEmpty("policy").map(PolicyDocuments.normalized) ?? Self.defaultPolicy(arn, account: context.account)),
                "fifo_throughput_scope": .string(fifo ? "Topic" : ""), "tags_all": tagsAll(planned, context),
            ])
            return try save(v, id: arn, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { _ in CloudError.notFound("NotFound", "Topic does not exist") }) { tx, _, v in
            let f = Fields(v)
            try Self.check(f, tx, context)
            var changes: [String: Value] = ["tags_all": tagsAll(planned, context)]
            if let p = f.nonEmpty("policy") { changes["policy"] = .string(PolicyDocuments.normalized(p)) }
            return Build.with(v, changes)
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let arn = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(arn, tx, context) else { return }
            for s in Usage.users(tx, SNSTopicSubscriptionResource.typeName, "topic_arn", arn, context) { tx.delete(s) }
            tx.delete(o)
        }
    }
}
