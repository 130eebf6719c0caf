import TerraceBasics
import TerraceLang
import TerraceProviders

/// A rule direction, so ingress and egress rules share one implementation.
public protocol SecurityGroupRuleDirection: Sendable {
    static var name: String { get }
}
public enum IngressDirection: SecurityGroupRuleDirection { public static let name = "ingress" }
public enum EgressDirection: SecurityGroupRuleDirection { public static let name = "egress" }

public typealias VPCSecurityGroupIngressRuleResource = VPCSecurityGroupRuleResource<IngressDirection>
public typealias VPCSecurityGroupEgressRuleResource = VPCSecurityGroupRuleResource<EgressDirection>

/// `aws_vpc_security_group_ingress_rule` and `aws_vpc_security_group_egress_rule`: one
/// EC2 security group rule (`sgr-…`) with a single source. Only `security_group_id` forces
/// replacement; the rest changes in place, as `ModifySecurityGroupRules` allows.
public struct VPCSecurityGroupRuleResource<Direction: SecurityGroupRuleDirection>: AWSResource {
    public static var typeName: String { "aws_vpc_security_group_\(Direction.name)_rule" }
    public var serviceName: String { "VPC Security Group \(Direction.name == "ingress" ? "Ingress" : "Egress") Rule" }
    public init() {}

    public var schema: ResourceSchema {
        ResourceSchema(SchemaBlock(attributes: [
            "id": .computed(.string),
            "arn": .computed(.string),
            "cidr_ipv4": .optional(.string),
            "cidr_ipv6": .optional(.string),
            "description": .optional(.string),
            "from_port": .optional(.number),
            "ip_protocol": .required(.string),
            "prefix_list_id": .optional(.string),
            "referenced_security_group_id": .optional(.string),
            "security_group_id": .required(.string, forceNew: true),
            "security_group_rule_id": .computed(.string),
            "to_port": .optional(.number),
        ].merging(TagSchema.attributes) { a, _ in a }))
    }

    public var rules: [String] {
        [
            "Exactly one source: `cidr_ipv4`, `cidr_ipv6`, `prefix_list_id` or `referenced_security_group_id`.",
            "A referenced group must exist and be in the same VPC as the rule's group (`InvalidGroup.NotFound`).",
            "A rule the group already has is rejected (`InvalidPermission.Duplicate`).",
            "Ports must be a valid range for TCP and UDP.",
        ]
    }

    public var importID: String { "the security group rule ID (`sgr-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var d = Diagnostics()
        let sources = ["cidr_ipv4", "cidr_ipv6", "prefix_list_id", "referenced_security_group_id"]
        let set = sources.filter { !(config[$0]?.isNull ?? true) }
        if set.count != 1 && sources.allSatisfy({ config[$0]?.isKnown ?? true }) {
            d += .error("Invalid Attribute Combination",
                        "Exactly one of these attributes must be configured: [\(sources.joined(separator: ","))]")
        }
        if let c = config.str("cidr_ipv4"), CIDR(c)?.isCanonical != true {
            d += .error("Invalid Attribute Value", "Attribute cidr_ipv4 value must be a valid IPv4 CIDR network, got: \(c)")
        }
        return d
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let p = config.str("ip_protocol") { config = config.with("ip_protocol", .string(SecurityGroupRules.normalizeProtocol(p))) }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }

    /// Checks the rule against the group's others (leaving out `excluding`, the rule itself).
    func check(_ v: Value, tx: CloudTransaction, context: AWSContext, excluding: String?) throws {
        let group = v.str("security_group_id") ?? ""
        guard let sg = tx.get(SecurityGroupResource.typeName, id: group, account: context.account, region: context.region) else {
            throw SecurityGroupResource().notFound(group)
        }
        guard let p = SecurityGroupRules.permission(vpcRule: v, direction: Direction.name) else {
            throw CloudError("MissingParameter", "One of cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id must be specified.")
        }
        try SecurityGroupRules.checkPorts(p)
        if SecurityGroupRules.currentPermissions(of: group, tx: tx, context: context, excluding: excluding).contains(p) {
            throw Permission.duplicate(p)
        }
        try SecurityGroupRules.checkReferences([p], group: group, vpc: sg["vpc_id"]?.stringValue, tx: tx, context: context)
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            try check(planned, tx: tx, context: context, excluding: nil)
            let id = AWSIDs.ec2("sgr")
            return try put(planned, id: id, fill: [
                "arn": .string(context.arn("ec2", "security-group-rule/\(id)")),
                "security_group_rule_id": .string(id),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
        try check(v, tx: tx, context: context, excluding: stored.id)
        return v
    }
}
