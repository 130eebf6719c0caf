import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_sns_topic_subscription`: a subscription of an existing topic, with an endpoint of
/// the protocol's kind; e-mail and HTTP endpoints wait for confirmation.
public struct SNSTopicSubscriptionResource: StoredResource {
    public static let typeName = "aws_sns_topic_subscription"
    public let serviceName = "SNS Topic Subscription"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "confirmation_timeout_in_minutes": .optional(.number, default: .number(1)),
        "confirmation_was_authenticated": .computed(.bool),
        "delivery_policy": .optional(.string),
        "endpoint": .required(.string, forceNew: true),
        "endpoint_auto_confirms": .optional(.bool, default: .bool(false)),
        "filter_policy": .optional(.string),
        "filter_policy_scope": .optionalComputed(.string),
        "owner_id": .computed(.string),
        "pending_confirmation": .computed(.bool),
        "protocol": .required(.string, forceNew: true),
        "raw_message_delivery": .optional(.bool, default: .bool(false)),
        "redrive_policy": .optional(.string),
        "replay_policy": .optional(.string),
        "subscription_role_arn": .optional(.string),
        "topic_arn": .required(.string, forceNew: true),
    ]))

    static let protocols = ["application", "email", "email-json", "firehose", "http", "https", "lambda", "sms", "sqs"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.oneOf("protocol", Self.protocols)
        v.oneOf("filter_policy_scope", ["MessageAttributes", "MessageBody"])
        v.arn("topic_arn")
        for key in ["delivery_policy", "filter_policy", "redrive_policy", "replay_policy"] {
            if let p = config[key]?.stringValue, !p.isEmpty, PolicyDocuments.parse(p) == nil { v.fail("\"\(key)\" contains an invalid JSON") }
        }
        return v.diagnostics
    }

    static func invalid(_ what: String) -> CloudError { CloudError("InvalidParameter", "Invalid parameter: \(what)") }

    static func check(_ f: Fields) throws {
        let proto = f.string("protocol") ?? "", endpoint = f.string("endpoint") ?? ""
        switch proto {
        case "email", "email-json":
            if !Validation.matches(endpoint, "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") { throw invalid("Email address") }
        case "http", "https":
            if !endpoint.hasPrefix("\(proto)://") { throw invalid("Endpoint must match the specified protocol") }
        case "sqs":
            if !endpoint.hasPrefix("arn:aws:sqs:") { throw invalid("SQS endpoint ARN") }
        case "lambda":
            if !endpoint.hasPrefix("arn:aws:lambda:") { throw invalid("Lambda endpoint ARN") }
        case "firehose":
            if !endpoint.hasPrefix("arn:aws:firehose:") { throw invalid("Firehose endpoint ARN") }
            if f.nonEmpty("subscription_role_arn") == nil { throw invalid("Invalid parameter: SubscriptionRoleArn is required for the firehose protocol") }
        case "sms":
            if !Validation.matches(endpoint, "^\\+?[0-9]{7,15}$") { throw invalid("SMS endpoint") }
        case "application":
            if !endpoint.hasPrefix("arn:aws:sns:") { throw invalid("Application endpoint ARN") }
        default:
            throw invalid("Amazon SNS does not support this protocol: \(proto)")
        }
        if f.bool("raw_message_delivery") == true && !["sqs", "http", "https", "firehose"].contains(proto) {
            throw invalid("Attributes Reason: Delivery protocol [\(proto)] does not support raw message delivery.")
        }
        for key in ["filter_policy", "delivery_policy", "redrive_policy", "replay_policy"] {
            if let p = f.nonEmpty(key), PolicyDocuments.parse(p) == nil {
                throw invalid("Attributes Reason: \(key) is not valid JSON")
            }
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        try Self.check(f)
        return try creating(token, context) { tx in
            let topic = f.string("topic_arn") ?? ""
            guard tx.fetch(SNSTopicResource.typeName, topic, context) != nil else {
                throw CloudError.notFound("NotFound", "Topic does not exist")
            }
            let arn = "\(topic):\(DataIDs.uuid())"
            let proto = f.string("protocol") ?? ""
            let confirms = ["email", "email-json", "http", "https"].contains(proto) && f.bool("endpoint_auto_confirms") != true
            let v = filled(planned, [
                "id": .string(arn), "arn": .string(arn), "owner_id": .string(context.account),
                "pending_confirmation": .bool(confirms), "confirmation_was_authenticated": .bool(!confirms),
                "filter_policy_scope": .string(f.nonEmpty("filter_policy") != nil ? "MessageAttributes" : ""),
            ])
            return try save(v, id: arn, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { _ in CloudError.notFound("NotFound", "Subscription does not exist") }) { _, _, v in
            try Self.check(Fields(v))
            return v
        }
    }
}
