import TerraceBasics
import TerraceLang
import TerraceProviders

/// `data "aws_vpc"`: exactly one VPC matching the ID, CIDR, `default`, tags and filters.
/// The simulated accounts have no default VPC, so `default = true` finds nothing, as in an
/// account whose default VPC was deleted.
public struct VPCDataSource: AWSDataSource {
    public static let typeName = "aws_vpc"
    public let serviceName = "EC2 VPC"
    public init() {}

    static let association = ValueType.object(["association_id": .string, "cidr_block": .string, "state": .string])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "arn": .computed(.string),
        "cidr_block": .optionalComputed(.string),
        "cidr_block_associations": .computed(.list(association)),
        "default": .optionalComputed(.bool),
        "dhcp_options_id": .optionalComputed(.string),
        "enable_dns_hostnames": .computed(.bool),
        "enable_dns_support": .computed(.bool),
        "enable_network_address_usage_metrics": .computed(.bool),
        "id": .optionalComputed(.string),
        "instance_tenancy": .computed(.string),
        "ipv6_association_id": .computed(.string),
        "ipv6_cidr_block": .computed(.string),
        "main_route_table_id": .computed(.string),
        "owner_id": .computed(.string),
        "state": .optionalComputed(.string),
        "tags": .optionalComputed(.map(.string)),
    ], blockTypes: [
        "filter": NestedBlock(.set, EC2Filters.filterBlock),
    ]))

    static let filters = ["vpc-id": "id", "cidr": "cidr_block", "cidr-block": "cidr_block", "cidrBlock": "cidr_block",
                          "cidr-block-association.cidr-block": "cidr_block", "state": "state", "is-default": "default",
                          "owner-id": "owner_id", "dhcp-options-id": "dhcp_options_id"]

    public func read(_ config: Value, context: AWSContext) throws -> Value {
        let vpcs = context.store.list(VPCResource.typeName, account: context.account, region: context.region).map { o -> Value in
            VPCResource().decode(o).with("default", .bool(false)).with("state", .string("available"))
        }
        var found = try EC2Filters.matching(vpcs, config: config, attributes: Self.filters)
        for key in ["id", "cidr_block", "dhcp_options_id", "state"] {
            if let want = config.str(key) { found = found.filter { $0.str(key) == want } }
        }
        if let d = config.bool("default") { found = found.filter { $0.bool("default") == d } }
        guard let v = found.first else { throw DataSourceError.noMatch(serviceName) }
        if found.count > 1 { throw DataSourceError.multiple(serviceName) }
        let cidr = v.str("cidr_block") ?? ""
        let assoc = Value.object(["association_id": .string("vpc-cidr-assoc-0" + String((v.str("id") ?? "").suffix(16))),
                                  "cidr_block": .string(cidr), "state": .string("associated")])
        var values: [String: Value] = [:]
        for k in ["arn", "cidr_block", "dhcp_options_id", "enable_dns_hostnames", "enable_dns_support", "enable_network_address_usage_metrics",
                  "id", "instance_tenancy", "ipv6_association_id", "ipv6_cidr_block", "main_route_table_id", "owner_id", "state", "default"] {
            values[k] = v[k] ?? .null(.string)
        }
        values["tags"] = v["tags"].flatMap { $0.isNull ? nil : $0 } ?? .stringMap([:])
        values["cidr_block_associations"] = Value(.list([assoc], element: Self.association))
        return filled(config, values)
    }
}

/// `data "aws_subnets"`: the IDs of the subnets matching filters and tags.
public struct SubnetsDataSource: AWSDataSource {
    public static let typeName = "aws_subnets"
    public let serviceName = "EC2 Subnets"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "ids": .computed(.list(.string)),
        "tags": .optionalComputed(.map(.string)),
    ], blockTypes: [
        "filter": NestedBlock(.set, EC2Filters.filterBlock),
    ]))

    static let filters = ["vpc-id": "vpc_id", "subnet-id": "id", "availability-zone": "availability_zone",
                          "availability-zone-id": "availability_zone_id", "cidr-block": "cidr_block", "cidr": "cidr_block",
                          "cidrBlock": "cidr_block", "map-public-ip-on-launch": "map_public_ip_on_launch",
                          "default-for-az": "default_for_az", "state": "state", "owner-id": "owner_id"]

    public func read(_ config: Value, context: AWSContext) throws -> Value {
        let subnets = context.store.list(SubnetResource.typeName, account: context.account, region: context.region).map { o -> Value in
            SubnetResource().decode(o).with("default_for_az", .bool(false)).with("state", .string("available"))
        }
        let found = try EC2Filters.matching(subnets, config: config, attributes: Self.filters)
        return filled(config, [
            "id": .string(context.region),
            "ids": .stringList(found.compactMap { $0.str("id") }),
            "tags": config["tags"].flatMap { $0.isNull ? nil : $0 } ?? .null(.map(.string)),
        ])
    }
}
