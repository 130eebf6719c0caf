import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_cloudwatch_log_group`: retention is one of the periods CloudWatch Logs offers; names
/// of allowed characters, unique per account and region.
public struct CloudWatchLogGroupResource: StoredResource {
    public static let typeName = "aws_cloudwatch_log_group"
    public let serviceName = "CloudWatch Logs Log Group"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "kms_key_id": .optional(.string),
        "log_group_class": .optionalComputed(.string, forceNew: true),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "retention_in_days": .optional(.number, default: .number(0)),
        "skip_destroy": .optional(.bool, default: .bool(false)),
    ].merging(TagSchema.attributes) { a, _ in a }))

    /// The retention periods CloudWatch Logs accepts (0 keeps events forever).
    public static let retentionDays = [0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("name", "name_prefix")
        v.oneOf("retention_in_days", Self.retentionDays)
        v.oneOf("log_group_class", ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"])
        for key in ["name", "name_prefix"] {
            if let s = config[key]?.stringValue {
                if !Validation.matches(s, "^[\\.\\-_/#A-Za-z0-9]+$") {
                    v.fail("only alphanumeric characters, underscores, hyphens, slashes, hash signs and dots are allowed in \"\(key)\"")
                }
                if s.count > (key == "name" ? 512 : 483) { v.fail("\"\(key)\" cannot be longer than \(key == "name" ? 512 : 483) characters") }
            }
        }
        v.arn("kms_key_id")
        return v.diagnostics
    }

    static func check(_ f: Fields, _ tx: CloudTransaction, _ context: AWSContext, name: String) throws {
        if let days = f.int("retention_in_days"), days != 0, !retentionDays.contains(days) {
            throw CloudError("InvalidParameterException", "1 validation error detected: Value '\(days)' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [\(retentionDays.dropFirst().map(String.init).joined(separator: ", "))]")
        }
        if let key = f.nonEmpty("kms_key_id"), KMSKeyResource.find(key, tx, context) == nil {
            throw CloudError("AccessDeniedException", "The specified KMS key does not exist or is not allowed to be used with Arn '\(context.arn("logs", "log-group:\(name)"))'")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let (name, prefix) = Naming.settle(f)
        guard (1...512).contains(name.count), Validation.matches(name, "^[\\.\\-_/#A-Za-z0-9]+$") else {
            throw CloudError("InvalidParameterException", "1 validation error detected: Value '\(name)' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+")
        }
        if name.lowercased().hasPrefix("aws/") {
            throw CloudError("InvalidParameterException", "Log groups starting with AWS/ are reserved for AWS.")
        }
        return try creating(token, context) { tx in
            if object(name, tx, context) != nil {
                throw CloudError("ResourceAlreadyExistsException", "The specified log group already exists")
            }
            try Self.check(f, tx, context, name: name)
            let v = filled(planned, [
                "id": .string(name), "name": .string(name), "name_prefix": .string(prefix),
                "arn": .string(context.arn("logs", "log-group:\(name)")), "log_group_class": .string("STANDARD"),
                "tags_all": tagsAll(planned, context),
            ])
            return try save(v, id: name, token: token, tx: tx, context: context)
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map { keepingConfigOnly($0, from: state, ["skip_destroy"]) }
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        context.store.fetch(Self.typeName, id, context).map { Build.with(decode($0), ["skip_destroy": .bool(false)]) }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { _ in
            CloudError.notFound("ResourceNotFoundException", "The specified log group does not exist.")
        }) { tx, o, v in
            try Self.check(Fields(v), tx, context, name: o["name"]?.stringValue ?? "")
            return Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }

    /// `skip_destroy` leaves the group (and its events) in the account.
    public func delete(_ state: Value, context: AWSContext) throws {
        guard state["skip_destroy"]?.boolValue != true, let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            if let o = object(id, tx, context) { tx.delete(o) }
        }
    }
}
