import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_lb` (application, network and gateway load balancers), with the DNS name, zone and
/// ARN AWS gives them. An application load balancer needs subnets in two zones of one VPC, and
/// an internet-facing one needs the VPC's internet gateway. Deleting one deletes its listeners
/// and rules, unless deletion protection is on.
public struct LoadBalancerResource: AWSResource {
    public static let typeName = "aws_lb"
    public let serviceName = "ELBv2 Load Balancer"
    public init() {}

    static let logsBlock = SchemaBlock(attributes: [
        "bucket": .required(.string),
        "enabled": .optional(.bool, default: .bool(false)),
        "prefix": .optional(.string),
    ])

    static let subnetMapping = SchemaBlock(attributes: [
        "allocation_id": .optional(.string, forceNew: true),
        "ipv6_address": .optional(.string, forceNew: true),
        "outpost_id": .computed(.string),
        "private_ipv4_address": .optional(.string, forceNew: true),
        "subnet_id": .required(.string, forceNew: true),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "arn_suffix": .computed(.string),
        "client_keep_alive": .optional(.number, default: .number(3600)),
        "customer_owned_ipv4_pool": .optional(.string, forceNew: true),
        "desync_mitigation_mode": .optional(.string, default: .string("defensive")),
        "dns_name": .computed(.string),
        "dns_record_client_routing_policy": .optionalComputed(.string),
        "drop_invalid_header_fields": .optional(.bool, default: .bool(false)),
        "enable_cross_zone_load_balancing": .optionalComputed(.bool),
        "enable_deletion_protection": .optional(.bool, default: .bool(false)),
        "enable_http2": .optional(.bool, default: .bool(true)),
        "enable_tls_version_and_cipher_suite_headers": .optional(.bool, default: .bool(false)),
        "enable_waf_fail_open": .optional(.bool, default: .bool(false)),
        "enable_xff_client_port": .optional(.bool, default: .bool(false)),
        "enforce_security_group_inbound_rules_on_private_link_traffic": .optionalComputed(.string),
        "idle_timeout": .optional(.number, default: .number(60)),
        "internal": .optionalComputed(.bool, forceNew: true),
        "ip_address_type": .optionalComputed(.string),
        "load_balancer_type": .optional(.string, forceNew: true, default: .string("application")),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "preserve_host_header": .optional(.bool, default: .bool(false)),
        "security_groups": .optionalComputed(.set(.string)),
        "subnets": .optionalComputed(.set(.string)),
        "vpc_id": .computed(.string),
        "xff_header_processing_mode": .optional(.string, default: .string("append")),
        "zone_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "access_logs": NestedBlock(.list, logsBlock, maxItems: 1),
        "connection_logs": NestedBlock(.list, logsBlock, maxItems: 1),
        "subnet_mapping": NestedBlock(.set, subnetMapping),
    ]))

    public var computedBlocks: Set<String> { ["subnet_mapping"] }

    public var rules: [String] {
        [
            "`name` has at most 32 letters, digits and hyphens, not at either end, and does not begin with `internal-`; names are unique in a region (`DuplicateLoadBalancerName`).",
            "An application load balancer needs at least two subnets in two different availability zones (`ValidationError`), one subnet per zone, all in one VPC.",
            "An internet-facing load balancer needs an internet gateway on its VPC (`InvalidSubnet`).",
            "Security groups must exist and be in the load balancer's VPC; an application load balancer without any gets the VPC's default group.",
            "A load balancer with `enable_deletion_protection` cannot be deleted (`OperationNotPermitted`).",
        ]
    }

    public var importID: String { "the load balancer ARN" }

    public func notFound(_ id: String) -> CloudError { .notFound("LoadBalancerNotFound", "One or more load balancers not found") }

    static func nameProblems(_ name: String, attribute: String) -> [String] {
        var out: [String] = []
        if name.count > 32 { out.append("\"\(attribute)\" cannot be longer than 32 characters: \"\(name)\"") }
        if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            out.append("only alphanumeric characters and hyphens allowed in \"\(attribute)\": \"\(name)\"")
        }
        if name.hasPrefix("-") { out.append("\"\(attribute)\" cannot begin with a hyphen: \"\(name)\"") }
        if name.hasSuffix("-") { out.append("\"\(attribute)\" cannot end with a hyphen: \"\(name)\"") }
        return out
    }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        if let n = v.known("name")?.stringValue {
            for p in Self.nameProblems(n, attribute: "name") { v.error(p) }
            if n.hasPrefix("internal-") { v.error("\"name\" cannot begin with \"internal-\": \"\(n)\"") }
        }
        v.length("name_prefix", 0, 6)
        v.conflicts("name", "name_prefix")
        v.oneOf("load_balancer_type", ["application", "network", "gateway"])
        v.oneOf("ip_address_type", ["ipv4", "dualstack", "dualstack-without-public-ipv4"])
        v.oneOf("desync_mitigation_mode", ["monitor", "defensive", "strictest"])
        v.oneOf("xff_header_processing_mode", ["append", "preserve", "remove"])
        v.between("idle_timeout", 1, 4000)
        return v.diags
    }

    static let albZones = ["us-east-1": "Z35SXDOTRQ7X7K", "us-west-2": "Z1H1FL5HABSF5", "eu-west-1": "Z32O12XQLNTSW2", "ap-southeast-1": "Z1LMS91P8CMLE5"]
    static let nlbZones = ["us-east-1": "Z26RNL4JYFTOTI", "us-west-2": "Z18D5FSROUN65G", "eu-west-1": "Z2IFOLAFXWLO4F", "ap-southeast-1": "ZKVM4W9LS7TM"]

    /// Subnets from `subnets` or `subnet_mapping`, checked: they exist, share one VPC, one per
    /// zone, two zones at least for application load balancers. Returns the VPC.
    func checkSubnets(_ v: Value, type: String, tx: CloudTransaction, context: AWSContext) throws -> (vpc: String, subnets: [String]) {
        var ids = v.strings("subnets")
        if ids.isEmpty { ids = v.items("subnet_mapping").compactMap { $0.str("subnet_id") } }
        var vpcs: Set<String> = []
        var zones: Set<String> = []
        for id in ids {
            guard let s = tx.get(SubnetResource.typeName, id: id, account: context.account, region: context.region) else {
                throw CloudError("SubnetNotFound", "The subnet ID '\(id)' is not valid")
            }
            vpcs.insert(s["vpc_id"]?.stringValue ?? "")
            if !zones.insert(s["availability_zone"]?.stringValue ?? "").inserted {
                throw CloudError("InvalidConfigurationRequest", "A load balancer cannot be attached to multiple subnets in the same Availability Zone")
            }
        }
        if type == "application" && zones.count < 2 {
            throw CloudError("ValidationError", "At least two subnets in two different Availability Zones must be specified")
        }
        if ids.isEmpty { throw CloudError("ValidationError", "At least one subnet must be specified") }
        guard vpcs.count == 1, let vpc = vpcs.first else {
            throw CloudError("InvalidConfigurationRequest", "The subnets must all belong to the same VPC")
        }
        return (vpc, ids)
    }

    func checkSecurityGroups(_ groups: [String], vpc: String, tx: CloudTransaction, context: AWSContext) throws {
        for g in groups {
            guard let o = tx.get(SecurityGroupResource.typeName, id: g, account: context.account, region: context.region) else {
                throw CloudError("InvalidSecurityGroup", "Security group '\(g)' does not exist")
            }
            if o["vpc_id"]?.stringValue != vpc {
                throw CloudError("InvalidSecurityGroup", "Security group '\(g)' does not belong to VPC '\(vpc)'")
            }
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let type = planned.str("load_balancer_type") ?? "application"
        let name = planned.str("name") ?? String(AWSIDs.uniqueName(prefix: planned.str("name_prefix") ?? "tf-lb-").prefix(32))
        let isInternal = planned.bool("internal") ?? false
        return try createOnce(token: token, context: context) { tx in
            if tx.list(Self.typeName, account: context.account, region: context.region).contains(where: { $0["name"]?.stringValue == name }) {
                throw CloudError("DuplicateLoadBalancerName", "A load balancer with the same name '\(name)' exists, but with different settings")
            }
            let (vpc, subnets) = try checkSubnets(planned, type: type, tx: tx, context: context)
            var groups = planned.strings("security_groups")
            if groups.isEmpty && type == "application",
               let vpcObject = tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region),
               let def = vpcObject["default_security_group_id"]?.stringValue {
                groups = [def]
            }
            try checkSecurityGroups(groups, vpc: vpc, tx: tx, context: context)
            if !isInternal && !tx.list(InternetGatewayResource.typeName, account: context.account, region: context.region)
                .contains(where: { $0["vpc_id"]?.stringValue == vpc }) {
                throw CloudError("InvalidSubnet", "VPC \(vpc) has no internet gateway")
            }
            if let bucket = planned.block("access_logs"), bucket.bool("enabled") == true, let b = bucket.str("bucket"), tx.globalOwner("s3", b) == nil {
                throw CloudError("InvalidConfigurationRequest", "The specified bucket does not exist: \(b)")
            }
            let kind = ["application": "app", "network": "net", "gateway": "gwy"][type] ?? "app"
            let suffix = "\(kind)/\(name)/\(AWSIDs.hex(16))"
            let arn = context.arn("elasticloadbalancing", "loadbalancer/\(suffix)")
            let digits = String(UInt64.random(in: 1_000_000_000...9_999_999_999))
            let dns = type == "application"
                ? "\(isInternal ? "internal-" : "")\(name)-\(digits).\(context.region).elb.amazonaws.com"
                : "\(name)-\(AWSIDs.hex(16)).elb.\(context.region).amazonaws.com"
            let mappings = subnets.map { s in
                Value.object(["subnet_id": .string(s), "allocation_id": .string(""), "ipv6_address": .string(""),
                              "outpost_id": .string(""), "private_ipv4_address": .string("")])
            }
            var fill: [String: Value] = [
                "arn": .string(arn), "arn_suffix": .string(suffix), "dns_name": .string(dns),
                "zone_id": .string((type == "application" ? Self.albZones : Self.nlbZones)[context.region] ?? ""),
                "vpc_id": .string(vpc), "internal": .bool(isInternal), "name": .string(name),
                "name_prefix": .string(planned.str("name_prefix") ?? ""),
                "ip_address_type": .string("ipv4"),
                "enable_cross_zone_load_balancing": .bool(type == "application"),
                "dns_record_client_routing_policy": type == "network" ? .string("any_availability_zone") : .null(.string),
                "enforce_security_group_inbound_rules_on_private_link_traffic": .string(""),
                "security_groups": .stringSet(groups),
                "subnets": .stringSet(subnets),
            ]
            if planned.items("subnet_mapping").isEmpty { fill["subnet_mapping"] = .blockSet(mappings, Self.subnetMapping) }
            var p = planned
            if p.items("subnet_mapping").isEmpty { p = p.with("subnet_mapping", .blockSet(mappings, Self.subnetMapping)) }
            return try put(p, id: arn, fill: fill, token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        var v = withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
        let type = v.str("load_balancer_type") ?? "application"
        let (vpc, subnets) = try checkSubnets(v, type: type, tx: tx, context: context)
        try checkSecurityGroups(v.strings("security_groups"), vpc: vpc, tx: tx, context: context)
        v = v.with("subnet_mapping", .blockSet(subnets.map { s in
            Value.object(["subnet_id": .string(s), "allocation_id": .string(""), "ipv6_address": .string(""),
                          "outpost_id": .string(""), "private_ipv4_address": .string("")])
        }, Self.subnetMapping))
        return v
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            if o["enable_deletion_protection"]?.boolValue == true {
                throw CloudError("OperationNotPermitted", "Load balancer '\(id)' cannot be deleted because deletion protection is enabled")
            }
            for l in tx.list(LBListenerResource.typeName, account: context.account, region: context.region) where l["load_balancer_arn"]?.stringValue == id {
                for r in tx.list(LBListenerRuleResource.typeName, account: context.account, region: context.region) where r["listener_arn"]?.stringValue == l.id {
                    tx.delete(r)
                }
                tx.delete(l)
            }
            tx.delete(o)
        }
    }
}
