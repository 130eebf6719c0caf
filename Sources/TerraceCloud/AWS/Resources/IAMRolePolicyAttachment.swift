import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_iam_role_policy_attachment` (global): a managed policy attached to a role. The ID is
/// the role name and a unique suffix; import takes `ROLE/POLICY_ARN`.
public struct IAMRolePolicyAttachmentResource: AWSResource {
    public static let typeName = "aws_iam_role_policy_attachment"
    public let serviceName = "IAM Role Policy Attachment"
    public static var isGlobal: Bool { true }
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "policy_arn": .required(.string, forceNew: true),
        "role": .required(.string, forceNew: true),
    ]))

    public var rules: [String] {
        [
            "The role and the policy (AWS managed or the account's) must exist (`NoSuchEntity`).",
            "A role has at most 10 managed policies (`LimitExceeded`).",
        ]
    }

    public var importID: String { "`ROLE/POLICY_ARN`" }

    public func notFound(_ id: String) -> CloudError { .notFound("NoSuchEntity", "The attachment \(id) cannot be found.") }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let role = planned.str("role") ?? "", arn = planned.str("policy_arn") ?? ""
        return try createOnce(token: token, context: context) { tx in
            guard tx.get(IAMRoleResource.typeName, id: role, account: context.account, region: context.region) != nil else {
                throw IAMRoleResource().notFound(role)
            }
            guard IAM.policyExists(arn, tx: tx, context: context) else {
                throw CloudError("NoSuchEntity", "Policy \(arn) does not exist or is not attachable.")
            }
            let attached = tx.list(Self.typeName, account: context.account, region: context.region).filter { $0["role"]?.stringValue == role }
            if let same = attached.first(where: { $0["policy_arn"]?.stringValue == arn }) {
                // Attaching again changes nothing, as IAM's AttachRolePolicy.
                return decode(same)
            }
            if attached.count >= 10 { throw CloudError("LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10") }
            return try put(planned, id: AWSIDs.uniqueName(prefix: "\(role)-"), fill: [:], token: token, tx: tx, context: context)
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? { readStored(state, context: context) }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let slash = id.firstIndex(of: "/") else {
            throw CloudError.invalidParameter("unexpected format for ID (\(id)), expected <role-name>/<policy_arn>")
        }
        let role = String(id[..<slash]), arn = String(id[id.index(after: slash)...])
        guard let o = context.store.list(Self.typeName, account: context.account, region: context.region)
            .first(where: { $0["role"]?.stringValue == role && $0["policy_arn"]?.stringValue == arn }) else { return nil }
        return decode(o)
    }
}
