import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_iam_role_policy` (global): an inline policy of a role. The ID is `ROLE:NAME`.
public struct IAMRolePolicyResource: AWSResource {
    public static let typeName = "aws_iam_role_policy"
    public let serviceName = "IAM Role Policy"
    public static var isGlobal: Bool { true }
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "policy": .required(.string),
        "role": .required(.string, forceNew: true),
    ]))

    public var rules: [String] {
        [
            "The role must exist (`NoSuchEntity`); the policy must be an identity policy IAM accepts (`MalformedPolicyDocument`).",
            "A role's inline policies total at most 10,240 characters (`LimitExceeded`).",
        ]
    }

    public var importID: String { "`ROLE:POLICY_NAME`" }

    public func notFound(_ id: String) -> CloudError { .notFound("NoSuchEntity", "The role policy with name \(id) cannot be found.") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        IAM.validateName(&v, "name", max: 128)
        v.conflicts("name", "name_prefix")
        v.json("policy", policy: true)
        return v.diags
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let p = config.str("policy"), let prior = req.prior?.str("policy"), PolicyJSON.equivalent(p, prior) {
            config = config.with("policy", .string(prior))
        }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext, existing: String?) throws {
        let role = v.str("role") ?? ""
        guard tx.get(IAMRoleResource.typeName, id: role, account: context.account, region: context.region) != nil else {
            throw IAMRoleResource().notFound(role)
        }
        let policy = v.str("policy") ?? ""
        if let e = PolicyJSON.malformed(policy, kind: .identity) { throw e }
        let others = tx.list(Self.typeName, account: context.account, region: context.region)
            .filter { $0["role"]?.stringValue == role && $0.id != existing }
            .reduce(0) { $0 + ($1["policy"]?.stringValue?.filter { !$0.isWhitespace }.count ?? 0) }
        if others + policy.filter({ !$0.isWhitespace }).count > 10240 {
            throw CloudError("LimitExceeded", "Maximum policy size of 10240 bytes exceeded for role \(role)")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let name = planned.str("name") ?? AWSIDs.uniqueName(prefix: planned.str("name_prefix") ?? "terraform-")
        return try createOnce(token: token, context: context) { tx in
            let id = "\(planned.str("role") ?? ""):\(name)"
            try check(planned, tx: tx, context: context, existing: id)
            return try put(planned, id: id, fill: ["name": .string(name), "name_prefix": .string(planned.str("name_prefix") ?? "")],
                           token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = resolve(planned, decode(stored).attributes ?? [:])
        try check(v, tx: tx, context: context, existing: stored.id)
        return v
    }
}
