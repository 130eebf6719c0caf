import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_kms_alias`: an `alias/…` name for a key; names are unique per account and region and
/// the `alias/aws/` prefix is AWS's own.
public struct KMSAliasResource: StoredResource {
    public static let typeName = "aws_kms_alias"
    public let serviceName = "KMS Alias"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "target_key_arn": .computed(.string),
        "target_key_id": .required(.string),
    ]))

    static func nameProblems(_ key: String, _ value: String) -> [String] {
        var out: [String] = []
        if !Validation.matches(value, "^alias/[a-zA-Z0-9/_-]+$") && !(key == "name_prefix" && value == "alias/") {
            out.append("\"\(key)\" must begin with 'alias/' and be comprised of only [a-zA-Z0-9/_-]")
        }
        if value.hasPrefix("alias/aws/") { out.append("\"\(key)\" cannot begin with reserved AWS CMK prefix 'alias/aws/'") }
        if value.count > 256 { out.append("\"\(key)\" cannot be longer than 256 characters") }
        return out
    }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("name", "name_prefix")
        for key in ["name", "name_prefix"] {
            if let s = config[key]?.stringValue { for p in Self.nameProblems(key, s) { v.fail(p) } }
        }
        return v.diagnostics
    }

    /// The target key, which must exist and not be pending deletion.
    static func target(_ ref: String, _ tx: CloudTransaction, _ context: AWSContext) throws -> CloudObject {
        guard let key = KMSKeyResource.find(ref, tx, context) else {
            throw CloudError.notFound("NotFoundException", "Key '\(ref.hasPrefix("arn:") ? ref : context.arn("kms", "key/\(ref)"))' does not exist")
        }
        if key["key_state"]?.stringValue == "PendingDeletion" {
            throw CloudError("KMSInvalidStateException", "\(key["arn"]?.stringValue ?? ref) is pending deletion.")
        }
        return key
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let name = f.nonEmpty("name") ?? DataIDs.prefixed(f.nonEmpty("name_prefix") ?? "alias/terraform-")
        if let problem = Self.nameProblems("name", name).first {
            throw CloudError("ValidationException", "Alias \(name) is invalid: \(problem)")
        }
        return try creating(token, context) { tx in
            if object(name, tx, context) != nil {
                throw CloudError("AlreadyExistsException", "An alias with the name \(context.arn("kms", name)) already exists")
            }
            let key = try Self.target(f.string("target_key_id") ?? "", tx, context)
            let v = filled(planned, [
                "id": .string(name), "name": .string(name),
                "name_prefix": .string(f.nonEmpty("name") == nil ? (f.nonEmpty("name_prefix") ?? "alias/terraform-") : ""),
                "arn": .string(context.arn("kms", name)),
                "target_key_arn": .string(key["arn"]?.stringValue ?? ""),
            ])
            return try save(v, id: name, token: token, tx: tx, context: context)
        }
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, context: context)
        if let prior = req.prior, r.requiresReplace.isEmpty, r.planned["target_key_id"] != prior["target_key_id"], var a = r.planned.attributes {
            a["target_key_arn"] = .unknown(.string)
            r.planned = .object(a)
        }
        return r
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { CloudError.notFound("NotFoundException", "Alias \(context.arn("kms", $0)) is not found.") }) { tx, _, v in
            let key = try Self.target(Fields(v).string("target_key_id") ?? "", tx, context)
            return Build.with(v, ["target_key_arn": .string(key["arn"]?.stringValue ?? "")])
        }
    }
}
