import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_secretsmanager_secret_version`: one value of a secret. A new version takes the
/// `AWSCURRENT` stage and the one that had it becomes `AWSPREVIOUS`. Imported by
/// `secret ARN|version ID`.
public struct SecretsManagerSecretVersionResource: StoredResource {
    public static let typeName = "aws_secretsmanager_secret_version"
    public let serviceName = "Secrets Manager Secret Version"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "secret_id": .required(.string, forceNew: true),
        "secret_string": .optional(.string, forceNew: true, sensitive: true),
        "secret_binary": .optional(.string, forceNew: true, sensitive: true),
        "version_id": .computed(.string),
        "version_stages": .optionalComputed(.set(.string)),
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("secret_string", "secret_binary")
        return v.diagnostics
    }

    static func parse(_ id: String) -> (arn: String, version: String)? {
        let parts = id.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }

    /// Moves stages: each stage the new version takes leaves the version that had it, and the
    /// version losing `AWSCURRENT` gets `AWSPREVIOUS`.
    static func restage(_ secretARN: String, newVersion: String, stages: [String], _ tx: CloudTransaction, _ context: AWSContext) throws {
        var hadCurrent: String?
        for var o in Usage.users(tx, typeName, "arn", secretARN, context) where o.id != newVersion {
            var own = (o["version_stages"]?.arrayValue ?? []).compactMap(\.stringValue)
            if stages.contains("AWSCURRENT"), own.contains("AWSCURRENT") { hadCurrent = o.id }
            own.removeAll { stages.contains($0) || (stages.contains("AWSCURRENT") && $0 == "AWSPREVIOUS") }
            o.attributes = o.attributes.setting("version_stages", .array(own.sorted().map(JSON.string)))
            try tx.put(o)
        }
        if let prev = hadCurrent, var o = tx.fetch(typeName, prev, context) {
            let own = (o["version_stages"]?.arrayValue ?? []).compactMap(\.stringValue) + ["AWSPREVIOUS"]
            o.attributes = o.attributes.setting("version_stages", .array(Set(own).sorted().map(JSON.string)))
            try tx.put(o)
        }
    }

    static func liveSecret(_ ref: String, _ tx: CloudTransaction, _ context: AWSContext) throws -> CloudObject {
        guard let secret = SecretsManagerSecretResource.find(ref, tx, context, includingDeleted: true) else {
            throw SecretsManagerSecretResource.notFound(ref)
        }
        if secret["deleted_date"] != nil {
            throw CloudError("InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion.")
        }
        return secret
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let string = f.string("secret_string"), binary = f.string("secret_binary")
        if string == nil && binary == nil {
            throw CloudError("InvalidRequestException", "You must provide either SecretString or SecretBinary.")
        }
        if (string?.utf8.count ?? 0) > 65536 || (binary?.utf8.count ?? 0) > 65536 {
            throw CloudError("ValidationException", "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536")
        }
        return try creating(token, context) { tx in
            let secret = try Self.liveSecret(f.string("secret_id") ?? "", tx, context)
            let arn = secret["arn"]?.stringValue ?? secret.id
            let version = DataIDs.uuid()
            let stages = f.isKnown("version_stages") && !f.strings("version_stages").isEmpty ? f.strings("version_stages") : ["AWSCURRENT"]
            try Self.restage(arn, newVersion: version, stages: stages, tx, context)
            let v = filled(planned, [
                "id": .string("\(arn)|\(version)"), "arn": .string(arn), "version_id": .string(version),
                "version_stages": Build.stringSet(stages),
            ])
            return try save(v, id: version, token: token, tx: tx, context: context)
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context)
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let (arn, version) = Self.parse(id),
              let o = context.store.fetch(Self.typeName, version, context),
              o["arn"]?.stringValue == arn,
              let secret = context.store.fetch(SecretsManagerSecretResource.typeName, arn, context),
              secret["deleted_date"] == nil else { return nil }
        return decode(o)
    }

    /// Only `version_stages` changes in place.
    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        guard let (arn, version) = prior["id"]?.stringValue.flatMap(Self.parse) else {
            throw CloudError("InvalidParameterValue", "missing id")
        }
        let merged = filled(planned, prior.unmarkedDeep.attributes ?? [:])
        return try context.store.mutate { tx in
            _ = try Self.liveSecret(arn, tx, context)
            guard let o = tx.fetch(Self.typeName, version, context) else {
                throw CloudError.notFound("ResourceNotFoundException", "Secrets Manager can't find the specified secret value for VersionId: \(version)")
            }
            let stages = Fields(merged).strings("version_stages")
            try Self.restage(arn, newVersion: version, stages: stages, tx, context)
            return try save(merged, id: version, token: o.token, tx: tx, context: context, keeping: o)
        }
    }

    /// Removes the version's stages, except `AWSCURRENT`, which a secret always keeps on some
    /// version; a version left without stages is gone.
    public func delete(_ state: Value, context: AWSContext) throws {
        guard let (_, version) = state["id"]?.stringValue.flatMap(Self.parse) else { return }
        try context.store.mutate { tx in
            guard var o = tx.fetch(Self.typeName, version, context) else { return }
            let kept = (o["version_stages"]?.arrayValue ?? []).filter { $0 == .string("AWSCURRENT") }
            if kept.isEmpty {
                tx.delete(o)
            } else {
                o.attributes = o.attributes.setting("version_stages", .array(kept))
                try tx.put(o)
            }
        }
    }
}
