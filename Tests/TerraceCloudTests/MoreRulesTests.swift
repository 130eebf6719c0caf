import Foundation
import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// Rules listed in `docs/providers/aws.md` that the other suites do not reach: references
/// across VPCs, limits, and the provider's plan-time checks.
@Suite struct MoreRulesTests {
    @Test func loadBalancersAndServicesUseGroupsOfTheirVPC() async throws {
        let h = try CloudHarness()
        let s = try await h.ecsService(name: "base")
        let other = try await h.make("aws_vpc", ["cidr_block": str("10.9.0.0/16")])
        let foreignSG = try await h.make("aws_security_group", ["name": str("foreign"), "vpc_id": other.s("id")])
        let lb = await h.create("aws_lb", ["name": str("web"), "subnets": stringSet(s.network.subnets.map { $0.s("id") }),
                                           "security_groups": stringSet([foreignSG.s("id")])])
        #expect(lb.diagnostics.firstError.contains("InvalidSecurityGroup: Security group '\(foreignSG["id"]!.stringValue!)' does not belong to VPC"))
        let svc = await h.create("aws_ecs_service", [
            "name": str("web"), "cluster": s.cluster.s("id"), "task_definition": s.taskDefinition.s("arn"), "launch_type": str("FARGATE"),
            "network_configuration": obj(["subnets": stringSet(s.network.subnets.map { $0.s("id") }), "security_groups": stringSet([foreignSG.s("id")])]),
        ])
        #expect(svc.diagnostics.firstError.contains("does not belong to the VPC of the subnets"))
        let endpoint = await h.create("aws_vpc_endpoint", ["vpc_id": s.network.vpc.s("id"), "service_name": str("com.amazonaws.us-east-1.logs"),
                                                           "vpc_endpoint_type": str("Interface"), "subnet_ids": stringSet([s.network.subnets[0].s("id")]),
                                                           "security_group_ids": stringSet([foreignSG.s("id")])])
        #expect(endpoint.diagnostics.firstError.contains("belong to different networks"))
        // A group used by a service or load balancer cannot be deleted.
        #expect((await h.delete("aws_security_group", s.securityGroup)).diagnostics.firstError.contains("DependencyViolation"))
    }

    @Test func scalableDimensionsBelongToTheirNamespace() async throws {
        let h = try CloudHarness()
        let r = await h.create("aws_appautoscaling_target", ["min_capacity": num(1), "max_capacity": num(2), "resource_id": str("table/orders"),
                                                             "scalable_dimension": str("ecs:service:DesiredCount"), "service_namespace": str("dynamodb")])
        #expect(r.diagnostics.firstError.contains("Unsupported scalable dimension 'ecs:service:DesiredCount' for service namespace 'dynamodb'"))
        #expect(h.validate("aws_appautoscaling_target", ["service_namespace": str("ecz")]).firstError.contains("expected service_namespace to be one of"))
    }

