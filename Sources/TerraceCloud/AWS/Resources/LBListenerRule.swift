import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_lb_listener_rule`: conditions and actions at a priority of a listener. Priorities are
/// unique per listener; without one the rule goes after the last.
public struct LBListenerRuleResource: AWSResource {
    public static let typeName = "aws_lb_listener_rule"
    public let serviceName = "ELBv2 Listener Rule"
    public init() {}

    static func values(_ extra: [String: SchemaAttribute] = [:]) -> SchemaBlock {
        SchemaBlock(attributes: ["values": .required(.set(.string))].merging(extra) { a, _ in a })
    }

    static let condition = SchemaBlock(blockTypes: [
        "host_header": NestedBlock(.list, values(), maxItems: 1),
        "http_header": NestedBlock(.list, values(["http_header_name": .required(.string)]), maxItems: 1),
        "http_request_method": NestedBlock(.list, values(), maxItems: 1),
        "path_pattern": NestedBlock(.list, values(), maxItems: 1),
        "query_string": NestedBlock(.set, SchemaBlock(attributes: ["key": .optional(.string), "value": .required(.string)])),
        "source_ip": NestedBlock(.list, values(), maxItems: 1),
    ])

    static let conditionKinds = ["host_header", "http_header", "http_request_method", "path_pattern", "query_string", "source_ip"]

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "listener_arn": .required(.string, forceNew: true),
        "priority": .optionalComputed(.number),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "action": NestedBlock(.list, LoadBalancerActions.action, minItems: 1),
        "condition": NestedBlock(.set, condition, minItems: 1),
    ]))

    public var rules: [String] {
        [
            "The listener must exist (`ListenerNotFound`); `priority` is 1 to 50000 and unique per listener (`PriorityInUse`).",
            "Each condition has exactly one kind; a rule has at most five condition values (`TooManyConditionValues`).",
            "Forwarded-to target groups follow the listener's rules.",
        ]
    }

    public var importID: String { "the listener rule ARN" }

    public func notFound(_ id: String) -> CloudError { .notFound("RuleNotFound", "One or more rules not found") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.between("priority", 1, 50000)
        var d = v.diags
        d += LoadBalancerActions.validate(config.items("action"), name: "action")
        for c in config.items("condition") where c.isWhollyKnown {
            let set = Self.conditionKinds.filter { !c.items($0).isEmpty }
            if set.count != 1 {
                d += .error("Only one of host_header, http_header, http_request_method, path_pattern, query_string or source_ip can be set in a condition block")
            }
        }
        return d
    }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext, existing: String?) throws -> (listener: CloudObject, priority: Int) {
        let listenerARN = v.str("listener_arn") ?? ""
        guard let listener = tx.get(LBListenerResource.typeName, id: listenerARN, account: context.account, region: context.region) else {
            throw LBListenerResource().notFound(listenerARN)
        }
        let siblings = tx.list(Self.typeName, account: context.account, region: context.region)
            .filter { $0.id != existing && $0["listener_arn"]?.stringValue == listenerARN }
        let taken = Set(siblings.compactMap { $0["priority"]?.intValue })
        let priority = v.int("priority") ?? ((taken.max() ?? 0) + 1)
        if taken.contains(priority) { throw CloudError("PriorityInUse", "Priority '\(priority)' is currently in use") }
        let valueCount = v.items("condition").reduce(0) { n, c in
            n + Self.conditionKinds.reduce(0) { m, k in m + c.items(k).reduce(0) { $0 + max(1, $1.items("values").count) } }
        }
        if valueCount > 5 {
            throw CloudError("TooManyConditionValues", "A rule can only have '5' condition values")
        }
        try LoadBalancerActions.check(v.items("action"), loadBalancer: listener["load_balancer_arn"]?.stringValue ?? "", tx: tx, context: context)
        return (listener, priority)
    }

    func resolvedActions(_ v: Value) -> Value {
        v.with("action", .blockList(LoadBalancerActions.resolved(v.items("action")), LoadBalancerActions.action))
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            let (listener, priority) = try check(planned, tx: tx, context: context, existing: nil)
            let listenerPath = listener.id.components(separatedBy: ":listener/").last ?? ""
            let arn = context.arn("elasticloadbalancing", "listener-rule/\(listenerPath)/\(AWSIDs.hex(16))")
            return try put(resolvedActions(planned), id: arn, fill: ["arn": .string(arn), "priority": .number(priority)],
                           token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = resolvedActions(withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context))
        _ = try check(v, tx: tx, context: context, existing: stored.id)
        return v
    }
}
