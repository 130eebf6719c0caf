import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_internet_gateway`: attached to at most one VPC, and a VPC has at most one; changing
/// `vpc_id` detaches and attaches in place. Detaching (to delete or move it) fails while the
/// VPC has public addresses mapped: Elastic IPs of NAT gateways, internet-facing load balancers.
public struct InternetGatewayResource: AWSResource {
    public static let typeName = "aws_internet_gateway"
    public let serviceName = "EC2 Internet Gateway"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "owner_id": .computed(.string),
        "vpc_id": .optional(.string),
    ].merging(TagSchema.attributes) { a, _ in a }))

    public var rules: [String] {
        [
            "A VPC has at most one internet gateway (`InvalidParameterValue`); the VPC must exist (`InvalidVpcID.NotFound`).",
            "Detaching or deleting the gateway of a VPC with mapped public addresses (NAT gateways, internet-facing load balancers) fails (`DependencyViolation`).",
        ]
    }

    public var importID: String { "the internet gateway ID (`igw-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidInternetGatewayID.NotFound", "The internetGateway ID '\(id)' does not exist") }

    func attach(_ gateway: String, to vpc: String, tx: CloudTransaction, context: AWSContext) throws {
        guard tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region) != nil else {
            throw VPCResource().notFound(vpc)
        }
        if tx.list(Self.typeName, account: context.account, region: context.region)
            .contains(where: { $0.id != gateway && $0["vpc_id"]?.stringValue == vpc }) {
            throw CloudError.invalidParameter("Network \(vpc) already has an internet gateway attached")
        }
    }

    /// EC2's check before detaching: nothing in the VPC may still have a public address.
    static func checkDetach(_ gateway: String, from vpc: String, tx: CloudTransaction, context: AWSContext) throws {
        let subnets = Set(tx.list(SubnetResource.typeName, account: context.account, region: context.region)
            .filter { $0["vpc_id"]?.stringValue == vpc }.map(\.id))
        let nat = tx.list(NATGatewayResource.typeName, account: context.account, region: context.region).contains {
            $0["connectivity_type"]?.stringValue != "private" && subnets.contains($0["subnet_id"]?.stringValue ?? "")
        }
        let lb = tx.list(LoadBalancerResource.typeName, account: context.account, region: context.region).contains {
            $0["vpc_id"]?.stringValue == vpc && $0["internal"]?.boolValue != true
        }
        if nat || lb {
            throw CloudError.dependencyViolation("Network \(vpc) has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            let id = AWSIDs.ec2("igw")
            if let vpc = planned.str("vpc_id") { try attach(id, to: vpc, tx: tx, context: context) }
            return try put(planned, id: id, fill: [
                "arn": .string(context.arn("ec2", "internet-gateway/\(id)")),
                "owner_id": .string(context.account),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let old = stored["vpc_id"]?.stringValue, new = planned.str("vpc_id")
        if old != new {
            if let old { try Self.checkDetach(stored.id, from: old, tx: tx, context: context) }
            if let new { try attach(stored.id, to: new, tx: tx, context: context) }
        }
        return withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            if let vpc = o["vpc_id"]?.stringValue { try Self.checkDetach(id, from: vpc, tx: tx, context: context) }
            tx.delete(o)
        }
    }
}
