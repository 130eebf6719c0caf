import TerraceBasics
import TerraceLang
import TerraceProviders

/// `data "aws_region"`: the provider's region (or the one named), with its endpoint and description.
public struct RegionDataSource: AWSDataSource {
    public static let typeName = "aws_region"
    public let serviceName = "EC2 Region"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "description": .computed(.string),
        "endpoint": .optionalComputed(.string),
        "id": .computed(.string),
        "name": .optionalComputed(.string),
    ]))

    public func read(_ config: Value, context: AWSContext) throws -> Value {
        let name = config.str("name") ?? context.region
        guard AWSRegions.zones[name] != nil else { throw DataSourceError.noMatch(serviceName) }
        let endpoint = "ec2.\(name).amazonaws.com"
        if let e = config.str("endpoint"), e != endpoint { throw DataSourceError.noMatch(serviceName) }
        return filled(config, [
            "name": .string(name), "id": .string(name), "endpoint": .string(endpoint),
            "description": .string(AWSRegions.descriptions[name] ?? name),
        ])
    }
}

/// `data "aws_caller_identity"`: the simulated account and the user Terrace acts as.
public struct CallerIdentityDataSource: AWSDataSource {
    public static let typeName = "aws_caller_identity"
    public let serviceName = "STS Caller Identity"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "account_id": .computed(.string),
        "arn": .computed(.string),
        "id": .computed(.string),
        "user_id": .computed(.string),
    ]))

    public func read(_ config: Value, context: AWSContext) throws -> Value {
        filled(config, [
            "account_id": .string(context.account), "id": .string(context.account),
            "arn": .string("arn:aws:iam::\(context.account):user/terrace"),
            "user_id": .string("AIDA" + String(String(CRC32.checksum(context.account), radix: 36).uppercased().padding(toLength: 17, withPad: "X", startingAt: 0))),
        ])
    }
}

/// `data "aws_availability_zones"`: the region's zones (a, b and c), filtered.
public struct AvailabilityZonesDataSource: AWSDataSource {
    public static let typeName = "aws_availability_zones"
    public let serviceName = "EC2 Availability Zones"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "all_availability_zones": .optional(.bool),
        "exclude_names": .optional(.set(.string)),
        "exclude_zone_ids": .optional(.set(.string)),
        "group_names": .computed(.set(.string)),
        "id": .computed(.string),
        "names": .computed(.list(.string)),
        "state": .optional(.string),
        "zone_ids": .computed(.list(.string)),
    ], blockTypes: [
        "filter": NestedBlock(.set, EC2Filters.filterBlock),
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("state", ["available", "information", "impaired", "unavailable"])
        return v.diags
    }

    static let filters = ["zone-name": "name", "zone-id": "zone_id", "state": "state", "region-name": "region",
                          "group-name": "group", "opt-in-status": "opt_in", "zone-type": "type"]

    public func read(_ config: Value, context: AWSContext) throws -> Value {
        let zones = context.zones.map { z in
            Value.object(["name": .string(z), "zone_id": .string(AWSRegions.zoneID(z)), "state": .string("available"),
                          "region": .string(context.region), "group": .string(context.region), "opt_in": .string("opt-in-not-required"),
                          "type": .string("availability-zone")])
        }
        var chosen = try EC2Filters.matching(zones, config: config, attributes: Self.filters)
        if let s = config.str("state") { chosen = chosen.filter { $0.str("state") == s } }
        let excludedNames = Set(config.strings("exclude_names")), excludedIDs = Set(config.strings("exclude_zone_ids"))
        chosen = chosen.filter { !excludedNames.contains($0.str("name") ?? "") && !excludedIDs.contains($0.str("zone_id") ?? "") }
        return filled(config, [
            "id": .string(context.region),
            "names": .stringList(chosen.compactMap { $0.str("name") }),
            "zone_ids": .stringList(chosen.compactMap { $0.str("zone_id") }),
            "group_names": .stringSet(chosen.isEmpty ? [] : [context.region]),
        ])
    }
}
