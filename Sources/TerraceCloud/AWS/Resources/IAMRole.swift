import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_iam_role` (global): a trust policy IAM accepts, a unique name, and the policies it
/// carries. Like the provider, deleting it first removes the inline and managed policies its
/// state lists; anything else still attached makes the delete fail with `DeleteConflict`.
public struct IAMRoleResource: AWSResource {
    public static let typeName = "aws_iam_role"
    public let serviceName = "IAM Role"
    public static var isGlobal: Bool { true }
    public init() {}

    static let inlinePolicy = SchemaBlock(attributes: [
        "name": .optional(.string),
        "policy": .optional(.string),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "assume_role_policy": .required(.string),
        "create_date": .computed(.string),
        "description": .optional(.string),
        "force_detach_policies": .optional(.bool, default: .bool(false)),
        "managed_policy_arns": .optionalComputed(.set(.string)),
        "max_session_duration": .optional(.number, default: .number(3600)),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "path": .optional(.string, forceNew: true, default: .string("/")),
        "permissions_boundary": .optional(.string),
        "unique_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "inline_policy": NestedBlock(.set, inlinePolicy),
    ]))

    public var computedBlocks: Set<String> { ["inline_policy"] }

    public var rules: [String] {
        [
            "`name` is 1 to 64 characters of `[\\w+=,.@-]`, unique in the account (`EntityAlreadyExists`); `path` begins and ends with `/`.",
            "`assume_role_policy` must be a trust policy: valid JSON, statements with `Effect`, actions and a principal, no resources (`MalformedPolicyDocument`); service principals end in `.amazonaws.com` and role principals exist.",
            "`max_session_duration` is 3600 to 43200 seconds; managed policy ARNs must exist.",
            "Deleting a role with policies its state does not list fails (`DeleteConflict`).",
        ]
    }

    public var importID: String { "the role name" }

    public func notFound(_ id: String) -> CloudError { .notFound("NoSuchEntity", "The role with name \(id) cannot be found.") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        IAM.validateName(&v, "name", max: 64)
        v.length("name_prefix", 1, 38)
        v.conflicts("name", "name_prefix")
        v.between("max_session_duration", 3600, 43200)
        v.json("assume_role_policy", policy: true)
        v.length("description", 0, 1000)
        return v.diags
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let p = config.str("assume_role_policy"), let prior = req.prior?.str("assume_role_policy"), PolicyJSON.equivalent(p, prior) {
            config = config.with("assume_role_policy", .string(prior))
        }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext) throws {
        let policy = v.str("assume_role_policy") ?? ""
        if let e = PolicyJSON.malformed(policy, kind: .trust) { throw e }
        try IAM.checkPrincipals(policy, tx: tx, context: context)
        for arn in v.strings("managed_policy_arns") where !IAM.policyExists(arn, tx: tx, context: context) {
            throw CloudError("NoSuchEntity", "Policy \(arn) does not exist or is not attachable.")
        }
        for p in v.items("inline_policy") {
            if let text = p.str("policy"), !text.isEmpty, let e = PolicyJSON.malformed(text, kind: .identity) { throw e }
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let name = planned.str("name") ?? AWSIDs.uniqueName(prefix: planned.str("name_prefix") ?? "terraform-")
        let path = planned.str("path") ?? "/"
        try IAM.checkPath(path)
        return try createOnce(token: token, context: context) { tx in
            if object(name, tx: tx, context: context) != nil {
                throw CloudError("EntityAlreadyExists", "Role with name \(name) already exists.")
            }
            try check(planned, tx: tx, context: context)
            return try put(planned, id: name, fill: [
                "id": .string(name), "name": .string(name), "name_prefix": .string(planned.str("name_prefix") ?? ""),
                "arn": .string(context.accountARN("iam", "role\(path)\(name)")),
                "create_date": .string(AWSIDs.timestamp()),
                "unique_id": .string("AROA" + AWSIDs.upperAlphanumeric(17)),
                "managed_policy_arns": .stringSet([]),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
        try check(v, tx: tx, context: context)
        return v
    }

    /// The role with the policies attached to it by other resources.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        let v = decode(o)
        let attachments = context.store.list(IAMRolePolicyAttachmentResource.typeName, account: context.account, region: context.region)
            .filter { $0["role"]?.stringValue == id }.compactMap { $0["policy_arn"]?.stringValue }
        let inline = context.store.list(IAMRolePolicyResource.typeName, account: context.account, region: context.region)
            .filter { $0["role"]?.stringValue == id }
            .map { Value.object(["name": .string($0["name"]?.stringValue ?? ""), "policy": .string($0["policy"]?.stringValue ?? "")]) }
        return v.with("managed_policy_arns", .stringSet(Array(Set(v.strings("managed_policy_arns") + attachments))))
            .with("inline_policy", .blockSet(v.items("inline_policy") + inline, Self.inlinePolicy))
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        guard let o = context.store.list(Self.typeName, account: context.account, region: context.region).first(where: { $0.token == token }) else { return nil }
        return try? importByID(o.id, context: context)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        let force = state.bool("force_detach_policies") == true
        let listedManaged = Set(state.strings("managed_policy_arns"))
        let listedInline = Set(state.items("inline_policy").compactMap { $0.str("name") })
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            let attachments = tx.list(IAMRolePolicyAttachmentResource.typeName, account: context.account, region: context.region)
                .filter { $0["role"]?.stringValue == id }
            let inline = tx.list(IAMRolePolicyResource.typeName, account: context.account, region: context.region)
                .filter { $0["role"]?.stringValue == id }
            if !force && attachments.contains(where: { !listedManaged.contains($0["policy_arn"]?.stringValue ?? "") }) {
                throw CloudError("DeleteConflict", "Cannot delete entity, must detach all policies first.")
            }
            if !force && inline.contains(where: { !listedInline.contains($0["name"]?.stringValue ?? "") }) {
                throw CloudError("DeleteConflict", "Cannot delete entity, must delete policies first.")
            }
            for a in attachments + inline { tx.delete(a) }
            tx.delete(o)
        }
    }
}
