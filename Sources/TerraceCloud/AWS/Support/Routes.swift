import TerraceBasics
import TerraceLang
import TerraceProviders

/// Routes of a route table, however written: inline `route` blocks of `aws_route_table` or
/// separate `aws_route` resources. EC2 keeps one route per destination; its rules (targets
/// exist and are in the table's VPC, destinations unique) apply to both.
enum Routes {
    static let destinations = ["cidr_block", "ipv6_cidr_block", "destination_prefix_list_id"]
    static let targets = ["carrier_gateway_id", "core_network_arn", "egress_only_gateway_id", "gateway_id", "local_gateway_id",
                          "nat_gateway_id", "network_interface_id", "transit_gateway_id", "vpc_endpoint_id", "vpc_peering_connection_id"]

    /// The schema of an inline `route` item.
    static let inlineBlock = SchemaBlock(attributes: Dictionary(uniqueKeysWithValues: (destinations + targets).map { ($0, SchemaAttribute.optional(.string)) }))

    /// An inline route as the provider stores it: every unset field "".
    static func normalizeInline(_ v: Value) -> Value {
        guard v.isWhollyKnown else { return v }
        var attrs: [String: Value] = [:]
        for k in destinations + targets { attrs[k] = .string(v.str(k) ?? "") }
        return .object(attrs)
    }

    /// A stored `aws_route` as an inline item.
    static func inline(route r: Value) -> Value {
        var attrs: [String: Value] = [:]
        attrs["cidr_block"] = r["destination_cidr_block"] ?? .null(.string)
        attrs["ipv6_cidr_block"] = r["destination_ipv6_cidr_block"] ?? .null(.string)
        attrs["destination_prefix_list_id"] = r["destination_prefix_list_id"] ?? .null(.string)
        for t in targets { attrs[t] = r[t] ?? .null(.string) }
        return normalizeInline(.object(attrs))
    }

    /// The destination of an inline item.
    static func destination(inline v: Value) -> String {
        destinations.compactMap { v.str($0) }.first { !$0.isEmpty } ?? ""
    }

    /// The separate `aws_route` objects of a table.
    static func routeObjects(of table: String, tx: CloudTransaction, context: AWSContext) -> [CloudObject] {
        tx.list(RouteResource.typeName, account: context.account, region: context.region)
            .filter { $0["route_table_id"]?.stringValue == table }
    }

    static func routeObjects(of table: String, store: CloudStore, context: AWSContext) -> [CloudObject] {
        store.list(RouteResource.typeName, account: context.account, region: context.region)
            .filter { $0["route_table_id"]?.stringValue == table }
    }

    /// Checks one route (as an inline item) of table `table` in `vpc`.
    static func check(_ route: Value, table: String, vpc: String, tx: CloudTransaction, context: AWSContext) throws {
        let dest = destination(inline: route)
        let set = targets.filter { !(route.str($0) ?? "").isEmpty }
        guard set.count == 1, let target = set.first, let targetID = route.str(target) else {
            throw CloudError("InvalidParameterCombination", "The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, transitGatewayId, vpcEndpointId, carrierGatewayId, egressOnlyInternetGatewayId, localGatewayId or coreNetworkArn")
        }
        if let c = route.str("cidr_block"), !c.isEmpty {
            guard let cidr = CIDR(c), cidr.isCanonical else {
                throw CloudError.invalidParameter("Value (\(c)) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.")
            }
            if let vpcCIDR = tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region)?["cidr_block"]?.stringValue.flatMap(CIDR.init),
               vpcCIDR.contains(cidr), ["gateway_id", "nat_gateway_id"].contains(target) {
                throw CloudError.invalidParameter("The destination CIDR block \(c) is equal to or more specific than one of this VPC's CIDR blocks. This route can target only an interface or an instance.")
            }
        }
        switch target {
        case "gateway_id" where targetID.hasPrefix("igw-"):
            guard let igw = tx.get(InternetGatewayResource.typeName, id: targetID, account: context.account, region: context.region) else {
                throw CloudError("InvalidGatewayID.NotFound", "The gateway ID '\(targetID)' does not exist")
            }
            if igw["vpc_id"]?.stringValue != vpc {
                throw CloudError.invalidParameter("route table \(table) and network gateway \(targetID) belong to different networks")
            }
        case "gateway_id" where targetID.hasPrefix("vpce-"):
            guard tx.get(VPCEndpointResource.typeName, id: targetID, account: context.account, region: context.region) != nil else {
                throw CloudError("InvalidGatewayID.NotFound", "The gateway ID '\(targetID)' does not exist")
            }
        case "nat_gateway_id":
            guard let nat = tx.get(NATGatewayResource.typeName, id: targetID, account: context.account, region: context.region) else {
                throw CloudError("InvalidNatGatewayID.NotFound", "The natGateway ID '\(targetID)' does not exist")
            }
            let natVPC = nat["subnet_id"]?.stringValue.flatMap { tx.get(SubnetResource.typeName, id: $0, account: context.account, region: context.region)?["vpc_id"]?.stringValue }
            if natVPC != vpc {
                throw CloudError.invalidParameter("route table \(table) and NAT gateway \(targetID) belong to different networks")
            }
        default:
            break
        }
        _ = dest
    }

    static func alreadyExists(_ dest: String) -> CloudError {
        CloudError("RouteAlreadyExists", "The route identified by \(dest) already exists.")
    }
}
