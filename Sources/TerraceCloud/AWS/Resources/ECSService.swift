import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_ecs_service`: runs a task definition in a cluster. The checks ECS makes at
/// `CreateService`/`UpdateService`: the cluster and an active task definition exist; `awsvpc`
/// needs a network configuration in one VPC; load balancer target groups exist, are behind a
/// load balancer, have the `ip` target type for `awsvpc`, and name a container and port of the
/// task definition.
public struct ECSServiceResource: AWSResource {
    public static let typeName = "aws_ecs_service"
    public let serviceName = "ECS Service"
    public init() {}

    static let loadBalancer = SchemaBlock(attributes: [
        "container_name": .required(.string),
        "container_port": .required(.number),
        "elb_name": .optional(.string),
        "target_group_arn": .optional(.string),
    ])

    static let networkConfiguration = SchemaBlock(attributes: [
        "assign_public_ip": .optional(.bool, default: .bool(false)),
        "security_groups": .optional(.set(.string)),
        "subnets": .required(.set(.string)),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "cluster": .optionalComputed(.string, forceNew: true),
        "deployment_maximum_percent": .optional(.number, default: .number(200)),
        "deployment_minimum_healthy_percent": .optional(.number, default: .number(100)),
        "desired_count": .optional(.number),
        "enable_ecs_managed_tags": .optional(.bool, default: .bool(false)),
        "enable_execute_command": .optional(.bool, default: .bool(false)),
        "force_new_deployment": .optional(.bool),
        "health_check_grace_period_seconds": .optional(.number),
        "iam_role": .optionalComputed(.string, forceNew: true),
        "launch_type": .optionalComputed(.string, forceNew: true),
        "name": .required(.string, forceNew: true),
        "platform_version": .optionalComputed(.string),
        "propagate_tags": .optional(.string),
        "scheduling_strategy": .optional(.string, forceNew: true, default: .string("REPLICA")),
        "task_definition": .optional(.string),
        "triggers": .optionalComputed(.map(.string)),
        "wait_for_steady_state": .optional(.bool, default: .bool(false)),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "alarms": NestedBlock(.list, SchemaBlock(attributes: [
            "alarm_names": .required(.set(.string)), "enable": .required(.bool), "rollback": .required(.bool),
        ]), maxItems: 1),
        "capacity_provider_strategy": NestedBlock(.set, SchemaBlock(attributes: [
            "base": .optional(.number), "capacity_provider": .required(.string), "weight": .optional(.number),
        ])),
        "deployment_circuit_breaker": NestedBlock(.list, SchemaBlock(attributes: [
            "enable": .required(.bool), "rollback": .required(.bool),
        ]), maxItems: 1),
        "deployment_controller": NestedBlock(.list, SchemaBlock(attributes: [
            "type": .optional(.string, forceNew: true, default: .string("ECS")),
        ]), maxItems: 1, forceNew: true),
        "load_balancer": NestedBlock(.set, loadBalancer),
        "network_configuration": NestedBlock(.list, networkConfiguration, maxItems: 1),
        "ordered_placement_strategy": NestedBlock(.list, SchemaBlock(attributes: [
            "field": .optional(.string), "type": .required(.string),
        ]), maxItems: 5),
        "placement_constraints": NestedBlock(.set, SchemaBlock(attributes: [
            "expression": .optional(.string), "type": .required(.string),
        ]), maxItems: 10),
        "service_registries": NestedBlock(.list, SchemaBlock(attributes: [
            "container_name": .optional(.string), "container_port": .optional(.number),
            "port": .optional(.number), "registry_arn": .required(.string),
        ]), maxItems: 1),
    ]))

    public var rules: [String] {
        [
            "The cluster must exist (`ClusterNotFoundException`) and the task definition be active (`ClientException`); a service name is used once per cluster (`InvalidParameterException`).",
            "`launch_type = \"FARGATE\"` needs a task definition compatible with Fargate.",
            "An `awsvpc` task definition needs `network_configuration` with existing subnets of one VPC and security groups of that VPC.",
            "A `load_balancer` target group must exist, be behind a load balancer, use the `ip` target type for `awsvpc`, and name a container and container port of the task definition.",
            "`health_check_grace_period_seconds` needs a load balancer; `deployment_minimum_healthy_percent` ≤ `deployment_maximum_percent`.",
        ]
    }

    public var importID: String { "`CLUSTER/SERVICE` (cluster name and service name)" }

    public func notFound(_ id: String) -> CloudError { .notFound("ServiceNotFoundException", "Service not found.") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("launch_type", ["EC2", "FARGATE", "EXTERNAL"])
        v.oneOf("scheduling_strategy", ["REPLICA", "DAEMON"])
        v.oneOf("propagate_tags", ["SERVICE", "TASK_DEFINITION", "NONE"])
        v.between("health_check_grace_period_seconds", 0, 2_147_483_647)
        v.between("deployment_maximum_percent", 0, 2_147_483_647)
        v.between("deployment_minimum_healthy_percent", 0, 100)
        return v.diags
    }

    func invalid(_ m: String) -> CloudError { CloudError("InvalidParameterException", m) }

    /// ECS's checks; returns the cluster and task definition.
    func check(_ v: Value, tx: CloudTransaction, context: AWSContext) throws -> (cluster: CloudObject, taskDefinition: CloudObject?) {
        guard let cluster = ECSClusterResource.find(v.str("cluster"), tx: tx, context: context) else {
            throw CloudError("ClusterNotFoundException", "Cluster not found.")
        }
        var td: CloudObject?
        if let ref = v.str("task_definition") {
            guard let found = ECSTaskDefinitionResource.find(ref, tx: tx, context: context) else {
                throw CloudError("ClientException", "TaskDefinition not found.")
            }
            td = found
        }
        let tdValue = td.flatMap { try? ValueJSON.decode($0.attributes, as: .dynamic) }
        let launchType = v.str("launch_type")
        if launchType == "FARGATE", let tdValue, !tdValue.strings("requires_compatibilities").contains("FARGATE") {
            throw invalid("Task definition does not support launch_type FARGATE.")
        }
        let awsvpc = tdValue?.str("network_mode") == "awsvpc"
        let network = v.block("network_configuration")
        if awsvpc && network == nil {
            throw invalid("Network Configuration must be provided when networkMode 'awsvpc' is specified.")
        }
        var vpc: String?
        if let network {
            if !awsvpc, tdValue != nil {
                throw invalid("Network Configuration is not valid for the given networkMode of this task definition.")
            }
            for s in network.strings("subnets") {
                guard let o = tx.get(SubnetResource.typeName, id: s, account: context.account, region: context.region) else {
                    throw invalid("Error retrieving subnet information for [\(s)]: The subnet ID '\(s)' does not exist (ErrorCode: InvalidSubnetID.NotFound)")
                }
                let sv = o["vpc_id"]?.stringValue
                if let vpc, vpc != sv { throw invalid("Subnets must all be in the same VPC.") }
                vpc = sv
            }
            for g in network.strings("security_groups") {
                guard let o = tx.get(SecurityGroupResource.typeName, id: g, account: context.account, region: context.region) else {
                    throw invalid("Error retrieving security group information for [\(g)]: The security group '\(g)' does not exist (ErrorCode: InvalidGroup.NotFound)")
                }
                if let vpc, o["vpc_id"]?.stringValue != vpc {
                    throw invalid("Security group \(g) does not belong to the VPC of the subnets (\(vpc)).")
                }
            }
        }
        let containers = tdValue?.str("container_definitions").flatMap { try? JSONParser.parse(Array($0.utf8)) }?.arrayValue ?? []
        for lb in v.items("load_balancer") {
            if let arn = lb.str("target_group_arn") {
                guard let tg = tx.get(LBTargetGroupResource.typeName, id: arn, account: context.account, region: context.region) else {
                    throw invalid("Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions. The target group \(arn) does not exist.")
                }
                if LBTargetGroupResource.loadBalancers(of: arn, tx: tx, context: context).isEmpty {
                    throw invalid("The target group with targetGroupArn \(arn) does not have an associated load balancer.")
                }
                if awsvpc, let type = tg["target_type"]?.stringValue, type != "ip" {
                    throw invalid("The provided target group \(arn) has target type \(type), which is incompatible with the awsvpc network mode specified in the task definition.")
                }
            }
            if tdValue != nil, let name = lb.str("container_name") {
                guard let c = containers.first(where: { $0["name"]?.stringValue == name }) else {
                    throw invalid("The container \(name) does not exist in the task definition.")
                }
                let port = lb.int("container_port") ?? 0
                if !(c["portMappings"]?.arrayValue ?? []).contains(where: { $0["containerPort"]?.intValue == port }) {
                    throw invalid("The container \(name) did not have a container port \(port) defined.")
                }
            }
        }
        if v.has("health_check_grace_period_seconds") && v.items("load_balancer").isEmpty {
            throw invalid("Health check grace period is only valid for services configured to use load balancers")
        }
        if let min = v.int("deployment_minimum_healthy_percent"), let max = v.int("deployment_maximum_percent"), min > max {
            throw invalid("The minimumHealthyPercent must be less than or equal to the maximumPercent.")
        }
        return (cluster, td)
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        try createOnce(token: token, context: context) { tx in
            let (cluster, _) = try check(planned, tx: tx, context: context)
            let name = planned.str("name") ?? ""
            let clusterName = cluster["name"]?.stringValue ?? ""
            let arn = context.arn("ecs", "service/\(clusterName)/\(name)")
            if tx.get(Self.typeName, id: arn, account: context.account, region: context.region) != nil {
                throw invalid("Creation of service was not idempotent.")
            }
            let capacity = !planned.items("capacity_provider_strategy").isEmpty
            let launch = planned.str("launch_type") ?? (capacity ? "" : "EC2")
            return try put(planned, id: arn, fill: [
                "cluster": .string(cluster.id),
                "iam_role": .string(""),
                "launch_type": .string(launch),
                "platform_version": .string(launch == "FARGATE" ? "LATEST" : ""),
                "triggers": .stringMap([:]),
            ], token: token, tx: tx, context: context)
        }
    }

    public func updated(_ stored: CloudObject, planned: Value, tx: CloudTransaction, context: AWSContext) throws -> Value {
        let v = withTagsAll(resolve(planned, decode(stored).attributes ?? [:]), context: context)
        _ = try check(v, tx: tx, context: context)
        return v
    }

    /// Import takes `cluster/service`; the ID is the service ARN.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let arn: String
        if id.hasPrefix("arn:") {
            arn = id
        } else {
            let parts = id.split(separator: "/")
            guard parts.count == 2 else {
                throw CloudError.invalidParameter("unexpected format of ID (\(id)), expected CLUSTER/SERVICE")
            }
            arn = context.arn("ecs", "service/\(parts[0])/\(parts[1])")
        }
        guard let o = context.store.get(Self.typeName, id: arn, account: context.account, region: context.region) else { return nil }
        return decode(o)
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state.str("id"),
              let o = context.store.get(Self.typeName, id: id, account: context.account, region: context.region) else { return nil }
        return decode(o)
    }
}
