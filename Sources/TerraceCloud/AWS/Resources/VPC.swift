import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_vpc`: CIDR between /16 and /28. Creating one also creates, as AWS does, its default
/// security group (named `default`), its main route table and its default network ACL, which
/// go with it; deleting one that still holds anything else fails with `DependencyViolation`.
public struct VPCResource: AWSResource {
    public static let typeName = "aws_vpc"
    public let serviceName = "EC2 VPC"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "assign_generated_ipv6_cidr_block": .optional(.bool),
        "cidr_block": .optionalComputed(.string, forceNew: true),
        "default_network_acl_id": .computed(.string),
        "default_route_table_id": .computed(.string),
        "default_security_group_id": .computed(.string),
        "dhcp_options_id": .computed(.string),
        "enable_dns_hostnames": .optionalComputed(.bool),
        "enable_dns_support": .optional(.bool, default: .bool(true)),
        "enable_network_address_usage_metrics": .optionalComputed(.bool),
        "instance_tenancy": .optional(.string, default: .string("default")),
        "ipv4_ipam_pool_id": .optional(.string, forceNew: true),
        "ipv4_netmask_length": .optional(.number, forceNew: true),
        "ipv6_association_id": .computed(.string),
        "ipv6_cidr_block": .optionalComputed(.string),
        "ipv6_cidr_block_network_border_group": .optionalComputed(.string),
        "ipv6_ipam_pool_id": .optional(.string),
        "ipv6_netmask_length": .optional(.number),
        "main_route_table_id": .computed(.string),
        "owner_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }), version: 1)

    public var rules: [String] {
        [
            "`cidr_block` must be a network address with a prefix between /16 and /28 (`InvalidVpc.Range`).",
            "Creating a VPC creates its default security group, main route table and default network ACL.",
            "Deleting a VPC that still has subnets, internet gateways, security groups, route tables, endpoints or NAT gateways fails (`DependencyViolation`).",
        ]
    }

    public var importID: String { "the VPC ID (`vpc-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidVpcID.NotFound", "The vpc ID '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.cidrNetwork("cidr_block", 16, 28)
        v.oneOf("instance_tenancy", ["default", "dedicated"])
        v.conflicts("cidr_block", "ipv4_netmask_length")
        return v.diags
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        if planned.has("ipv4_ipam_pool_id") {
            throw CloudError("InvalidIpamPoolId.NotFound", "The ipam pool ID '\(planned.str("ipv4_ipam_pool_id") ?? "")' does not exist")
        }
        guard let text = planned.str("cidr_block"), let cidr = CIDR(text), cidr.isCanonical else {
            throw CloudError.invalidParameter("Value (\(planned.str("cidr_block") ?? "")) for parameter cidrBlock is invalid. This is not a valid CIDR block.")
        }
        guard cidr.prefix >= 16 && cidr.prefix <= 28 else {
            throw CloudError("InvalidVpc.Range", "The CIDR '\(text)' is invalid.")
        }
        return try createOnce(token: token, context: context) { tx in
            let id = AWSIDs.ec2("vpc")
            let sg = AWSIDs.ec2("sg"), rtb = AWSIDs.ec2("rtb"), acl = AWSIDs.ec2("acl")
            var fill: [String: Value] = [
                "arn": .string(context.arn("ec2", "vpc/\(id)")),
                "owner_id": .string(context.account),
                "default_security_group_id": .string(sg),
                "default_route_table_id": .string(rtb),
                "main_route_table_id": .string(rtb),
                "default_network_acl_id": .string(acl),
                "dhcp_options_id": .string(AWSIDs.ec2("dopt")),
                "enable_dns_hostnames": .bool(false),
                "enable_network_address_usage_metrics": .bool(false),
                "ipv6_association_id": .string(""),
                "ipv6_cidr_block": .string(""),
                "ipv6_cidr_block_network_border_group": .string(""),
            ]
            if planned.bool("assign_generated_ipv6_cidr_block") == true {
                fill["ipv6_association_id"] = .string(AWSIDs.ec2("vpc-cidr-assoc"))
                fill["ipv6_cidr_block"] = .string("2600:1f18:\(AWSIDs.hex(4)):\(AWSIDs.hex(2))00::/56")
                fill["ipv6_cidr_block_network_border_group"] = .string(context.region)
            }
            let v = try put(planned, id: id, fill: fill, token: token, tx: tx, context: context)
            try SecurityGroupResource.putDefault(id: sg, vpc: id, tx: tx, context: context)
            try RouteTableResource.putMain(id: rtb, vpc: id, tx: tx, context: context)
            try tx.put(CloudObject(kind: "aws_network_acl", id: acl, account: context.account, region: context.region,
                                   attributes: .object([("id", .string(acl)), ("vpc_id", .string(id)), ("default", .bool(true))]),
                                   managedBy: id))
            return v
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            let dependents = tx.referencing(id, account: context.account, region: context.region, kinds: AWSCatalog.vpcDependents)
            if !dependents.isEmpty {
                throw CloudError.dependencyViolation("The vpc '\(id)' has dependencies and cannot be deleted.")
            }
            // Flow logs of the VPC go with it; what it manages (defaults) goes with it.
            for fl in tx.list(FlowLogResource.typeName, account: context.account, region: context.region) where fl["vpc_id"]?.stringValue == id {
                tx.delete(fl)
            }
            remove(o, tx: tx, context: context, cascading: [SecurityGroupResource.typeName, RouteTableResource.typeName, "aws_network_acl"])
        }
    }
}
