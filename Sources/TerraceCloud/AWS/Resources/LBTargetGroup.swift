import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_lb_target_group`: port, protocol and VPC for instance and IP targets; health check and
/// stickiness settings AWS fills in when they are not given. A group a listener or rule still
/// forwards to cannot be deleted.
public struct LBTargetGroupResource: AWSResource {
    public static let typeName = "aws_lb_target_group"
    public let serviceName = "ELBv2 Target Group"
    public init() {}

    static let healthCheck = SchemaBlock(attributes: [
        "enabled": .optional(.bool, default: .bool(true)),
        "healthy_threshold": .optional(.number, default: .number(3)),
        "interval": .optional(.number, default: .number(30)),
        "matcher": .optionalComputed(.string),
        "path": .optionalComputed(.string),
        "port": .optional(.string, default: .string("traffic-port")),
        "protocol": .optional(.string, default: .string("HTTP")),
        "timeout": .optionalComputed(.number),
        "unhealthy_threshold": .optional(.number, default: .number(3)),
    ])

    static let stickiness = SchemaBlock(attributes: [
        "cookie_duration": .optional(.number, default: .number(86400)),
        "cookie_name": .optional(.string),
        "enabled": .optional(.bool, default: .bool(true)),
        "type": .required(.string),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "arn_suffix": .computed(.string),
        "connection_termination": .optionalComputed(.bool),
        "deregistration_delay": .optional(.string, default: .string("300")),
        "ip_address_type": .optionalComputed(.string, forceNew: true),
        "lambda_multi_value_headers_enabled": .optional(.bool, default: .bool(false)),
        "load_balancer_arns": .computed(.set(.string)),
        "load_balancing_algorithm_type": .optionalComputed(.string),
        "load_balancing_anomaly_mitigation": .optionalComputed(.string),
        "load_balancing_cross_zone_enabled": .optionalComputed(.string),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "port": .optional(.number, forceNew: true),
        "preserve_client_ip": .optionalComputed(.string),
        "protocol": .optional(.string, forceNew: true),
        "protocol_version": .optionalComputed(.string, forceNew: true),
        "proxy_protocol_v2": .optional(.bool, default: .bool(false)),
        "slow_start": .optional(.number, default: .number(0)),
        "target_type": .optional(.string, forceNew: true, default: .string("instance")),
        "vpc_id": .optional(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "health_check": NestedBlock(.list, healthCheck, maxItems: 1),
        "stickiness": NestedBlock(.list, stickiness, maxItems: 1),
    ]))

    public var computedBlocks: Set<String> { ["health_check", "stickiness"] }

    public var rules: [String] {
        [
            "`name` has at most 32 letters, digits and hyphens, not at either end; names are unique in a region (`DuplicateTargetGroupName`).",
            "Targets other than Lambda functions need `port`, `protocol` and an existing `vpc_id` (`ValidationError`).",
            "The health check timeout must be smaller than the interval; thresholds are 2 to 10; the interval is 5 to 300 seconds.",
            "`deregistration_delay` is 0 to 3600 seconds; `slow_start` is 0 or 30 to 900.",
            "A group a listener or listener rule forwards to cannot be deleted (`ResourceInUse`).",
        ]
    }

    public var importID: String { "the target group ARN" }

    public func notFound(_ id: String) -> CloudError { .notFound("TargetGroupNotFound", "One or more target groups not found") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        if let n = v.known("name")?.stringValue { for p in LoadBalancerResource.nameProblems(n, attribute: "name") { v.error(p) } }
        v.length("name_prefix", 0, 6)
        v.conflicts("name", "name_prefix")
        v.oneOf("target_type", ["instance", "ip", "lambda", "alb"])
        v.oneOf("protocol", ["GENEVE", "HTTP", "HTTPS", "TCP", "TCP_UDP", "TLS", "UDP"])
        v.between("port", 1, 65535)
        if let d = v.known("deregistration_delay")?.stringValue, Int(d).map({ $0 < 0 || $0 > 3600 }) ?? true {
            v.error("expected deregistration_delay to be in the range (0 - 3600), got \(d)")
        }
        if let s = v.known("slow_start")?.intValue, s != 0 && (s < 30 || s > 900) {
            v.error("expected slow_start to be in the range (30 - 900), got \(s)")
        }
        if let hc = config.block("health_check") {
            var h = Validate(hc)
            h.between("healthy_threshold", 2, 10)
            h.between("unhealthy_threshold", 2, 10)
            h.between("interval", 5, 300)
            h.between("timeout", 2, 120)
            v.diags += h.diags
        }
        if let st = config.block("stickiness") {
            var s = Validate(st)
            s.oneOf("type", ["lb_cookie", "app_cookie", "source_ip", "source_ip_dest_ip", "source_ip_dest_ip_proto"])
            s.between("cookie_duration", 1, 604800)
            v.diags += s.diags
        }
        return v.diags
    }

    /// The health check AWS applies: the configured settings over the protocol's defaults.
    static func healthCheck(_ configured: Value?, protocol proto: String?, targetType: String) -> Value {
        let http = ["HTTP", "HTTPS"].contains(proto ?? "HTTP") || targetType == "lambda"
        let hcProto = configured?.str("protocol") ?? "HTTP"
        let httpCheck = ["HTTP", "HTTPS"].contains(hcProto)
        let base: [String: Value] = [
            "enabled": .bool(true), "healthy_threshold": .number(configured == nil ? (http ? 5 : 3) : 3),
            "interval": .number(30), "matcher": httpCheck ? .string("200") : .string(""), "path": httpCheck ? .string("/") : .string(""),
            "port": .string("traffic-port"), "protocol": .string(configured == nil ? (http ? "HTTP" : proto ?? "TCP") : "HTTP"),
            "timeout": .number(http ? 5 : 10), "unhealthy_threshold": .number(configured == nil ? (http ? 2 : 3) : 3),
        ]
        var attrs = base
        for (k, v) in configured?.attributes ?? [:] where !v.isNull && v.isKnown { attrs[k] = v }
        return .object(attrs)
    }

    /// The load balancers whose listeners or rules forward to the target group `arn`.
    static func loadBalancers(of arn: String, tx: CloudTransaction, context: AWSContext) -> [String] {
        var out: Set<String> = []
        let listeners = tx.list(LBListenerResource.typeName, account: context.account, region: context.region)
        for l in listeners where l.refers(to: arn) { if let lb = l["load_balancer_arn"]?.stringValue { out.insert(lb) } }
        for r in tx.list(LBListenerRuleResource.typeName, account: context.account, region: context.region) where r.refers(to: arn) {
            if let l = listeners.first(where: { $0.id == r["listener_arn"]?.stringValue }), let lb = l["load_balancer_arn"]?.stringValue { out.insert(lb) }
        }
        return out.sorted()
    }

    func check(_ v: Value) throws {
        if v.str("target_type") != "lambda" {
            if !v.has("port") { throw CloudError("ValidationError", "A port must be specified") }
            if !v.has("protocol") { throw CloudError("ValidationError", "A protocol must be specified") }
            if !v.has("vpc_id") { throw CloudError("ValidationError", "A VPC ID must be specified") }
        }
        if let hc = v.block("health_check"), let t = hc.int("timeout"), let i = hc.int("interval"), t >= i {
            throw CloudError("ValidationError", "Health check timeout must be smaller than the interval")
        }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let name = planned.str("name") ?? String(AWSIDs.uniqueName(prefix: planned.str("name_prefix") ?? "tf-").prefix(32))
        let targetType = planned.str("target_type") ?? "instance"
        let configuredHC = planned.items("health_check").first
        let hc = Self.healthCheck(configuredHC, protocol: planned.str("protocol"), targetType: targetType)
        let sticky = planned.items("stickiness").first ?? .object([
            "cookie_duration": .number(86400), "cookie_name": .null(.string), "enabled": .bool(false), "type": .string("lb_cookie"),
        ])
        var p = planned.with("health_check", .blockList([hc], Self.healthCheck))
            .with("stickiness", .blockList([sticky], Self.stickiness))
        try check(p)
        return try createOnce(token: token, context: context) { tx in
            if let vpc = p.str("vpc_id"), tx.get(VPCResource.typeName, id: vpc, account: context.account, region: context.region) == nil {
                throw VPCResource().notFound(vpc)
            }
            if tx.list(Self.typeName, account: context.account, region: context.region).contains(where: { $0["name"]?.stringValue == name }) {
                throw CloudError("DuplicateTargetGroupName", "A target group with the same name '\(name)' exists, but with different settings")
            }
            let suffix = "targetgroup/\(name)/\(AWSIDs.hex(16))"
            let arn = context.arn("elasticloadbalancing", suffix)
            let http = ["HTTP", "HTTPS"].contains(p.str("protocol") ?? "")
            p = p.with("name", .string(name))
            return try put(p, id: arn, fill: [
                "arn": .string(arn), "arn_suffix": .string(suffix),
                "name_prefix": .string(p.str("name_prefix") ?? ""),
                "connection_termination": .bool(false),
                "ip_address_type": .string("ipv4"),
                "load_balancer_arns": .stringSet([]),
                "load_balancing_algorithm_type": .string(http ? "round_robin" : ""),
                "load_balancing_anomaly_mitigation": .string(http ? "off" : ""),
                "load_balancing_cross_zone_enabled": .string("use_load_balancer_configuration"),
                "preserve_client_ip": .string(targetType == "ip" || http ? "" : "true"),
                "protocol_version": .string(http ? "HTTP1" : ""),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        var v = withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
        if let hc = v.items("health_check").first {
            v = v.with("health_check", .blockList([Self.healthCheck(hc, protocol: v.str("protocol"), targetType: v.str("target_type") ?? "instance")], Self.healthCheck))
        }
        try check(v)
        return v
    }

    /// The group with the load balancers that use it now.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        let lbs = try context.store.mutate { tx in Self.loadBalancers(of: id, tx: tx, context: context) }
        return decode(o).with("load_balancer_arns", .stringSet(lbs))
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        guard let o = context.store.list(Self.typeName, account: context.account, region: context.region).first(where: { $0.token == token }) else { return nil }
        return try? importByID(o.id, context: context)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            let users = tx.referencing(id, account: context.account, region: context.region,
                                       kinds: [LBListenerResource.typeName, LBListenerRuleResource.typeName])
            if !users.isEmpty {
                throw CloudError("ResourceInUse", "Target group '\(id)' is currently in use by a listener or a rule")
            }
            tx.delete(o)
        }
    }
}
