import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_lb_listener`: a port and protocol on a load balancer with its default action. HTTPS
/// and TLS need a certificate; a port is used once per load balancer; forwarded-to target
/// groups must exist, be in the load balancer's VPC and belong to no other load balancer.
public struct LBListenerResource: AWSResource {
    public static let typeName = "aws_lb_listener"
    public let serviceName = "ELBv2 Listener"
    public init() {}

    static let mutualAuthentication = SchemaBlock(attributes: [
        "ignore_client_certificate_expiry": .optional(.bool, default: .bool(false)),
        "mode": .required(.string),
        "trust_store_arn": .optional(.string),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "alpn_policy": .optional(.string),
        "arn": .computed(.string),
        "certificate_arn": .optional(.string),
        "load_balancer_arn": .required(.string, forceNew: true),
        "port": .optional(.number),
        "protocol": .optionalComputed(.string),
        "ssl_policy": .optionalComputed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "default_action": NestedBlock(.list, LoadBalancerActions.action, minItems: 1),
        "mutual_authentication": NestedBlock(.list, mutualAuthentication, maxItems: 1),
    ]))

    public var rules: [String] {
        [
            "The load balancer must exist (`LoadBalancerNotFound`); a port is used once per load balancer (`DuplicateListener`).",
            "An application load balancer listens with HTTP or HTTPS, a network load balancer with TCP, TLS, UDP or TCP_UDP (`ValidationError`).",
            "HTTPS and TLS listeners need `certificate_arn`, of an existing certificate (`CertificateNotFound`).",
            "Forwarded-to target groups must exist (`TargetGroupNotFound`), be in the load balancer's VPC and not be used by another load balancer (`TargetGroupAssociationLimit`).",
            "Redirects use `HTTP_301` or `HTTP_302`.",
        ]
    }

    public var importID: String { "the listener ARN" }

    public func notFound(_ id: String) -> CloudError { .notFound("ListenerNotFound", "One or more listeners not found") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.between("port", 1, 65535)
        v.oneOf("protocol", ["GENEVE", "HTTP", "HTTPS", "TCP", "TCP_UDP", "TLS", "UDP"])
        var d = v.diags
        d += LoadBalancerActions.validate(config.items("default_action"), name: "default_action")
        return d
    }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext, existing: String?) throws -> (lb: CloudObject, proto: String) {
        let lbARN = v.str("load_balancer_arn") ?? ""
        guard let lb = tx.get(LoadBalancerResource.typeName, id: lbARN, account: context.account, region: context.region) else {
            throw LoadBalancerResource().notFound(lbARN)
        }
        let type = lb["load_balancer_type"]?.stringValue ?? "application"
        let allowed = type == "application" ? ["HTTP", "HTTPS"] : type == "network" ? ["TCP", "TLS", "UDP", "TCP_UDP"] : ["GENEVE"]
        let proto = v.str("protocol") ?? allowed[0]
        if !allowed.contains(proto) {
            throw CloudError("ValidationError", "Listener protocol '\(proto)' must be one of '\(allowed.joined(separator: ", "))'")
        }
        if type != "gateway" && !v.has("port") { throw CloudError("ValidationError", "A listener port must be specified") }
        if let port = v.int("port"), tx.list(Self.typeName, account: context.account, region: context.region)
            .contains(where: { $0.id != existing && $0["load_balancer_arn"]?.stringValue == lbARN && $0["port"]?.intValue == port }) {
            throw CloudError("DuplicateListener", "A listener already exists on this port for this load balancer '\(lbARN)'")
        }
        if ["HTTPS", "TLS"].contains(proto) {
            guard let cert = v.str("certificate_arn") else {
                throw CloudError("ValidationError", "A certificate must be specified for \(proto) listeners")
            }
            let known = tx.list("aws_acm_certificate", account: context.account, region: context.region).contains { $0["arn"]?.stringValue == cert }
                || cert.hasPrefix("arn:aws:iam::")
            if !known { throw CloudError("CertificateNotFound", "Certificate '\(cert)' not found") }
        }
        try LoadBalancerActions.check(v.items("default_action"), loadBalancer: lbARN, tx: tx, context: context)
        return (lb, proto)
    }

    func resolvedActions(_ v: Value) -> Value {
        v.with("default_action", .blockList(LoadBalancerActions.resolved(v.items("default_action")), LoadBalancerActions.action))
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            let (lb, proto) = try check(planned, tx: tx, context: context, existing: nil)
            let lbSuffix = (lb["arn_suffix"]?.stringValue ?? "")
            let arn = context.arn("elasticloadbalancing", "listener/\(lbSuffix)/\(AWSIDs.hex(16))")
            return try put(resolvedActions(planned), id: arn, fill: [
                "arn": .string(arn), "protocol": .string(proto),
                "ssl_policy": .string(["HTTPS", "TLS"].contains(proto) ? "ELBSecurityPolicy-2016-08" : ""),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = resolvedActions(withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context))
        _ = try check(v, tx: tx, context: context, existing: stored.id)
        return v
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            for r in tx.list(LBListenerRuleResource.typeName, account: context.account, region: context.region) where r["listener_arn"]?.stringValue == id {
                tx.delete(r)
            }
            tx.delete(o)
        }
    }
}
