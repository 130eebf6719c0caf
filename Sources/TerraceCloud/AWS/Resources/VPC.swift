import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_vpc`: CIDR between /16 and /28; creating one also creates its default security group,
/// route table and network ACL; deleting one with subnets fails with `DependencyViolation`.
public struct VPCResource: AWSResource {
    public static let typeName = "aws_vpc"
    public let serviceName = "EC2 VPC"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "cidr_block": .optionalComputed(.string, forceNew: true),
        "instance_tenancy": .optional(.string, forceNew: true, default: .string("default")),
        "enable_dns_support": .optional(.bool, default: .bool(true)),
        "enable_dns_hostnames": .optionalComputed(.bool),
        "enable_network_address_usage_metrics": .optionalComputed(.bool),
        "assign_generated_ipv6_cidr_block": .optional(.bool),
        "default_network_acl_id": .computed(.string),
        "default_route_table_id": .computed(.string),
        "default_security_group_id": .computed(.string),
        "dhcp_options_id": .computed(.string),
        "main_route_table_id": .computed(.string),
        "owner_id": .computed(.string),
        "ipv6_association_id": .computed(.string),
        "ipv6_cidr_block": .optionalComputed(.string),
        "ipv6_cidr_block_network_border_group": .optionalComputed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }), version: 1)

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        guard let text = planned["cidr_block"]?.stringValue, let cidr = CIDR(text), cidr.isCanonical else {
            throw CloudError("InvalidParameterValue", "Value (\(planned["cidr_block"]?.stringValue ?? "")) for parameter cidrBlock is invalid. This is not a valid CIDR block.")
        }
        guard cidr.prefix >= 16 && cidr.prefix <= 28 else {
            throw CloudError("InvalidVpc.Range", "The CIDR '\(text)' is invalid.")
        }
        return try context.store.mutate { tx in
            if let existing = tx.findByToken(Self.typeName, token: token, account: context.account, region: context.region) {
                return decode(existing)
            }
            let id = AWSIDs.ec2("vpc")
            let sg = AWSIDs.ec2("sg"), rtb = AWSIDs.ec2("rtb"), acl = AWSIDs.ec2("acl")
            let v = resolve(planned, [
                "id": .string(id),
                "arn": .string(context.arn("ec2", "vpc/\(id)")),
                "owner_id": .string(context.account),
                "default_security_group_id": .string(sg),
                "default_route_table_id": .string(rtb),
                "main_route_table_id": .string(rtb),
                "default_network_acl_id": .string(acl),
                "dhcp_options_id": .string("dopt-0" + String(id.suffix(16))),
                "enable_dns_hostnames": .bool(false),
                "enable_network_address_usage_metrics": .bool(false),
                "ipv6_association_id": .string(""),
                "ipv6_cidr_block": .string(""),
                "ipv6_cidr_block_network_border_group": .string(""),
                "tags_all": Value(.map([:], element: .string)),
            ])
            try store(v, id: id, token: token, tx: tx, context: context)
            for (kind, oid) in [("default_security_group", sg), ("default_route_table", rtb), ("default_network_acl", acl)] {
                try tx.put(CloudObject(kind: kind, id: oid, account: context.account, region: context.region,
                                       attributes: .object([("id", .string(oid)), ("vpc_id", .string(id))])))
            }
            return v
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: id, account: context.account, region: context.region) else { return }
            for kind in AWSCatalog.vpcDependents {
                if tx.list(kind, account: context.account, region: context.region).contains(where: { $0["vpc_id"]?.stringValue == id }) {
                    throw CloudError("DependencyViolation", "The vpc '\(id)' has dependencies and cannot be deleted.")
                }
            }
            for kind in ["default_security_group", "default_route_table", "default_network_acl"] {
                for d in tx.list(kind, account: context.account, region: context.region) where d["vpc_id"]?.stringValue == id { tx.delete(d) }
            }
            tx.delete(o)
        }
    }
}
