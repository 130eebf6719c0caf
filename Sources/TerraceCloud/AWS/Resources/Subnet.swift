import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_subnet`: inside its VPC's CIDR, not overlapping a sibling, /16 to /28, in an AZ of the
/// region; cannot be deleted while network interfaces (NAT gateways, load balancers, ECS
/// tasks, endpoints, databases) use it.
public struct SubnetResource: AWSResource {
    public static let typeName = "aws_subnet"
    public let serviceName = "EC2 Subnet"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "assign_ipv6_address_on_creation": .optional(.bool, default: .bool(false)),
        "availability_zone": .optionalComputed(.string, forceNew: true),
        "availability_zone_id": .optionalComputed(.string, forceNew: true),
        "cidr_block": .optional(.string, forceNew: true),
        "customer_owned_ipv4_pool": .optional(.string),
        "enable_dns64": .optional(.bool, default: .bool(false)),
        "enable_lni_at_device_index": .optional(.number),
        "enable_resource_name_dns_a_record_on_launch": .optional(.bool, default: .bool(false)),
        "enable_resource_name_dns_aaaa_record_on_launch": .optional(.bool, default: .bool(false)),
        "ipv6_cidr_block": .optionalComputed(.string),
        "ipv6_cidr_block_association_id": .computed(.string),
        "ipv6_native": .optional(.bool, forceNew: true, default: .bool(false)),
        "map_customer_owned_ip_on_launch": .optional(.bool),
        "map_public_ip_on_launch": .optional(.bool, default: .bool(false)),
        "outpost_arn": .optional(.string, forceNew: true),
        "owner_id": .computed(.string),
        "private_dns_hostname_type_on_launch": .optionalComputed(.string),
        "vpc_id": .required(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }), version: 1)

    public var rules: [String] {
        [
            "`cidr_block` must lie inside the VPC's CIDR (`InvalidSubnet.Range`) and not overlap another subnet of the VPC (`InvalidSubnet.Conflict`).",
            "The subnet size must be between /16 and /28 (`InvalidSubnet.Range`).",
            "`availability_zone` (or `availability_zone_id`) must be a zone of the provider's region (`InvalidParameterValue`).",
            "The VPC must exist (`InvalidVpcID.NotFound`).",
            "Deleting a subnet still used by a NAT gateway, load balancer, ECS service, VPC endpoint, database or cache fails (`DependencyViolation`).",
        ]
    }

    public var importID: String { "the subnet ID (`subnet-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidSubnetID.NotFound", "The subnet ID '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.cidr("cidr_block")
        v.conflicts("availability_zone", "availability_zone_id") { az, id in
            az.stringValue.map(AWSRegions.zoneID) == id.stringValue
        }
        v.oneOf("private_dns_hostname_type_on_launch", ["ip-name", "resource-name"])
        return v.diags
    }

    /// The zone for a subnet: the one named, the one with the given ID, or the region's first.
    static func zone(_ planned: Value, context: AWSContext) throws -> String {
        let zones = context.zones
        if let az = planned.str("availability_zone") {
            guard zones.contains(az) else {
                throw CloudError.invalidParameter("Value (\(az)) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: \(zones.joined(separator: ", ")).")
            }
            return az
        }
        if let azID = planned.str("availability_zone_id") {
            guard let az = zones.first(where: { AWSRegions.zoneID($0) == azID }) else {
                throw CloudError.invalidParameter("Value (\(azID)) for parameter availabilityZoneId is invalid. Subnets can currently only be created in the following availability zones: \(zones.map(AWSRegions.zoneID).joined(separator: ", ")).")
            }
            return az
        }
        return zones.first ?? "\(context.region)a"
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let vpcID = planned.str("vpc_id") ?? ""
        guard let text = planned.str("cidr_block"), let cidr = CIDR(text), cidr.isCanonical else {
            throw CloudError.invalidParameter("Value (\(planned.str("cidr_block") ?? "")) for parameter cidrBlock is invalid. This is not a valid CIDR block.")
        }
        let az = try Self.zone(planned, context: context)
        return try createOnce(token: token, context: context) { tx in
            guard let vpc = tx.get(VPCResource.typeName, id: vpcID, account: context.account, region: context.region) else {
                throw VPCResource().notFound(vpcID)
            }
            guard let vpcCIDR = vpc["cidr_block"]?.stringValue.flatMap(CIDR.init), vpcCIDR.contains(cidr),
                  cidr.prefix >= 16, cidr.prefix <= 28 else {
                throw CloudError("InvalidSubnet.Range", "The CIDR '\(text)' is invalid.")
            }
            for s in tx.list(Self.typeName, account: context.account, region: context.region) where s["vpc_id"]?.stringValue == vpcID {
                if let other = s["cidr_block"]?.stringValue.flatMap(CIDR.init), other.overlaps(cidr) {
                    throw CloudError("InvalidSubnet.Conflict", "The CIDR '\(text)' conflicts with another subnet")
                }
            }
            let id = AWSIDs.ec2("subnet")
            return try put(planned, id: id, fill: [
                "arn": .string(context.arn("ec2", "subnet/\(id)")),
                "owner_id": .string(context.account),
                "availability_zone": .string(az),
                "availability_zone_id": .string(AWSRegions.zoneID(az)),
                "ipv6_cidr_block": .string(""),
                "ipv6_cidr_block_association_id": .string(""),
                "private_dns_hostname_type_on_launch": .string("ip-name"),
            ], token: token, tx: tx, context: context)
        }
    }

    /// Kinds whose references to a subnet do not hold it: they go with it, or (subnet groups)
    /// hold it only through what uses them.
    static let passiveReferences = [RouteTableAssociationResource.typeName, FlowLogResource.typeName,
                                    "aws_db_subnet_group", "aws_elasticache_subnet_group"]

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            let refs = tx.referencing(id, account: context.account, region: context.region)
            var users = refs.filter { !Self.passiveReferences.contains($0.kind) }.map { "\($0.kind) \($0.id)" }
            // Databases and cache nodes placed in this subnet's zone through a subnet group.
            users += AWSCatalog.dataUsers(ofSubnet: id, tx, context)
            if !users.isEmpty {
                throw CloudError.dependencyViolation("The subnet '\(id)' has dependencies and cannot be deleted.")
            }
            for r in refs where r.kind == RouteTableAssociationResource.typeName || r.kind == FlowLogResource.typeName { tx.delete(r) }
            tx.delete(o)
        }
    }
}
