import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_appautoscaling_target`: registers a scalable dimension (an ECS service's desired
/// count, a DynamoDB table's capacity, …). The ID is the resource ID; import takes
/// `NAMESPACE/RESOURCE/DIMENSION`. Deregistering deletes the target's policies.
public struct AppAutoscalingTargetResource: KeyedResource {
    public static let typeName = "aws_appautoscaling_target"
    public let serviceName = "Application Auto Scaling Target"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "max_capacity": .required(.number),
        "min_capacity": .required(.number),
        "resource_id": .required(.string, forceNew: true),
        "role_arn": .optionalComputed(.string),
        "scalable_dimension": .required(.string, forceNew: true),
        "service_namespace": .required(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "suspended_state": NestedBlock(.list, SchemaBlock(attributes: [
            "dynamic_scaling_in_suspended": .optional(.bool, default: .bool(false)),
            "dynamic_scaling_out_suspended": .optional(.bool, default: .bool(false)),
            "scheduled_scaling_suspended": .optional(.bool, default: .bool(false)),
        ]), maxItems: 1),
    ]))

    public var computedBlocks: Set<String> { ["suspended_state"] }

    public var rules: [String] {
        [
            "`min_capacity` must not exceed `max_capacity` (`ValidationException`).",
            "An ECS target (`service/CLUSTER/SERVICE`, `ecs:service:DesiredCount`) must name an existing service (`ValidationException`).",
            "The scalable dimension must belong to the service namespace.",
        ]
    }

    public var importID: String { "`SERVICE_NAMESPACE/RESOURCE_ID/SCALABLE_DIMENSION` (for example `ecs/service/app/web/ecs:service:DesiredCount`)" }

    public func notFound(_ id: String) -> CloudError { .notFound("ObjectNotFoundException", "No scalable target registered for \(id)") }

    static let namespaces = ["appstream", "cassandra", "comprehend", "custom-resource", "dynamodb", "ec2", "ecs", "elasticache",
                             "elasticmapreduce", "kafka", "lambda", "neptune", "rds", "sagemaker", "workspaces"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("service_namespace", Self.namespaces)
        return v.diags
    }

    static func storageID(_ v: Value) -> String {
        "\(v.str("service_namespace") ?? "")/\(v.str("resource_id") ?? "")/\(v.str("scalable_dimension") ?? "")"
    }

    func check(_ v: Value, tx: CloudTransaction, context: AWSContext) throws {
        func invalid(_ m: String) -> CloudError { CloudError("ValidationException", m) }
        let ns = v.str("service_namespace") ?? "", dim = v.str("scalable_dimension") ?? "", res = v.str("resource_id") ?? ""
        if let lo = v.int("min_capacity"), let hi = v.int("max_capacity"), lo > hi {
            throw invalid("Minimum capacity cannot be greater than maximum capacity")
        }
        if !dim.hasPrefix("\(ns):") && !(ns == "custom-resource") {
            throw invalid("Unsupported scalable dimension '\(dim)' for service namespace '\(ns)'")
        }
        if ns == "ecs" {
            let parts = res.split(separator: "/").map(String.init)
            guard parts.count == 3, parts[0] == "service" else {
                throw invalid("Unsupported resource ID format for ecs: \(res)")
            }
            let arn = "arn:aws:ecs:\(context.region):\(context.account):service/\(parts[1])/\(parts[2])"
            if tx.get(ECSServiceResource.typeName, id: arn, account: context.account, region: context.region) == nil {
                throw invalid("ECS service doesn't exist: \(res)")
            }
        }
    }

    static func serviceRole(_ ns: String, account: String) -> String {
        let roles = ["ecs": "ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService",
                     "dynamodb": "dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable",
                     "rds": "rds.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_RDSCluster",
                     "elasticache": "elasticache.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ElastiCacheRG"]
        return "arn:aws:iam::\(account):role/aws-service-role/\(roles[ns] ?? "\(ns).application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling")"
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            try check(planned, tx: tx, context: context)
            let ns = planned.str("service_namespace") ?? ""
            let suspended = Value.object([
                "dynamic_scaling_in_suspended": .bool(false), "dynamic_scaling_out_suspended": .bool(false), "scheduled_scaling_suspended": .bool(false),
            ])
            var p = planned
            if p.items("suspended_state").isEmpty { p = p.with("suspended_state", Value(.list([suspended], element: suspended.type))) }
            // Registering an existing target updates it, as RegisterScalableTarget does.
            return try put(p, id: Self.storageID(planned), fill: [
                "id": .string(planned.str("resource_id") ?? ""),
                "arn": .string(context.arn("application-autoscaling", "scalable-target/\(AWSIDs.hex(36))")),
                "role_arn": .string(Self.serviceRole(ns, account: context.account)),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
        try check(v, tx: tx, context: context)
        return v
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        let key = Self.storageID(state)
        try context.store.mutate { tx in
            guard let o = tx.get(Self.typeName, id: key, account: context.account, region: context.region) else { return }
            for p in tx.list(AppAutoscalingPolicyResource.typeName, account: context.account, region: context.region)
            where AppAutoscalingPolicyResource.targetKey(p) == key {
                tx.delete(p)
            }
            tx.delete(o)
        }
    }
}
