import Foundation
import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// Every network, compute and IAM resource type through the provider interface against the
/// simulated cloud: create, read (and a plan of the same configuration that changes nothing),
/// update in place, replacement, import by ID, and delete.
@Suite struct ResourceLifecycleTests {
    typealias Refs = [String: Value]

    struct Case: CustomStringConvertible, Sendable {
        var type: String
        /// Creates what the resource needs and returns the values its configurations use.
        var setup: @Sendable (CloudHarness) async throws -> Refs = { _ in [:] }
        var config: @Sendable (Refs) -> Refs
        /// A configuration changed in a way the provider updates in place (nil: none exists).
        var inPlace: (@Sendable (Refs) -> Refs)?
        /// A configuration changed in a way that forces replacement, and the path that forces it.
        var replaced: (@Sendable (Refs) -> Refs)?
        var replacePath: String = ""
        /// The ID `terraform import` takes for an object.
        var importID: @Sendable (Value) -> String = { $0["id"]?.stringValue ?? "" }
        var description: String { type }
    }

    static func vpc(_ h: CloudHarness, _ cidr: String = "10.0.0.0/16") async throws -> Value {
        try await h.make("aws_vpc", ["cidr_block": str(cidr)])
    }

    static let cases: [Case] = [
        Case(type: "aws_vpc",
             config: { _ in ["cidr_block": str("10.0.0.0/16")] },
             inPlace: { _ in ["cidr_block": str("10.0.0.0/16"), "enable_dns_hostnames": .bool(true)] },
             replaced: { _ in ["cidr_block": str("10.1.0.0/16")] }, replacePath: "cidr_block"),
        Case(type: "aws_subnet",
             setup: { h in ["vpc": try await vpc(h).s("id")] },
             config: { r in ["vpc_id": r["vpc"]!, "cidr_block": str("10.0.1.0/24"), "availability_zone": str("us-east-1a")] },
             inPlace: { r in ["vpc_id": r["vpc"]!, "cidr_block": str("10.0.1.0/24"), "availability_zone": str("us-east-1a"), "map_public_ip_on_launch": .bool(true)] },
             replaced: { r in ["vpc_id": r["vpc"]!, "cidr_block": str("10.0.2.0/24"), "availability_zone": str("us-east-1a")] }, replacePath: "cidr_block"),
        Case(type: "aws_internet_gateway",
             setup: { h in ["vpc": try await vpc(h).s("id"), "vpc2": try await vpc(h, "10.1.0.0/16").s("id")] },
             config: { r in ["vpc_id": r["vpc"]!] },
             inPlace: { r in ["vpc_id": r["vpc2"]!, "tags": tags(["Name": "gw"])] }),
        Case(type: "aws_eip",
             config: { _ in ["domain": str("vpc")] },
             inPlace: { _ in ["domain": str("vpc"), "tags": tags(["Name": "nat"])] },
             replaced: { _ in ["domain": str("vpc"), "network_border_group": str("us-east-1-bos-1")] }, replacePath: "network_border_group"),
        Case(type: "aws_nat_gateway",
             setup: { h in
                 let n = try await h.network()
                 let eip = try await h.make("aws_eip", ["domain": str("vpc")])
                 return ["eip": eip.s("id"), "s1": n.subnets[0].s("id"), "s2": n.subnets[1].s("id")]
             },
             config: { r in ["allocation_id": r["eip"]!, "subnet_id": r["s1"]!] },
             inPlace: { r in ["allocation_id": r["eip"]!, "subnet_id": r["s1"]!, "tags": tags(["Name": "nat"])] },
             replaced: { r in ["allocation_id": r["eip"]!, "subnet_id": r["s2"]!] }, replacePath: "subnet_id"),
        Case(type: "aws_route_table",
             setup: { h in
                 let n = try await h.network()
                 return ["vpc": n.vpc.s("id"), "igw": n.igw.s("id"), "vpc2": try await vpc(h, "10.1.0.0/16").s("id")]
             },
             config: { r in ["vpc_id": r["vpc"]!, "route": obj(["cidr_block": str("0.0.0.0/0"), "gateway_id": r["igw"]!])] },
             inPlace: { r in ["vpc_id": r["vpc"]!, "route": Value.list([obj(["cidr_block": str("0.0.0.0/0"), "gateway_id": r["igw"]!]),
                                                                        obj(["cidr_block": str("192.168.0.0/16"), "gateway_id": r["igw"]!])])] },
             replaced: { r in ["vpc_id": r["vpc2"]!] }, replacePath: "vpc_id"),
        Case(type: "aws_route",
             setup: { h in
                 let n = try await h.network()
                 let rt = try await h.make("aws_route_table", ["vpc_id": n.vpc.s("id")])
                 let eip = try await h.make("aws_eip", ["domain": str("vpc")])
                 let nat = try await h.make("aws_nat_gateway", ["allocation_id": eip.s("id"), "subnet_id": n.subnets[0].s("id")])
                 return ["rt": rt.s("id"), "igw": n.igw.s("id"), "nat": nat.s("id")]
             },
             config: { r in ["route_table_id": r["rt"]!, "destination_cidr_block": str("0.0.0.0/0"), "gateway_id": r["igw"]!] },
             inPlace: { r in ["route_table_id": r["rt"]!, "destination_cidr_block": str("0.0.0.0/0"), "nat_gateway_id": r["nat"]!] },
             replaced: { r in ["route_table_id": r["rt"]!, "destination_cidr_block": str("192.168.0.0/16"), "gateway_id": r["igw"]!] },
             replacePath: "destination_cidr_block",
             importID: { "\($0["route_table_id"]?.stringValue ?? "")_\($0["destination_cidr_block"]?.stringValue ?? "")" }),
        Case(type: "aws_route_table_association",
             setup: { h in
                 let n = try await h.network()
                 let rt1 = try await h.make("aws_route_table", ["vpc_id": n.vpc.s("id")])
                 let rt2 = try await h.make("aws_route_table", ["vpc_id": n.vpc.s("id")])
                 return ["s1": n.subnets[0].s("id"), "s2": n.subnets[1].s("id"), "rt1": rt1.s("id"), "rt2": rt2.s("id")]
             },
             config: { r in ["subnet_id": r["s1"]!, "route_table_id": r["rt1"]!] },
             inPlace: { r in ["subnet_id": r["s1"]!, "route_table_id": r["rt2"]!] },
             replaced: { r in ["subnet_id": r["s2"]!, "route_table_id": r["rt2"]!] }, replacePath: "subnet_id",
             importID: { "\($0["subnet_id"]?.stringValue ?? "")/\($0["route_table_id"]?.stringValue ?? "")" }),
        Case(type: "aws_security_group",
             setup: { h in ["vpc": try await vpc(h).s("id")] },
             config: { r in ["name": str("web"), "vpc_id": r["vpc"]!,
                             "ingress": obj(["from_port": num(80), "to_port": num(80), "protocol": str("tcp"), "cidr_blocks": strings("0.0.0.0/0")])] },
             inPlace: { r in ["name": str("web"), "vpc_id": r["vpc"]!,
                              "ingress": Value.list([obj(["from_port": num(80), "to_port": num(80), "protocol": str("tcp"), "cidr_blocks": strings("0.0.0.0/0")]),
                                                     obj(["from_port": num(443), "to_port": num(443), "protocol": str("tcp"), "cidr_blocks": strings("0.0.0.0/0")])])] },
             replaced: { r in ["name": str("web2"), "vpc_id": r["vpc"]!] }, replacePath: "name"),
        Case(type: "aws_security_group_rule",
             setup: { h in
                 let v = try await vpc(h)
                 return ["sg": try await h.make("aws_security_group", ["name": str("app"), "vpc_id": v.s("id")]).s("id")]
             },
             config: { r in ["type": str("ingress"), "from_port": num(80), "to_port": num(80), "protocol": str("tcp"),
                             "cidr_blocks": strings("10.0.0.0/8"), "security_group_id": r["sg"]!] },
             inPlace: { r in ["type": str("ingress"), "from_port": num(80), "to_port": num(80), "protocol": str("tcp"),
                              "cidr_blocks": strings("10.0.0.0/8"), "security_group_id": r["sg"]!, "description": str("http")] },
             replaced: { r in ["type": str("ingress"), "from_port": num(81), "to_port": num(81), "protocol": str("tcp"),
                               "cidr_blocks": strings("10.0.0.0/8"), "security_group_id": r["sg"]!] }, replacePath: "from_port",
             importID: { v in
                 "\(v["security_group_id"]?.stringValue ?? "")_ingress_tcp_\(v["from_port"]?.intValue ?? 0)_\(v["to_port"]?.intValue ?? 0)_10.0.0.0/8"
             }),
        Case(type: "aws_vpc_security_group_ingress_rule",
             setup: { h in
                 let v = try await vpc(h)
                 return ["sg": try await h.make("aws_security_group", ["name": str("app"), "vpc_id": v.s("id")]).s("id"),
                         "sg2": try await h.make("aws_security_group", ["name": str("db"), "vpc_id": v.s("id")]).s("id")]
             },
             config: { r in ["security_group_id": r["sg"]!, "cidr_ipv4": str("10.0.0.0/8"), "from_port": num(443), "to_port": num(443), "ip_protocol": str("tcp")] },
             inPlace: { r in ["security_group_id": r["sg"]!, "cidr_ipv4": str("10.0.0.0/8"), "from_port": num(8443), "to_port": num(8443), "ip_protocol": str("tcp")] },
             replaced: { r in ["security_group_id": r["sg2"]!, "cidr_ipv4": str("10.0.0.0/8"), "from_port": num(443), "to_port": num(443), "ip_protocol": str("tcp")] },
             replacePath: "security_group_id"),
        Case(type: "aws_vpc_security_group_egress_rule",
             setup: { h in
                 let v = try await vpc(h)
                 return ["sg": try await h.make("aws_security_group", ["name": str("app"), "vpc_id": v.s("id")]).s("id"),
                         "sg2": try await h.make("aws_security_group", ["name": str("db"), "vpc_id": v.s("id")]).s("id")]
             },
             config: { r in ["security_group_id": r["sg"]!, "cidr_ipv4": str("0.0.0.0/0"), "ip_protocol": str("-1")] },
             inPlace: { r in ["security_group_id": r["sg"]!, "cidr_ipv4": str("0.0.0.0/0"), "ip_protocol": str("-1"), "description": str("all")] },
             replaced: { r in ["security_group_id": r["sg2"]!, "cidr_ipv4": str("0.0.0.0/0"), "ip_protocol": str("-1")] },
             replacePath: "security_group_id"),
        Case(type: "aws_flow_log",
             setup: { h in
                 let role = try await h.make("aws_iam_role", ["name": str("flow"), "assume_role_policy": str(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"vpc-flow-logs.amazonaws.com"}}]}"#)])
                 return ["vpc": try await vpc(h).s("id"), "role": role.s("arn")]
             },
             config: { r in ["vpc_id": r["vpc"]!, "traffic_type": str("ALL"), "log_group_name": str("vpc-flow"), "iam_role_arn": r["role"]!] },
             inPlace: { r in ["vpc_id": r["vpc"]!, "traffic_type": str("ALL"), "log_group_name": str("vpc-flow"), "iam_role_arn": r["role"]!, "tags": tags(["Name": "f"])] },
             replaced: { r in ["vpc_id": r["vpc"]!, "traffic_type": str("REJECT"), "log_group_name": str("vpc-flow"), "iam_role_arn": r["role"]!] },
             replacePath: "traffic_type"),
        Case(type: "aws_vpc_endpoint",
             setup: { h in
                 let v = try await vpc(h)
                 return ["vpc": v.s("id"), "rt": try await h.make("aws_route_table", ["vpc_id": v.s("id")]).s("id")]
             },
             config: { r in ["vpc_id": r["vpc"]!, "service_name": str("com.amazonaws.us-east-1.s3"), "route_table_ids": stringSet([r["rt"]!])] },
             inPlace: { r in ["vpc_id": r["vpc"]!, "service_name": str("com.amazonaws.us-east-1.s3"), "route_table_ids": stringSet([])] },
             replaced: { r in ["vpc_id": r["vpc"]!, "service_name": str("com.amazonaws.us-east-1.dynamodb")] }, replacePath: "service_name"),
        Case(type: "aws_ecs_cluster",
             config: { _ in ["name": str("app")] },
             inPlace: { _ in ["name": str("app"), "setting": obj(["name": str("containerInsights"), "value": str("enabled")])] },
             replaced: { _ in ["name": str("app2")] }, replacePath: "name",
             importID: { $0["name"]?.stringValue ?? "" }),
        Case(type: "aws_ecs_task_definition",
             config: { _ in Fixtures.taskDefinition() },
             inPlace: { _ in Fixtures.taskDefinition().merging(["tags": tags(["Team": "web"])]) { a, _ in a } },
             replaced: { _ in Fixtures.taskDefinition(memory: "1024") }, replacePath: "memory",
             importID: { $0["arn"]?.stringValue ?? "" }),
        Case(type: "aws_ecs_service",
             setup: { h in
                 let s = try await h.ecsService(name: "base")
                 return ["cluster": s.cluster.s("id"), "td": s.taskDefinition.s("arn"), "sg": s.securityGroup.s("id"),
                         "subnets": stringSet(s.network.subnets.map { $0.s("id") })]
             },
             config: { r in ["name": str("web"), "cluster": r["cluster"]!, "task_definition": r["td"]!, "desired_count": num(1), "launch_type": str("FARGATE"),
                             "network_configuration": obj(["subnets": r["subnets"]!, "security_groups": stringSet([r["sg"]!])])] },
             inPlace: { r in ["name": str("web"), "cluster": r["cluster"]!, "task_definition": r["td"]!, "desired_count": num(3), "launch_type": str("FARGATE"),
                              "network_configuration": obj(["subnets": r["subnets"]!, "security_groups": stringSet([r["sg"]!])])] },
             replaced: { r in ["name": str("web2"), "cluster": r["cluster"]!, "task_definition": r["td"]!, "desired_count": num(1), "launch_type": str("FARGATE"),
                               "network_configuration": obj(["subnets": r["subnets"]!, "security_groups": stringSet([r["sg"]!])])] },
             replacePath: "name",
             importID: { v in "c-base/\(v["name"]?.stringValue ?? "")" }),
        Case(type: "aws_lb",
             setup: { h in
                 let n = try await h.network()
                 let sg = try await h.make("aws_security_group", ["name": str("lb"), "vpc_id": n.vpc.s("id")])
                 return ["subnets": stringSet(n.subnets.map { $0.s("id") }), "sg": sg.s("id")]
             },
             config: { r in ["name": str("web"), "subnets": r["subnets"]!, "security_groups": stringSet([r["sg"]!])] },
             inPlace: { r in ["name": str("web"), "subnets": r["subnets"]!, "security_groups": stringSet([r["sg"]!]), "idle_timeout": num(120)] },
             replaced: { r in ["name": str("web2"), "subnets": r["subnets"]!, "security_groups": stringSet([r["sg"]!])] }, replacePath: "name"),
        Case(type: "aws_lb_target_group",
             setup: { h in ["vpc": try await vpc(h).s("id")] },
             config: { r in ["name": str("tg"), "port": num(80), "protocol": str("HTTP"), "vpc_id": r["vpc"]!, "target_type": str("ip")] },
             inPlace: { r in ["name": str("tg"), "port": num(80), "protocol": str("HTTP"), "vpc_id": r["vpc"]!, "target_type": str("ip"),
                              "deregistration_delay": str("30"), "health_check": obj(["path": str("/health")])] },
             replaced: { r in ["name": str("tg"), "port": num(8080), "protocol": str("HTTP"), "vpc_id": r["vpc"]!, "target_type": str("ip")] },
             replacePath: "port"),
        Case(type: "aws_lb_listener",
             setup: { h in
                 let n = try await h.network()
                 let (lb, tg) = try await h.loadBalancer(n)
                 let (lb2, _) = try await h.loadBalancer(n, name: "api")
                 return ["lb": lb.s("arn"), "lb2": lb2.s("arn"), "tg": tg.s("arn")]
             },
             config: { r in ["load_balancer_arn": r["lb"]!, "port": num(80), "protocol": str("HTTP"),
                             "default_action": obj(["type": str("forward"), "target_group_arn": r["tg"]!])] },
             inPlace: { r in ["load_balancer_arn": r["lb"]!, "port": num(8080), "protocol": str("HTTP"),
                              "default_action": obj(["type": str("fixed-response"), "fixed_response": obj(["content_type": str("text/plain"), "message_body": str("no")])])] },
             replaced: { r in ["load_balancer_arn": r["lb2"]!, "port": num(80), "protocol": str("HTTP"),
                               "default_action": obj(["type": str("forward"), "target_group_arn": r["tg"]!])] },
             replacePath: "load_balancer_arn"),
        Case(type: "aws_lb_listener_rule",
             setup: { h in
                 let n = try await h.network()
                 let (lb, tg) = try await h.loadBalancer(n)
                 var ls: [Value] = []
                 for port in [80, 8080] {
                     ls.append(try await h.make("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(port), "protocol": str("HTTP"),
                                                                    "default_action": obj(["type": str("forward"), "target_group_arn": tg.s("arn")])]))
                 }
                 return ["l1": ls[0].s("arn"), "l2": ls[1].s("arn"), "tg": tg.s("arn")]
             },
             config: { r in ["listener_arn": r["l1"]!, "priority": num(10), "action": obj(["type": str("forward"), "target_group_arn": r["tg"]!]),
                             "condition": obj(["path_pattern": obj(["values": stringSet([str("/api/*")])])])] },
             inPlace: { r in ["listener_arn": r["l1"]!, "priority": num(20), "action": obj(["type": str("forward"), "target_group_arn": r["tg"]!]),
                              "condition": obj(["path_pattern": obj(["values": stringSet([str("/api/*")])])])] },
             replaced: { r in ["listener_arn": r["l2"]!, "priority": num(10), "action": obj(["type": str("forward"), "target_group_arn": r["tg"]!]),
                               "condition": obj(["path_pattern": obj(["values": stringSet([str("/api/*")])])])] },
             replacePath: "listener_arn"),
        Case(type: "aws_appautoscaling_target",
             setup: { h in
                 let a = try await h.ecsService(name: "web")
                 let b = try await h.ecsService(name: "worker", network: a.network)
                 return ["r1": str(a.resourceID), "r2": str(b.resourceID)]
             },
             config: { r in ["max_capacity": num(4), "min_capacity": num(1), "resource_id": r["r1"]!,
                             "scalable_dimension": str("ecs:service:DesiredCount"), "service_namespace": str("ecs")] },
             inPlace: { r in ["max_capacity": num(10), "min_capacity": num(2), "resource_id": r["r1"]!,
                              "scalable_dimension": str("ecs:service:DesiredCount"), "service_namespace": str("ecs")] },
             replaced: { r in ["max_capacity": num(4), "min_capacity": num(1), "resource_id": r["r2"]!,
                               "scalable_dimension": str("ecs:service:DesiredCount"), "service_namespace": str("ecs")] },
             replacePath: "resource_id",
             importID: { v in "ecs/\(v["resource_id"]?.stringValue ?? "")/ecs:service:DesiredCount" }),
        Case(type: "aws_appautoscaling_policy",
             setup: { h in
                 let a = try await h.ecsService(name: "web")
                 _ = try await h.make("aws_appautoscaling_target", ["max_capacity": num(10), "min_capacity": num(1), "resource_id": str(a.resourceID),
                                                                     "scalable_dimension": str("ecs:service:DesiredCount"), "service_namespace": str("ecs")])
                 return ["r": str(a.resourceID)]
             },
             config: { r in policy(r["r"]!, name: "cpu", target: 70) },
             inPlace: { r in policy(r["r"]!, name: "cpu", target: 60) },
             replaced: { r in policy(r["r"]!, name: "cpu2", target: 70) }, replacePath: "name",
             importID: { v in "ecs/\(v["resource_id"]?.stringValue ?? "")/ecs:service:DesiredCount/\(v["name"]?.stringValue ?? "")" }),
        Case(type: "aws_ecr_repository",
             config: { _ in ["name": str("social-flow/app")] },
             inPlace: { _ in ["name": str("social-flow/app"), "image_tag_mutability": str("IMMUTABLE")] },
             replaced: { _ in ["name": str("social-flow/worker")] }, replacePath: "name"),
        Case(type: "aws_iam_role",
             config: { _ in ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy)] },
             inPlace: { _ in ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy), "description": str("the app")] },
             replaced: { _ in ["name": str("app2"), "assume_role_policy": str(Fixtures.trustPolicy)] }, replacePath: "name"),
        Case(type: "aws_iam_policy",
             config: { _ in ["name": str("read"), "policy": str(Fixtures.readPolicy)] },
             inPlace: { _ in ["name": str("read"), "policy": str(Fixtures.writePolicy)] },
             replaced: { _ in ["name": str("read"), "policy": str(Fixtures.readPolicy), "description": str("reads")] }, replacePath: "description"),
        Case(type: "aws_iam_role_policy",
             setup: { h in ["role": try await h.make("aws_iam_role", ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy)]).s("name")] },
             config: { r in ["name": str("s3"), "role": r["role"]!, "policy": str(Fixtures.readPolicy)] },
             inPlace: { r in ["name": str("s3"), "role": r["role"]!, "policy": str(Fixtures.writePolicy)] },
             replaced: { r in ["name": str("s3-write"), "role": r["role"]!, "policy": str(Fixtures.readPolicy)] }, replacePath: "name"),
        Case(type: "aws_iam_role_policy_attachment",
             setup: { h in
                 let role = try await h.make("aws_iam_role", ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy)])
                 let p = try await h.make("aws_iam_policy", ["name": str("read"), "policy": str(Fixtures.readPolicy)])
                 return ["role": role.s("name"), "policy": p.s("arn")]
             },
             config: { r in ["role": r["role"]!, "policy_arn": r["policy"]!] },
             replaced: { r in ["role": r["role"]!, "policy_arn": str("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")] },
             replacePath: "policy_arn",
             importID: { v in "\(v["role"]?.stringValue ?? "")/\(v["policy_arn"]?.stringValue ?? "")" }),
    ]

    static func policy(_ resource: Value, name: String, target: Int) -> Refs {
        ["name": str(name), "policy_type": str("TargetTrackingScaling"), "resource_id": resource,
         "scalable_dimension": str("ecs:service:DesiredCount"), "service_namespace": str("ecs"),
         "target_tracking_scaling_policy_configuration": obj([
             "target_value": num(target),
             "predefined_metric_specification": obj(["predefined_metric_type": str("ECSServiceAverageCPUUtilization")]),
         ])]
    }

    /// Plans `config` against `prior` and expects no change at all.
    static func expectNoChange(_ h: CloudHarness, _ type: String, _ config: Refs, prior: Value, _ what: String) {
        let p = h.plan(type, config, prior: prior)
        #expect(!p.diagnostics.hasErrors, "\(type) \(what): \(p.diagnostics)")
        #expect(p.requiresReplace.isEmpty, "\(type) \(what) wants replacement of \(p.requiresReplace)")
        let diff = Self.difference(p.planned, prior)
        #expect(diff == nil, "\(type) \(what): planned differs from the object at \(diff ?? "")")
    }

    /// The first attribute where two objects differ (ignoring sensitivity marks), if any.
    static func difference(_ a: Value, _ b: Value) -> String? {
        let x = a.attributes ?? [:], y = b.attributes ?? [:]
        for k in Set(x.keys).union(y.keys).sorted() {
            let av = x[k] ?? .dynamicNull, bv = y[k] ?? .dynamicNull
            if !Evaluator.valuesEqual(av.unmarkedDeep, bv.unmarkedDeep) { return "\(k): \(av.debugDescription) vs \(bv.debugDescription)" }
        }
        return nil
    }

    @Test(arguments: cases)
    func lifecycle(_ c: Case) async throws {
        let h = try CloudHarness()
        let refs = try await c.setup(h)

        // Create, read, and a plan of the same configuration that changes nothing.
        let created = await h.create(c.type, c.config(refs))
        #expect(!created.diagnostics.hasErrors, "create: \(created.diagnostics)")
        let object = try #require(created.newState)
        let read = try #require(await h.read(c.type, object), "read after create")
        #expect(Self.difference(read, object) == nil, "read differs from create: \(Self.difference(read, object) ?? "")")
        Self.expectNoChange(h, c.type, c.config(refs), prior: read, "after create")

        // Update in place.
        var current = read
        if let inPlace = c.inPlace {
            let p = h.plan(c.type, inPlace(refs), prior: current)
            #expect(p.requiresReplace.isEmpty, "in-place change wants replacement of \(p.requiresReplace)")
            #expect(Self.difference(p.planned, current) != nil, "in-place change plans no change")
            let updated = await h.update(c.type, current, inPlace(refs))
            #expect(!updated.diagnostics.hasErrors, "update: \(updated.diagnostics)")
            let updatedValue = try #require(updated.newState)
            let after = try #require(await h.read(c.type, updatedValue), "read after update")
            #expect(after["id"] == current["id"], "an in-place update kept the ID")
            Self.expectNoChange(h, c.type, inPlace(refs), prior: after, "after update")
            current = after
        }

        // Replacement: the plan names the attribute; the old object goes, a new one comes.
        if let replaced = c.replaced {
            let p = h.plan(c.type, replaced(refs), prior: current)
            #expect(p.requiresReplace.map { $0.joined(separator: ".") }.contains(c.replacePath),
                    "replacement planned for \(p.requiresReplace), expected \(c.replacePath)")
            let gone = await h.delete(c.type, current)
            #expect(!gone.diagnostics.hasErrors, "delete for replacement: \(gone.diagnostics)")
            #expect(await h.read(c.type, current) == nil, "the replaced object is gone")
            let fresh = await h.create(c.type, replaced(refs))
            #expect(!fresh.diagnostics.hasErrors, "create replacement: \(fresh.diagnostics)")
            current = try #require(fresh.newState)
            current = try #require(await h.read(c.type, current))
        }

        // Import by ID reads the same object.
        let imported = await h.provider.importResource(type: c.type, id: c.importID(current))
        #expect(!imported.diagnostics.hasErrors, "import: \(imported.diagnostics)")
        let importedValue = try #require(imported.state, "import found nothing for \(c.importID(current))")
        #expect(Self.difference(importedValue, current) == nil, "import differs: \(Self.difference(importedValue, current) ?? "")")

        // Delete.
        let deleted = await h.delete(c.type, current)
        #expect(!deleted.diagnostics.hasErrors, "delete: \(deleted.diagnostics)")
        #expect(await h.read(c.type, current) == nil, "read after delete")
        // Deleting again is not an error (the object is already gone).
        #expect(!(await h.delete(c.type, current)).diagnostics.hasErrors)
    }

    @Test func everyNetworkAndComputeTypeHasALifecycleCase() {
        let covered = Set(Self.cases.map(\.type))
        let mine = Set((AWSCatalog.resources.map { type(of: $0).typeName }).filter { n in
            !["aws_s3", "aws_db", "aws_elasticache", "aws_dynamodb", "aws_cloudfront", "aws_kms", "aws_secretsmanager",
              "aws_cloudwatch", "aws_sns", "aws_route53", "aws_acm"].contains { n.hasPrefix($0) }
        })
        #expect(mine.subtracting(covered).isEmpty, "no lifecycle case for \(mine.subtracting(covered).sorted())")
    }
}
