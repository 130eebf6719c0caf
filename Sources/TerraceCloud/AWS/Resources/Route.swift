import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_route`: one route of a route table. The destination and table force replacement; the
/// target changes in place (`ReplaceRoute`). The ID is the provider's
/// `r-<table><crc32 of destination>`; import takes `rtb-…_0.0.0.0/0`.
public struct RouteResource: AWSResource {
    public static let typeName = "aws_route"
    public let serviceName = "Route"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "carrier_gateway_id": .optional(.string),
        "core_network_arn": .optional(.string),
        "destination_cidr_block": .optional(.string, forceNew: true),
        "destination_ipv6_cidr_block": .optional(.string, forceNew: true),
        "destination_prefix_list_id": .optional(.string, forceNew: true),
        "egress_only_gateway_id": .optional(.string),
        "gateway_id": .optional(.string),
        "instance_id": .computed(.string),
        "instance_owner_id": .computed(.string),
        "local_gateway_id": .optional(.string),
        "nat_gateway_id": .optional(.string),
        "network_interface_id": .optionalComputed(.string),
        "origin": .computed(.string),
        "route_table_id": .required(.string, forceNew: true),
        "state": .computed(.string),
        "transit_gateway_id": .optional(.string),
        "vpc_endpoint_id": .optional(.string),
        "vpc_peering_connection_id": .optional(.string),
    ]))

    public var rules: [String] {
        [
            "Exactly one destination and exactly one target.",
            "The route table must exist (`InvalidRouteTableID.NotFound`); the destination must not already be routed (`RouteAlreadyExists`).",
            "An internet gateway or NAT gateway target must exist and be in the table's VPC.",
        ]
    }

    public var importID: String { "`ROUTETABLEID_DESTINATION` (for example `rtb-0a1b…_0.0.0.0/0`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidRoute.NotFound", "no route with destination found in route table") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.cidr("destination_cidr_block")
        v.exactlyOne(["destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"])
        return v.diags
    }

    static func destination(_ v: Value) -> String {
        v.str("destination_cidr_block") ?? v.str("destination_ipv6_cidr_block") ?? v.str("destination_prefix_list_id") ?? ""
    }

    static func routeID(table: String, destination: String) -> String { "r-\(table)\(CRC32.hashcode(destination))" }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext, existing: String?) throws {
        let table = v.str("route_table_id") ?? ""
        guard let rt = tx.get(RouteTableResource.typeName, id: table, account: context.account, region: context.region) else {
            throw RouteTableResource().notFound(table)
        }
        let dest = Self.destination(v)
        if existing == nil {
            let inline = (try? ValueJSON.decode(rt.attributes, as: .dynamic))?.items("route").map(Routes.destination(inline:)) ?? []
            let separate = Routes.routeObjects(of: table, tx: tx, context: context).map { $0["destination_cidr_block"]?.stringValue ?? $0["destination_ipv6_cidr_block"]?.stringValue ?? $0["destination_prefix_list_id"]?.stringValue ?? "" }
            if (inline + separate).contains(dest) { throw Routes.alreadyExists(dest) }
        }
        try Routes.check(Routes.inline(route: v), table: table, vpc: rt["vpc_id"]?.stringValue ?? "", tx: tx, context: context)
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            try check(planned, tx: tx, context: context, existing: nil)
            let id = Self.routeID(table: planned.str("route_table_id") ?? "", destination: Self.destination(planned))
            return try put(planned, id: id, fill: [
                "instance_id": .string(""), "instance_owner_id": .string(""), "network_interface_id": .string(""),
                "origin": .string("CreateRoute"), "state": .string("active"),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = resolve(planned, decode(stored).attributes ?? [:])
        try check(v, tx: tx, context: context, existing: stored.id)
        return v
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? { readStored(state, context: context) }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let sep = id.firstIndex(of: "_") else {
            throw CloudError.invalidParameter("unexpected format for ID (\(id)), expected ROUTETABLEID_DESTINATION")
        }
        let table = String(id[..<sep]), dest = String(id[id.index(after: sep)...])
        guard let o = context.store.get(Self.typeName, id: Self.routeID(table: table, destination: dest), account: context.account, region: context.region) else { return nil }
        return decode(o)
    }
}
