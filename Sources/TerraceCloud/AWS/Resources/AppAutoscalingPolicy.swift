import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_appautoscaling_policy`: step or target tracking scaling of a registered target. Target
/// tracking creates the CloudWatch alarms that drive it. The ID is the policy name; import
/// takes `NAMESPACE/RESOURCE/DIMENSION/NAME`.
public struct AppAutoscalingPolicyResource: KeyedResource {
    public static let typeName = "aws_appautoscaling_policy"
    public let serviceName = "Application Auto Scaling Policy"
    public init() {}

    static let stepAdjustment = SchemaBlock(attributes: [
        "metric_interval_lower_bound": .optional(.string),
        "metric_interval_upper_bound": .optional(.string),
        "scaling_adjustment": .required(.number),
    ])

    static let stepConfiguration = SchemaBlock(attributes: [
        "adjustment_type": .optional(.string),
        "cooldown": .optional(.number),
        "metric_aggregation_type": .optionalComputed(.string),
        "min_adjustment_magnitude": .optional(.number),
    ], blockTypes: [
        "step_adjustment": NestedBlock(.set, stepAdjustment),
    ])

    static let customizedMetric = SchemaBlock(attributes: [
        "metric_name": .optional(.string),
        "namespace": .optional(.string),
        "statistic": .optional(.string),
        "unit": .optional(.string),
    ], blockTypes: [
        "dimensions": NestedBlock(.set, SchemaBlock(attributes: ["name": .required(.string), "value": .required(.string)])),
    ])

    static let targetTracking = SchemaBlock(attributes: [
        "disable_scale_in": .optional(.bool, default: .bool(false)),
        "scale_in_cooldown": .optional(.number),
        "scale_out_cooldown": .optional(.number),
        "target_value": .required(.number),
    ], blockTypes: [
        "customized_metric_specification": NestedBlock(.list, customizedMetric, maxItems: 1),
        "predefined_metric_specification": NestedBlock(.list, SchemaBlock(attributes: [
            "predefined_metric_type": .required(.string),
            "resource_label": .optional(.string),
        ]), maxItems: 1),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "alarm_arns": .computed(.list(.string)),
        "arn": .computed(.string),
        "name": .required(.string, forceNew: true),
        "policy_type": .optional(.string, default: .string("StepScaling")),
        "resource_id": .required(.string, forceNew: true),
        "scalable_dimension": .required(.string, forceNew: true),
        "service_namespace": .required(.string, forceNew: true),
    ], blockTypes: [
        "step_scaling_policy_configuration": NestedBlock(.list, stepConfiguration, maxItems: 1),
        "target_tracking_scaling_policy_configuration": NestedBlock(.list, targetTracking, maxItems: 1),
    ]))

    public var rules: [String] {
        [
            "The scalable target must be registered first (`ObjectNotFoundException`).",
            "`TargetTrackingScaling` needs `target_tracking_scaling_policy_configuration` with one metric specification; `StepScaling` needs `step_scaling_policy_configuration`.",
            "Predefined metric types must suit the namespace; `ALBRequestCountPerTarget` needs a `resource_label` (`app/LB/ID/targetgroup/TG/ID`) of an existing load balancer and target group.",
        ]
    }

    public var importID: String { "`SERVICE_NAMESPACE/RESOURCE_ID/SCALABLE_DIMENSION/POLICY_NAME`" }

    public func notFound(_ id: String) -> CloudError { .notFound("ObjectNotFoundException", "No scaling policy found for \(id)") }

    static let predefined: [String: [String]] = [
        "ecs": ["ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization", "ALBRequestCountPerTarget"],
        "dynamodb": ["DynamoDBReadCapacityUtilization", "DynamoDBWriteCapacityUtilization"],
        "rds": ["RDSReaderAverageCPUUtilization", "RDSReaderAverageDatabaseConnections"],
        "elasticache": ["ElastiCachePrimaryEngineCPUUtilization", "ElastiCacheReplicaEngineCPUUtilization", "ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage", "ElastiCacheDatabaseCapacityUsageCountedForEvictPercentage"],
    ]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("policy_type", ["PredictiveScaling", "StepScaling", "TargetTrackingScaling"])
        v.length("name", 0, 255)
        return v.diags
    }

    static func targetKey(_ o: CloudObject) -> String {
        "\(o["service_namespace"]?.stringValue ?? "")/\(o["resource_id"]?.stringValue ?? "")/\(o["scalable_dimension"]?.stringValue ?? "")"
    }

    static func storageID(_ v: Value) -> String { "\(AppAutoscalingTargetResource.storageID(v))/\(v.str("name") ?? "")" }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext) throws {
        func invalid(_ m: String) -> CloudError { CloudError("ValidationException", m) }
        let ns = v.str("service_namespace") ?? "", res = v.str("resource_id") ?? "", dim = v.str("scalable_dimension") ?? ""
        if tx.get(AppAutoscalingTargetResource.typeName, id: AppAutoscalingTargetResource.storageID(v), account: context.account, region: context.region) == nil {
            throw CloudError("ObjectNotFoundException", "No scalable target registered for service namespace: \(ns), resource ID: \(res), scalable dimension: \(dim)")
        }
        switch v.str("policy_type") ?? "StepScaling" {
        case "TargetTrackingScaling":
            guard let tt = v.block("target_tracking_scaling_policy_configuration") else {
                throw invalid("TargetTrackingScalingPolicyConfiguration is required for policies of type TargetTrackingScaling")
            }
            let predefined = tt.block("predefined_metric_specification"), custom = tt.block("customized_metric_specification")
            if (predefined == nil) == (custom == nil) {
                throw invalid("Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified")
            }
            if let predefined, let type = predefined.str("predefined_metric_type") {
                if let allowed = Self.predefined[ns], !allowed.contains(type) {
                    throw invalid("Unsupported metric type \(type) for service namespace \(ns)")
                }
                if type == "ALBRequestCountPerTarget" {
                    try checkLabel(predefined.str("resource_label"), tx: tx, context: context)
                }
            }
        case "StepScaling":
            if v.block("step_scaling_policy_configuration") == nil {
                throw invalid("StepScalingPolicyConfiguration is required for policies of type StepScaling")
            }
        default:
            break
        }
    }

    /// `app/LB/ID/targetgroup/TG/ID`: an existing load balancer and target group.
    func checkLabel(_ label: String?, tx: CloudTransaction, context: AWSContext) throws {
        func invalid(_ m: String) -> CloudError { CloudError("ValidationException", m) }
        guard let label, !label.isEmpty else { throw invalid("Resource label is required for the predefined metric type ALBRequestCountPerTarget") }
        let parts = label.components(separatedBy: "/targetgroup/")
        guard parts.count == 2, parts[0].hasPrefix("app/") else {
            throw invalid("Resource label '\(label)' is not valid: expected app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>")
        }
        let lbs = tx.list(LoadBalancerResource.typeName, account: context.account, region: context.region)
        let tgs = tx.list(LBTargetGroupResource.typeName, account: context.account, region: context.region)
        guard lbs.contains(where: { $0["arn_suffix"]?.stringValue == parts[0] }),
              tgs.contains(where: { $0["arn_suffix"]?.stringValue == "targetgroup/\(parts[1])" }) else {
            throw invalid("Resource label '\(label)' does not name an existing load balancer and target group")
        }
    }

    func fill(_ v: Value, context: AWSContext) -> [String: Value] {
        let name = v.str("name") ?? ""
        let res = v.str("resource_id") ?? ""
        let uuid = AWSIDs.uuid()
        var alarms: [String] = []
        if v.str("policy_type") == "TargetTrackingScaling" {
            alarms = ["AlarmHigh", "AlarmLow"].map { context.arn("cloudwatch", "alarm:TargetTracking-\(res)-\($0)-\(AWSIDs.uuid())") }
        }
        return [
            "id": .string(name),
            "alarm_arns": .stringList(alarms),
            "arn": .string(context.arn("autoscaling", "scalingPolicy:\(uuid):resource/\(v.str("service_namespace") ?? "")/\(res):policyName/\(name)")),
        ]
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            try check(planned, tx: tx, context: context)
            var v = resolve(planned, fill(planned, context: context))
            if let step = v.block("step_scaling_policy_configuration"), !(step["metric_aggregation_type"]?.isKnown ?? false) || step["metric_aggregation_type"]?.isNull == true {
                v = v.with("step_scaling_policy_configuration", .blockList([step.with("metric_aggregation_type", .string("Average"))], Self.stepConfiguration))
            }
            try tx.put(CloudObject(kind: Self.typeName, id: Self.storageID(v), account: context.account, region: context.region,
                                   attributes: ValueJSON.encode(v), token: token))
            return v
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = resolve(planned, decode(stored).attributes ?? [:])
        try check(v, tx: tx, context: context)
        return v
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        let key = Self.storageID(state)
        try context.store.mutate { tx in
            if let o = tx.get(Self.typeName, id: key, account: context.account, region: context.region) { tx.delete(o) }
        }
    }
}
