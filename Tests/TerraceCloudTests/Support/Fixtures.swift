import Foundation
import Testing
@testable import TerraceCloud
import TerraceLang

/// Documents and dependencies many tests need.
enum Fixtures {
    static let trustPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs-tasks.amazonaws.com"}}]}"#
    static let readPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}"#
    static let writePolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":"*"}]}"#
    static let containers = #"[{"name":"app","image":"nginx:1.25","essential":true,"portMappings":[{"containerPort":8000,"protocol":"tcp"}]}]"#

    static func taskDefinition(_ family: String = "app", memory: String = "512") -> [String: Value] {
        ["family": str(family), "container_definitions": str(containers), "requires_compatibilities": stringSet([str("FARGATE")]),
         "network_mode": str("awsvpc"), "cpu": str("256"), "memory": str(memory)]
    }
}

extension CloudHarness {
    struct Service {
        var network: Network
        var securityGroup: Value
        var cluster: Value
        var taskDefinition: Value
        var service: Value
        var resourceID: String
    }

    /// A Fargate service in a cluster, on the private side of a network.
    func ecsService(name: String = "web", network given: Network? = nil) async throws -> Service {
        let net: Network
        if let given { net = given } else { net = try await network() }
        let sg = try await make("aws_security_group", ["name": str("app-\(name)"), "vpc_id": net.vpc.s("id")])
        let cluster = try await make("aws_ecs_cluster", ["name": str("c-\(name)")])
        let td = try await make("aws_ecs_task_definition", Fixtures.taskDefinition("td-\(name)"))
        let svc = try await make("aws_ecs_service", [
            "name": str(name), "cluster": cluster.s("id"), "task_definition": td.s("arn"), "desired_count": num(1),
            "launch_type": str("FARGATE"),
            "network_configuration": obj(["subnets": stringSet(net.subnets.map { $0.s("id") }), "security_groups": stringSet([sg.s("id")])]),
        ])
        return Service(network: net, securityGroup: sg, cluster: cluster, taskDefinition: td, service: svc,
                       resourceID: "service/c-\(name)/\(name)")
    }

    /// An internet-facing application load balancer with an HTTP target group (IP targets).
    func loadBalancer(_ net: Network, name: String = "web") async throws -> (lb: Value, tg: Value) {
        let sg = try await make("aws_security_group", ["name": str("lb-\(name)"), "vpc_id": net.vpc.s("id")])
        let lb = try await make("aws_lb", ["name": str(name), "subnets": stringSet(net.subnets.map { $0.s("id") }),
                                           "security_groups": stringSet([sg.s("id")])])
        let tg = try await make("aws_lb_target_group", ["name": str("\(name)-tg"), "port": num(8000), "protocol": str("HTTP"),
                                                        "vpc_id": net.vpc.s("id"), "target_type": str("ip")])
        return (lb, tg)
    }
}
