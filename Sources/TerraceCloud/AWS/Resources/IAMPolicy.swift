import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_iam_policy` (global): a customer managed policy. The document must be an identity
/// policy IAM accepts, at most 6,144 characters; names are unique; a policy still attached
/// cannot be deleted. The ID is the ARN.
public struct IAMPolicyResource: AWSResource {
    public static let typeName = "aws_iam_policy"
    public let serviceName = "IAM Policy"
    public static var isGlobal: Bool { true }
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "attachment_count": .computed(.number),
        "description": .optional(.string, forceNew: true),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "path": .optional(.string, forceNew: true, default: .string("/")),
        "policy": .required(.string),
        "policy_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }))

    public var rules: [String] {
        [
            "`policy` must be an identity policy: valid JSON, statements with `Effect`, vendor-prefixed actions and resources, no principal (`MalformedPolicyDocument`), at most 6,144 characters (`LimitExceeded`).",
            "Names are unique in the account (`EntityAlreadyExists`); `path` begins and ends with `/`.",
            "Deleting a policy attached to a role fails (`DeleteConflict`).",
        ]
    }

    public var importID: String { "the policy ARN" }

    public func notFound(_ id: String) -> CloudError { .notFound("NoSuchEntity", "Policy \(id) does not exist or is not attachable.") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        IAM.validateName(&v, "name", max: 128)
        v.conflicts("name", "name_prefix")
        v.json("policy", policy: true)
        v.length("description", 0, 1000)
        return v.diags
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let p = config.str("policy"), let prior = req.prior?.str("policy"), PolicyJSON.equivalent(p, prior) {
            config = config.with("policy", .string(prior))
        }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    static func check(_ policy: String) throws {
        if let e = PolicyJSON.malformed(policy, kind: .identity) { throw e }
        let size = policy.filter { !$0.isWhitespace }.count
        if size > 6144 { throw CloudError("LimitExceeded", "Cannot exceed quota for PolicySize: 6144") }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let name = planned.str("name") ?? AWSIDs.uniqueName(prefix: planned.str("name_prefix") ?? "terraform-")
        let path = planned.str("path") ?? "/"
        try IAM.checkPath(path)
        try Self.check(planned.str("policy") ?? "")
        return try createOnce(token: token, context: context) { tx in
            let arn = context.accountARN("iam", "policy\(path)\(name)")
            if tx.list(Self.typeName, account: context.account, region: context.region).contains(where: { $0["name"]?.stringValue == name }) {
                throw CloudError("EntityAlreadyExists", "A policy called \(name) already exists. Duplicate names are not allowed.")
            }
            return try put(planned, id: arn, fill: [
                "arn": .string(arn), "name": .string(name), "name_prefix": .string(planned.str("name_prefix") ?? ""),
                "policy_id": .string("ANPA" + AWSIDs.upperAlphanumeric(17)), "attachment_count": .number(0),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        try Self.check(planned.str("policy") ?? "")
        return withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
    }

    /// The policy with the number of roles it is attached to now.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        let count = context.store.list(IAMRolePolicyAttachmentResource.typeName, account: context.account, region: context.region)
            .filter { $0["policy_arn"]?.stringValue == id }.count
        return decode(o).with("attachment_count", .number(count))
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            let attached = tx.list(IAMRolePolicyAttachmentResource.typeName, account: context.account, region: context.region)
                .contains { $0["policy_arn"]?.stringValue == id }
                || tx.list(IAMRoleResource.typeName, account: context.account, region: context.region).contains { $0.refers(to: id) }
            if attached { throw CloudError("DeleteConflict", "Cannot delete a policy attached to entities.") }
            tx.delete(o)
        }
    }
}
