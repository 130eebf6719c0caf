import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_secretsmanager_secret_rotation`: rotation of a live secret every 1–1000 days or on a
/// schedule; imported by the secret's ARN.
public struct SecretsManagerSecretRotationResource: StoredResource {
    public static let typeName = "aws_secretsmanager_secret_rotation"
    public let serviceName = "Secrets Manager Secret Rotation"
    public init() {}

    static let rulesBlock = NestedBlock(.list, SchemaBlock(attributes: [
        "automatically_after_days": .optional(.number),
        "duration": .optional(.string),
        "schedule_expression": .optional(.string),
    ]), minItems: 1, maxItems: 1)

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "secret_id": .required(.string, forceNew: true),
        "rotation_enabled": .computed(.bool),
        "rotation_lambda_arn": .optional(.string),
        "rotate_immediately": .optional(.bool, default: .bool(true)),
    ], blockTypes: ["rotation_rules": rulesBlock]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.arn("rotation_lambda_arn")
        for r in Fields(config).blocks("rotation_rules") {
            if let d = r.int("automatically_after_days"), !(1...1000).contains(d) {
                v.fail("expected rotation_rules.0.automatically_after_days to be in the range (1 - 1000), got \(d)")
            }
            if r.int("automatically_after_days") != nil && r.string("schedule_expression") != nil {
                v.fail("Conflicting configuration arguments: \"rotation_rules.0.automatically_after_days\": conflicts with rotation_rules.0.schedule_expression")
            }
            if let d = r.string("duration"), !Validation.matches(d, "^[0-9]{1,2}h$") {
                v.fail("invalid value for rotation_rules.0.duration (must be between 1h and 24h)")
            }
        }
        return v.diagnostics
    }

    static func check(_ f: Fields) throws {
        guard let rules = f.block("rotation_rules") else {
            throw CloudError("InvalidParameterException", "You must specify a rotation schedule.")
        }
        let days = rules.int("automatically_after_days"), schedule = rules.nonEmpty("schedule_expression")
        if days == nil && schedule == nil {
            throw CloudError("InvalidParameterException", "You must specify either AutomaticallyAfterDays or ScheduleExpression.")
        }
        if let days, !(1...1000).contains(days) {
            throw CloudError("InvalidParameterException", "The AutomaticallyAfterDays value must be between 1 and 1000 days (inclusive).")
        }
        if let s = schedule, !(s.hasPrefix("rate(") || s.hasPrefix("cron(")) || !s.hasSuffix(")") {
            throw CloudError("InvalidParameterException", "The schedule expression \(s) is not valid. Use rate() or cron().")
        }
        if let lambda = f.nonEmpty("rotation_lambda_arn"), !lambda.hasPrefix("arn:aws:lambda:") {
            throw CloudError("InvalidParameterException", "The rotation Lambda function ARN \(lambda) is not valid.")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        try Self.check(f)
        return try creating(token, context) { tx in
            let secret = try SecretsManagerSecretVersionResource.liveSecret(f.string("secret_id") ?? "", tx, context)
            let arn = secret["arn"]?.stringValue ?? secret.id
            if let existing = object(arn, tx, context), existing["rotation_enabled"]?.boolValue == true {
                throw CloudError("InvalidRequestException", "A previous rotation isn't complete. That rotation will be reattempted.")
            }
            let v = filled(planned, ["id": .string(arn), "rotation_enabled": .bool(true)])
            return try save(v, id: arn, token: token, tx: tx, context: context)
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map { keepingConfigOnly($0, from: state, ["rotate_immediately"]) }
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.fetch(Self.typeName, id, context),
              let secret = context.store.fetch(SecretsManagerSecretResource.typeName, id, context),
              secret["deleted_date"] == nil else { return nil }
        return Build.with(decode(o), ["rotate_immediately": .bool(true)])
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: SecretsManagerSecretResource.notFound) { _, _, v in
            try Self.check(Fields(v))
            return v
        }
    }
}
