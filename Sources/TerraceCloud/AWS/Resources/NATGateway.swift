import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_nat_gateway`: public ones need an unused Elastic IP and a VPC with an internet gateway
/// attached (otherwise the gateway fails, as on AWS, with `Gateway.NotAttached`).
public struct NATGatewayResource: AWSResource {
    public static let typeName = "aws_nat_gateway"
    public let serviceName = "EC2 NAT Gateway"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "allocation_id": .optional(.string, forceNew: true),
        "association_id": .computed(.string),
        "connectivity_type": .optional(.string, forceNew: true, default: .string("public")),
        "network_interface_id": .computed(.string),
        "private_ip": .optionalComputed(.string, forceNew: true),
        "public_ip": .computed(.string),
        "secondary_allocation_ids": .optional(.set(.string)),
        "secondary_private_ip_address_count": .optionalComputed(.number),
        "secondary_private_ip_addresses": .optionalComputed(.set(.string)),
        "subnet_id": .required(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }))

    public var rules: [String] {
        [
            "A public NAT gateway needs `allocation_id`, an Elastic IP not already associated (`Resource.AlreadyAssociated`).",
            "A public NAT gateway's VPC must have an internet gateway attached (`Gateway.NotAttached`).",
            "The subnet must exist (`InvalidSubnetID.NotFound`); deleting it while the NAT gateway exists fails.",
        ]
    }

    public var importID: String { "the NAT gateway ID (`nat-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("NatGatewayNotFound", "The Nat Gateway \(id) was not found") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("connectivity_type", ["private", "public"])
        return v.diags
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let subnetID = planned.str("subnet_id") ?? ""
        let isPublic = planned.str("connectivity_type") != "private"
        return try createOnce(token: token, context: context) { tx in
            guard let subnet = tx.get(SubnetResource.typeName, id: subnetID, account: context.account, region: context.region) else {
                throw SubnetResource().notFound(subnetID)
            }
            var publicIP = ""
            var association = ""
            if isPublic {
                guard let alloc = planned.str("allocation_id") else {
                    throw CloudError("MissingParameter", "The request must contain the parameter AllocationId.")
                }
                guard let eip = tx.get(EIPResource.typeName, id: alloc, account: context.account, region: context.region) else {
                    throw EIPResource().notFound(alloc)
                }
                if !tx.referencing(alloc, account: context.account, region: context.region, kinds: [Self.typeName]).isEmpty {
                    throw CloudError("Resource.AlreadyAssociated", "Elastic IP address [\(alloc)] is already associated")
                }
                let vpc = subnet["vpc_id"]?.stringValue ?? ""
                if !tx.list(InternetGatewayResource.typeName, account: context.account, region: context.region)
                    .contains(where: { $0["vpc_id"]?.stringValue == vpc }) {
                    throw CloudError("Gateway.NotAttached", "Network \(vpc) has no Internet gateway attached")
                }
                publicIP = eip["public_ip"]?.stringValue ?? ""
                association = AWSIDs.ec2("eipassoc")
            } else if planned.has("allocation_id") {
                throw CloudError.invalidParameter("AllocationId is not supported for private NAT gateways.")
            }
            let id = AWSIDs.ec2("nat")
            let cidr = subnet["cidr_block"]?.stringValue.flatMap(CIDR.init)
            return try put(planned, id: id, fill: [
                "association_id": .string(association),
                "network_interface_id": .string(AWSIDs.ec2("eni")),
                "private_ip": .string(cidr?.host(UInt32.random(in: 4...max(4, UInt32(min(cidr?.size ?? 16, 250)) - 2))) ?? ""),
                "public_ip": .string(publicIP),
                "secondary_private_ip_address_count": .number(0),
                "secondary_private_ip_addresses": .stringSet([]),
            ], token: token, tx: tx, context: context)
        }
    }
}
