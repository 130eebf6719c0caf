import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_subnet`: inside its VPC's CIDR, not overlapping a sibling, in an AZ of the region.
public struct SubnetResource: AWSResource {
    public static let typeName = "aws_subnet"
    public let serviceName = "EC2 Subnet"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "vpc_id": .required(.string, forceNew: true),
        "cidr_block": .optional(.string, forceNew: true),
        "availability_zone": .optionalComputed(.string, forceNew: true),
        "availability_zone_id": .optionalComputed(.string, forceNew: true),
        "map_public_ip_on_launch": .optional(.bool, default: .bool(false)),
        "assign_ipv6_address_on_creation": .optional(.bool, default: .bool(false)),
        "ipv6_cidr_block": .optional(.string),
        "ipv6_cidr_block_association_id": .computed(.string),
        "owner_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }), version: 1)

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let vpcID = planned["vpc_id"]?.stringValue ?? ""
        guard let text = planned["cidr_block"]?.stringValue, let cidr = CIDR(text) else {
            throw CloudError("InvalidParameterValue", "Value (\(planned["cidr_block"]?.stringValue ?? "")) for parameter cidrBlock is invalid. This is not a valid CIDR block.")
        }
        let zones = AWSRegions.zones[context.region] ?? []
        let az = planned["availability_zone"]?.stringValue ?? zones.first ?? "\(context.region)a"
        guard zones.contains(az) else {
            throw CloudError("InvalidParameterValue", "Value (\(az)) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: \(zones.joined(separator: ", ")).")
        }
        return try context.store.mutate { tx in
            if let existing = tx.findByToken(Self.typeName, token: token, account: context.account, region: context.region) {
                return decode(existing)
            }
            guard let vpc = tx.get(VPCResource.typeName, id: vpcID, account: context.account, region: context.region) else {
                throw CloudError("InvalidVpcID.NotFound", "The vpc ID '\(vpcID)' does not exist")
            }
            guard let vpcCIDR = vpc["cidr_block"]?.stringValue.flatMap(CIDR.init), vpcCIDR.contains(cidr), cidr.isCanonical,
                  cidr.prefix <= 28 else {
                throw CloudError("InvalidSubnet.Range", "The CIDR '\(text)' is invalid.")
            }
            for s in tx.list(Self.typeName, account: context.account, region: context.region) where s["vpc_id"]?.stringValue == vpcID {
                if let other = s["cidr_block"]?.stringValue.flatMap(CIDR.init), other.overlaps(cidr) {
                    throw CloudError("InvalidSubnet.Conflict", "The CIDR '\(text)' conflicts with another subnet")
                }
            }
            let id = AWSIDs.ec2("subnet")
            let v = resolve(planned, [
                "id": .string(id),
                "arn": .string(context.arn("ec2", "subnet/\(id)")),
                "owner_id": .string(context.account),
                "availability_zone": .string(az),
                "availability_zone_id": .string(AWSRegions.zoneID(az)),
                "ipv6_cidr_block_association_id": .string(""),
                "tags_all": Value(.map([:], element: .string)),
            ])
            try store(v, id: id, token: token, tx: tx, context: context)
            return v
        }
    }
}
