import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_route_table_association`: a subnet (or gateway) and a route table of the same VPC.
/// A subnet has one explicit association at most; changing the table is done in place
/// (`ReplaceRouteTableAssociation`). Import takes `subnet-…/rtb-…` or `igw-…/rtb-…`.
public struct RouteTableAssociationResource: AWSResource {
    public static let typeName = "aws_route_table_association"
    public let serviceName = "Route Table Association"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "gateway_id": .optional(.string, forceNew: true),
        "route_table_id": .required(.string),
        "subnet_id": .optional(.string, forceNew: true),
    ]))

    public var rules: [String] {
        [
            "Exactly one of `subnet_id` and `gateway_id`; the subnet and the table must exist and be in the same VPC.",
            "A subnet can be explicitly associated with one route table only (`Resource.AlreadyAssociated`).",
        ]
    }

    public var importID: String { "`SUBNETID/ROUTETABLEID` or `GATEWAYID/ROUTETABLEID`" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidAssociationID.NotFound", "The association ID '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.exactlyOne(["subnet_id", "gateway_id"])
        return v.diags
    }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext, existing: String?) throws {
        let table = v.str("route_table_id") ?? ""
        guard let rt = tx.get(RouteTableResource.typeName, id: table, account: context.account, region: context.region) else {
            throw RouteTableResource().notFound(table)
        }
        let vpc = rt["vpc_id"]?.stringValue
        if let subnetID = v.str("subnet_id") {
            guard let subnet = tx.get(SubnetResource.typeName, id: subnetID, account: context.account, region: context.region) else {
                throw SubnetResource().notFound(subnetID)
            }
            if subnet["vpc_id"]?.stringValue != vpc {
                throw CloudError.invalidParameter("route table \(table) and subnet \(subnetID) belong to different networks")
            }
            let others = tx.list(Self.typeName, account: context.account, region: context.region)
                .filter { $0.id != existing && $0["subnet_id"]?.stringValue == subnetID }
            if let other = others.first {
                throw CloudError("Resource.AlreadyAssociated", "the specified association for route table \(other["route_table_id"]?.stringValue ?? "") conflicts with an existing association")
            }
        } else if let gw = v.str("gateway_id") {
            guard let igw = tx.get(InternetGatewayResource.typeName, id: gw, account: context.account, region: context.region) else {
                throw CloudError("InvalidGatewayID.NotFound", "The gateway ID '\(gw)' does not exist")
            }
            if igw["vpc_id"]?.stringValue != vpc {
                throw CloudError.invalidParameter("route table \(table) and network gateway \(gw) belong to different networks")
            }
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            try check(planned, tx: tx, context: context, existing: nil)
            return try put(planned, id: AWSIDs.ec2("rtbassoc"), fill: [:], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = resolve(planned, decode(stored).attributes ?? [:])
        try check(v, tx: tx, context: context, existing: stored.id)
        return v
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? { readStored(state, context: context) }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let parts = id.split(separator: "/").map(String.init)
        guard parts.count == 2 else {
            throw CloudError.invalidParameter("Unexpected format for import: \(id). Use 'subnet ID/route table ID' or 'gateway ID/route table ID'")
        }
        let key = parts[0].hasPrefix("subnet-") ? "subnet_id" : "gateway_id"
        guard let o = context.store.list(Self.typeName, account: context.account, region: context.region)
            .first(where: { $0[key]?.stringValue == parts[0] && $0["route_table_id"]?.stringValue == parts[1] }) else { return nil }
        return decode(o)
    }
}