    @Test func aRolesInlinePoliciesHaveASizeLimit() async throws {
        let h = try CloudHarness()
        _ = try await h.make("aws_iam_role", ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy)])
        let resources = (0..<120).map { "\"arn:aws:s3:::bucket-number-\($0)/*\"" }.joined(separator: ",")
        let big = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["# + resources + "]}]}"
        _ = try await h.make("aws_iam_role_policy", ["name": str("one"), "role": str("app"), "policy": str(big)])
        _ = try await h.make("aws_iam_role_policy", ["name": str("two"), "role": str("app"), "policy": str(big)])
        let third = await h.create("aws_iam_role_policy", ["name": str("three"), "role": str("app"), "policy": str(big)])
        #expect(third.diagnostics.firstError.contains("LimitExceeded: Maximum policy size of 10240 bytes exceeded for role app"))
    }

    @Test(arguments: [
        ("aws_ecr_repository", ["name": str("app"), "image_tag_mutability": str("FROZEN")], "expected image_tag_mutability to be one of"),
        ("aws_ecr_repository", ["name": str("app"), "encryption_configuration": obj(["encryption_type": str("DES")])], "expected encryption_type to be one of"),
        ("aws_ecs_cluster", ["name": str("app"), "setting": obj(["name": str("insights"), "value": str("enabled")])], "expected name to be one of"),
        ("aws_ecs_cluster", ["name": str("bad name")], "must be 1 to 255 letters"),
        ("aws_lb_target_group", ["name": str("tg"), "slow_start": num(10)], "expected slow_start to be in the range (30 - 900)"),
        ("aws_lb_target_group", ["name": str("tg"), "stickiness": obj(["type": str("cookie")])], "expected type to be one of"),
        ("aws_lb_listener_rule", ["listener_arn": str("x"), "priority": num(0)], "expected priority to be in the range (1 - 50000)"),
        ("aws_lb_listener_rule", ["listener_arn": str("x"), "condition": obj([
            "host_header": obj(["values": stringSet([str("a")])]), "path_pattern": obj(["values": stringSet([str("/")])]),
        ])], "Only one of host_header"),
        ("aws_ecs_service", ["name": str("x"), "launch_type": str("LAMBDA")], "expected launch_type to be one of"),
        ("aws_ecs_task_definition", ["family": str("x"), "container_definitions": str("[]"), "requires_compatibilities": stringSet([str("K8S")])],
         "expected requires_compatibilities to be one of"),
        ("aws_subnet", ["vpc_id": str("v"), "cidr_block": str("10.0.1.5/24")], "did you mean \"10.0.1.0/24\"?"),
        ("aws_subnet", ["vpc_id": str("v"), "availability_zone": str("us-east-1a"), "availability_zone_id": str("use1-az2")], "conflicts with availability_zone_id"),
        ("aws_security_group", ["name": str("x"), "name_prefix": str("y")], "conflicts with name_prefix"),
        ("aws_vpc_security_group_ingress_rule", ["security_group_id": str("sg"), "ip_protocol": str("tcp")], "Exactly one of these attributes must be configured"),
        ("aws_vpc_security_group_ingress_rule", ["security_group_id": str("sg"), "ip_protocol": str("tcp"), "cidr_ipv4": str("10.0.0.1/8")], "must be a valid IPv4 CIDR network"),
        ("aws_route", ["route_table_id": str("r"), "destination_cidr_block": str("0.0.0.0/0"), "destination_prefix_list_id": str("pl-1")], "must be specified"),
        ("aws_route_table_association", ["route_table_id": str("r")], "one of `subnet_id,gateway_id` must be specified"),
        ("aws_eip", ["domain": str("vpc"), "vpc": .bool(false)], "conflicts with vpc"),
        ("aws_vpc_endpoint", ["vpc_id": str("v"), "service_name": str("s"), "policy": str("not json")], "invalid JSON policy"),
        ("aws_iam_role", ["name_prefix": str(String(repeating: "x", count: 40)), "assume_role_policy": str(Fixtures.trustPolicy)], "name_prefix"),
    ] as [(String, [String: Value], String)])
    func planTimeValidation(_ type: String, _ attrs: [String: Value], _ message: String) throws {
        let h = try CloudHarness()
        let d = h.validate(type, attrs)
        #expect(d.hasErrors)
        #expect(d.firstError.contains(message), "\(d.firstError)")
    }

    @Test func listenerRulesHaveAtMostFiveConditionValuesAndRedirectsValidCodes() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let (lb, tg) = try await h.loadBalancer(n)
        let listener = try await h.make("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(80),
                                                            "default_action": obj(["type": str("forward"), "target_group_arn": tg.s("arn")])])
        let many = await h.create("aws_lb_listener_rule", [
            "listener_arn": listener.s("arn"), "action": obj(["type": str("forward"), "target_group_arn": tg.s("arn")]),
            "condition": obj(["path_pattern": obj(["values": stringSet((1...6).map { str("/p\($0)") })])]),
        ])
        #expect(many.diagnostics.firstError.contains("TooManyConditionValues"))
        let redirect = await h.create("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(81),
            "default_action": obj(["type": str("redirect"), "redirect": obj(["status_code": str("HTTP_307")])])])
        #expect(redirect.diagnostics.firstError.contains("The redirect status code must be HTTP_301 or HTTP_302"))
    }

    @Test func latencySlowsEveryCall() async throws {
        let h = try CloudHarness(faults: Faults(latency: 0.05, seed: 1))
        let clock = ContinuousClock()
        let elapsed = try await clock.measure { _ = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")]) }
        #expect(elapsed >= .milliseconds(50))
    }
}
