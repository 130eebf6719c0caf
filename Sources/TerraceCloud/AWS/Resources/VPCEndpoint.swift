import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_vpc_endpoint`: Gateway endpoints (S3, DynamoDB) added to route tables, Interface
/// endpoints with a network interface per subnet. The service must exist in the region and
/// offer the endpoint type; private DNS needs DNS support and hostnames on the VPC.
public struct VPCEndpointResource: AWSResource {
    public static let typeName = "aws_vpc_endpoint"
    public let serviceName = "VPC Endpoint"
    public init() {}

    static let dnsOptions = SchemaBlock(attributes: [
        "dns_record_ip_type": .optionalComputed(.string),
        "private_dns_only_for_inbound_resolver_endpoint": .optional(.bool),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "auto_accept": .optional(.bool),
        "cidr_blocks": .computed(.list(.string)),
        "dns_entry": .computed(.list(.object(["dns_name": .string, "hosted_zone_id": .string]))),
        "ip_address_type": .optionalComputed(.string),
        "network_interface_ids": .computed(.set(.string)),
        "owner_id": .computed(.string),
        "policy": .optionalComputed(.string),
        "prefix_list_id": .computed(.string),
        "private_dns_enabled": .optionalComputed(.bool),
        "requester_managed": .computed(.bool),
        "route_table_ids": .optionalComputed(.set(.string)),
        "security_group_ids": .optionalComputed(.set(.string)),
        "service_name": .required(.string, forceNew: true),
        "state": .computed(.string),
        "subnet_ids": .optionalComputed(.set(.string)),
        "vpc_endpoint_type": .optional(.string, forceNew: true, default: .string("Gateway")),
        "vpc_id": .required(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "dns_options": NestedBlock(.list, dnsOptions, maxItems: 1),
    ]))

    public var rules: [String] {
        [
            "`service_name` must be a service of the region (`InvalidServiceName`) offering `vpc_endpoint_type` (S3 and DynamoDB offer Gateway endpoints).",
            "Interface endpoints take at most one subnet per availability zone (`DuplicateSubnetsInSameZone`); subnets, security groups and route tables must be in the endpoint's VPC.",
            "`private_dns_enabled` needs `enable_dns_support` and `enable_dns_hostnames` on the VPC.",
        ]
    }

    public var importID: String { "the endpoint ID (`vpce-…`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '\(id)' does not exist") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("vpc_endpoint_type", ["Gateway", "GatewayLoadBalancer", "Interface"])
        v.oneOf("ip_address_type", ["ipv4", "dualstack", "ipv6"])
        v.json("policy", policy: true)
        return v.diags
    }

    /// The endpoint services of a region and the endpoint types they offer.
    static func services(_ region: String) -> [String: [String]] {
        var s: [String: [String]] = ["s3": ["Gateway", "Interface"], "dynamodb": ["Gateway", "Interface"]]
        for name in ["ecr.api", "ecr.dkr", "ecs", "ecs-agent", "ecs-telemetry", "logs", "monitoring", "secretsmanager", "ssm",
                     "ssmmessages", "ec2messages", "ec2", "sts", "kms", "sns", "sqs", "elasticloadbalancing", "rds",
                     "elasticache", "execute-api", "events", "lambda", "xray", "autoscaling", "application-autoscaling",
                     "cloudformation", "codebuild", "athena", "glue", "kinesis-streams", "elasticfilesystem"] {
            s[name] = ["Interface"]
        }
        return Dictionary(uniqueKeysWithValues: s.map { ("com.amazonaws.\(region).\($0.key)", $0.value) })
    }

    /// S3's and DynamoDB's managed prefix lists per region.
    static let prefixLists: [String: String] = [
        "us-east-1.s3": "pl-63a5400a", "us-east-1.dynamodb": "pl-02cd2c6b",
        "us-west-2.s3": "pl-68a54001", "us-west-2.dynamodb": "pl-00a54069",
        "eu-west-1.s3": "pl-6da54004", "eu-west-1.dynamodb": "pl-6fa54006",
        "ap-southeast-1.s3": "pl-6fa54006", "ap-southeast-1.dynamodb": "pl-67a5400e",
    ]

    static let fullAccessPolicy = #"{"Statement":[{"Action":"*","Effect":"Allow","Principal":"*","Resource":"*"}],"Version":"2008-10-17"}"#

    func check(_ v: Value, vpc: String, tx: CloudTransaction, context: AWSContext) throws {
        let type = v.str("vpc_endpoint_type") ?? "Gateway"
        for rt in v.strings("route_table_ids") {
            guard let o = tx.get(RouteTableResource.typeName, id: rt, account: context.account, region: context.region) else {
                throw RouteTableResource().notFound(rt)
            }
            if o["vpc_id"]?.stringValue != vpc {
                throw CloudError.invalidParameter("route table \(rt) does not belong to vpc \(vpc)")
            }
        }
        var zones: Set<String> = []
        for s in v.strings("subnet_ids") {
            guard let o = tx.get(SubnetResource.typeName, id: s, account: context.account, region: context.region) else {
                throw SubnetResource().notFound(s)
            }
            if o["vpc_id"]?.stringValue != vpc {
                throw CloudError.invalidParameter("The subnet ID '\(s)' does not belong to VPC '\(vpc)'")
            }
            if !zones.insert(o["availability_zone"]?.stringValue ?? "").inserted {
                throw CloudError("DuplicateSubnetsInSameZone", "Found another VPC endpoint subnet in the availability zone of \(s). VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.")
            }
        }
        for g in v.strings("security_group_ids") {
            guard let o = tx.get(SecurityGroupResource.typeName, id: g, account: context.account, region: context.region) else {
                throw SecurityGroupResource().notFound(g)
            }
            if o["vpc_id"]?.stringValue != vpc {
                throw CloudError("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.")
            }
        }
        if type == "Interface", v.bool("private_dns_enabled") == true,
           let o = tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region),
           o["enable_dns_support"]?.boolValue != true || o["enable_dns_hostnames"]?.boolValue != true {
            throw CloudError("InvalidParameter", "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for \(vpc)")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let service = planned.str("service_name") ?? ""
        let type = planned.str("vpc_endpoint_type") ?? "Gateway"
        guard let types = Self.services(context.region)[service] else {
            throw CloudError("InvalidServiceName", "The Vpc Endpoint Service '\(service)' does not exist")
        }
        guard types.contains(type) else {
            throw CloudError("InvalidParameter", "Endpoint type (\(type)) does not match available service types ([\(types.joined(separator: ", "))]).")
        }
        if let p = planned.str("policy"), let problem = PolicyJSON.malformed(p, kind: .resource) { throw problem }
        let vpc = planned.str("vpc_id") ?? ""
        return try createOnce(token: token, context: context) { tx in
            guard tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region) != nil else { throw VPCResource().notFound(vpc) }
            try check(planned, vpc: vpc, tx: tx, context: context)
            let id = AWSIDs.ec2("vpce")
            let short = service.replacingOccurrences(of: "com.amazonaws.\(context.region).", with: "")
            let interface = type == "Interface"
            let dns: [Value] = interface ? [
                .object(["dns_name": .string("\(id)-\(AWSIDs.hex(8)).\(short).\(context.region).vpce.amazonaws.com"), "hosted_zone_id": .string("Z7HUB22UULQXV")]),
            ] : []
            let subnets = planned.strings("subnet_ids")
            return try put(planned, id: id, fill: [
                "arn": .string(context.arn("ec2", "vpc-endpoint/\(id)")),
                "cidr_blocks": .stringList(interface ? [] : ["54.231.0.0/16", "52.216.0.0/15"]),
                "dns_entry": Value(.list(dns, element: .object(["dns_name": .string, "hosted_zone_id": .string]))),
                "ip_address_type": .string(interface ? "ipv4" : ""),
                "network_interface_ids": .stringSet(interface ? subnets.map { _ in AWSIDs.ec2("eni") } : []),
                "owner_id": .string(context.account),
                "policy": .string(Self.fullAccessPolicy),
                "prefix_list_id": .string(interface ? "" : Self.prefixLists["\(context.region).\(short)"] ?? ""),
                "private_dns_enabled": .bool(false),
                "requester_managed": .bool(false),
                "route_table_ids": .stringSet([]),
                "security_group_ids": .stringSet([]),
                "state": .string("available"),
                "subnet_ids": .stringSet([]),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
        try check(v, vpc: stored["vpc_id"]?.stringValue ?? "", tx: tx, context: context)
        return v
    }

    /// A policy written differently but meaning the same is no change.
    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var config = req.config
        if let p = config.str("policy"), let prior = req.prior?.str("policy"), PolicyJSON.equivalent(p, prior) {
            config = config.with("policy", .string(prior))
        }
        return standardPlan(PlanRequest(typeName: req.typeName, prior: req.prior, config: config), context: context)
    }
}
