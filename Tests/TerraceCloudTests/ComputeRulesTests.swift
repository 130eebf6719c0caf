import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// AWS's rules for ECS, load balancing, scaling, ECR and IAM.
@Suite struct ComputeRulesTests {
    // MARK: Fargate

    static let fargateSizes: [(String, String, Bool)] = [
        ("256", "512", true), ("256", "2048", true), ("256", "4096", false),
        ("512", "1024", true), ("512", "4096", true), ("512", "512", false),
        ("1024", "2048", true), ("1024", "8192", true), ("1024", "1024", false),
        ("2048", "4096", true), ("2048", "16384", true), ("2048", "3072", false),
        ("4096", "30720", true), ("4096", "8192", true), ("4096", "32768", false),
        ("8192", "16384", true), ("8192", "20480", true), ("8192", "18432", false),
        ("16384", "122880", true), ("16384", "40960", true), ("16384", "36864", false),
        ("1 vCPU", "2 GB", true), ("0.5 vCPU", "8 GB", false), ("384", "1024", false),
    ]

    @Test(arguments: fargateSizes)
    func fargateTaskSizes(_ cpu: String, _ memory: String, _ ok: Bool) async throws {
        let h = try CloudHarness()
        var td = Fixtures.taskDefinition()
        td["cpu"] = str(cpu)
        td["memory"] = str(memory)
        td["container_definitions"] = str(#"[{"name":"app","image":"nginx"}]"#)
        let r = await h.create("aws_ecs_task_definition", td)
        if ok {
            #expect(!r.diagnostics.hasErrors, "\(r.diagnostics)")
        } else {
            #expect(r.diagnostics.firstError == "creating ECS Task Definition (aws_ecs_task_definition): ClientException: No Fargate configuration exists for given values: \(cpu) CPU, \(memory) memory. See the Amazon ECS documentation for the valid values.")
        }
    }

    @Test(arguments: [
        (["network_mode": str("bridge")], "Fargate only supports network mode 'awsvpc'."),
        (["cpu": .null(.string)], "Fargate requires that 'cpu' be defined at the task level."),
        (["container_definitions": str(#"[{"name":"app"}]"#)], "Container.image should not be null or empty."),
        (["container_definitions": str(#"[{"image":"nginx"}]"#)], "Container.name should not be null or empty."),
        (["container_definitions": str(#"[{"name":"a","image":"x"},{"name":"a","image":"y"}]"#)], "Duplicate container name: a"),
        (["container_definitions": str(#"[{"name":"a","image":"x","portMappings":[{"containerPort":80,"hostPort":8080}]}]"#)],
         "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
        (["container_definitions": str(#"[{"name":"a","image":"x","memory":1024}]"#)], "The sum of all container memory (1024 MiB) exceeds the task memory (512 MiB)."),
    ] as [([String: Value], String)])
    func taskDefinitionRules(_ change: [String: Value], _ message: String) async throws {
        let h = try CloudHarness()
        let r = await h.create("aws_ecs_task_definition", Fixtures.taskDefinition().merging(change) { _, b in b })
        #expect(r.diagnostics.firstError.contains("ClientException: \(message)"), "\(r.diagnostics.firstError)")
    }

    @Test func taskDefinitionsGetRevisionsAndStayListedWhenDeregistered() async throws {
        let h = try CloudHarness()
        let one = try await h.make("aws_ecs_task_definition", Fixtures.taskDefinition("web"))
        let two = try await h.make("aws_ecs_task_definition", Fixtures.taskDefinition("web"))
        #expect(one["arn"] == .string("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1"))
        #expect(two["revision"] == .number(2) && two["id"] == .string("web"))
        #expect(two["arn_without_revision"] == .string("arn:aws:ecs:us-east-1:123456789012:task-definition/web"))
        #expect(!(await h.delete("aws_ecs_task_definition", one)).diagnostics.hasErrors)
        #expect(await h.read("aws_ecs_task_definition", one) == nil, "an INACTIVE revision reads as gone")
        #expect(h.store.list("aws_ecs_task_definition", account: "123456789012", region: "us-east-1").count == 2)
        #expect(h.validate("aws_ecs_task_definition", ["family": str("web"), "container_definitions": str("{not json")]).firstError
            .contains("container_definitions is invalid"))
    }

    // MARK: ECS services

    @Test func servicesCheckTheirClusterTaskDefinitionAndNetwork() async throws {
        let h = try CloudHarness()
        let s = try await h.ecsService(name: "base")
        let net = obj(["subnets": stringSet(s.network.subnets.map { $0.s("id") }), "security_groups": stringSet([s.securityGroup.s("id")])])
        func attempt(_ attrs: [String: Value]) async -> String {
            let base: [String: Value] = ["name": str("web"), "cluster": s.cluster.s("id"), "task_definition": s.taskDefinition.s("arn"),
                                         "launch_type": str("FARGATE"), "network_configuration": net]
            return await h.create("aws_ecs_service", base.merging(attrs) { _, b in b }).diagnostics.firstError
        }
        #expect(await attempt(["cluster": str("nope")]).contains("ClusterNotFoundException: Cluster not found."))
        #expect(await attempt(["task_definition": str("nope:3")]).contains("ClientException: TaskDefinition not found."))
        #expect(await attempt(["network_configuration": Value.list([], element: .dynamic)]).contains("Network Configuration must be provided when networkMode 'awsvpc' is specified."))
        #expect(await attempt(["name": str("base")]).contains("InvalidParameterException: Creation of service was not idempotent."))
        #expect(await attempt(["health_check_grace_period_seconds": num(30)]).contains("Health check grace period is only valid for services configured to use load balancers"))
        let ec2Only = try await h.make("aws_ecs_task_definition", ["family": str("ec2"), "container_definitions": str(#"[{"name":"a","image":"x","memory":256}]"#)])
        #expect(await attempt(["task_definition": ec2Only.s("arn"), "network_configuration": Value.list([], element: .dynamic)])
            .contains("Task definition does not support launch_type FARGATE."))
        // The family alone names its latest revision.
        #expect(await attempt(["task_definition": str("td-base")]) == "")
    }

    @Test func serviceLoadBalancersMustSuitTheTask() async throws {
        let h = try CloudHarness()
        let s = try await h.ecsService(name: "base")
        let (lb, tg) = try await h.loadBalancer(s.network)
        let instanceTG = try await h.make("aws_lb_target_group", ["name": str("inst"), "port": num(8000), "protocol": str("HTTP"), "vpc_id": s.network.vpc.s("id")])
        func attempt(_ lbBlock: [String: Value]) async -> String {
            await h.create("aws_ecs_service", [
                "name": str("web\(lbBlock.count)\(Int.random(in: 0...99999))"), "cluster": s.cluster.s("id"), "task_definition": s.taskDefinition.s("arn"),
                "launch_type": str("FARGATE"),
                "network_configuration": obj(["subnets": stringSet(s.network.subnets.map { $0.s("id") })]),
                "load_balancer": obj(lbBlock),
            ]).diagnostics.firstError
        }
        let tgARN = tg["arn"]!.stringValue!
        #expect(await attempt(["target_group_arn": tg.s("arn"), "container_name": str("app"), "container_port": num(8000)])
            .contains("The target group with targetGroupArn \(tgARN) does not have an associated load balancer."))
        _ = try await h.make("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(80),
                                                 "default_action": obj(["type": str("forward"), "target_group_arn": tg.s("arn")])])
        #expect(await attempt(["target_group_arn": tg.s("arn"), "container_name": str("web"), "container_port": num(8000)])
            .contains("The container web does not exist in the task definition."))
        #expect(await attempt(["target_group_arn": tg.s("arn"), "container_name": str("app"), "container_port": num(9000)])
            .contains("The container app did not have a container port 9000 defined."))
        _ = try await h.make("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(81),
                                                 "default_action": obj(["type": str("forward"), "target_group_arn": instanceTG.s("arn")])])
        #expect(await attempt(["target_group_arn": instanceTG.s("arn"), "container_name": str("app"), "container_port": num(8000)])
            .contains("has target type instance, which is incompatible with the awsvpc network mode specified in the task definition."))
        #expect(await attempt(["target_group_arn": tg.s("arn"), "container_name": str("app"), "container_port": num(8000)]) == "")
    }

    @Test func aClusterWithServicesCannotBeDeleted() async throws {
        let h = try CloudHarness()
        let s = try await h.ecsService()
        #expect((await h.delete("aws_ecs_cluster", s.cluster)).diagnostics.firstError
            == "deleting ECS Cluster (\(s.cluster["id"]!.stringValue!)): ClusterContainsServicesException: The Cluster cannot be deleted while Services are active.")
        #expect(!(await h.delete("aws_ecs_service", s.service)).diagnostics.hasErrors)
        #expect(!(await h.delete("aws_ecs_cluster", s.cluster)).diagnostics.hasErrors)
    }

    // MARK: Load balancers

    @Test func applicationLoadBalancersNeedTwoZonesAndAnInternetGateway() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        #expect((await h.create("aws_lb", ["name": str("one"), "subnets": stringSet([n.subnets[0].s("id")])])).diagnostics.firstError
            .contains("ValidationError: At least two subnets in two different Availability Zones must be specified"))
        let sameZone = try await h.make("aws_subnet", ["vpc_id": n.vpc.s("id"), "cidr_block": str("10.0.9.0/24"), "availability_zone": str("us-east-1a")])
        #expect((await h.create("aws_lb", ["name": str("two"), "subnets": stringSet([n.subnets[0].s("id"), sameZone.s("id")])])).diagnostics.firstError
            .contains("A load balancer cannot be attached to multiple subnets in the same Availability Zone"))
        let lonely = try await h.make("aws_vpc", ["cidr_block": str("10.5.0.0/16")])
        var subnets: [Value] = []
        for (i, z) in ["a", "b"].enumerated() {
            subnets.append(try await h.make("aws_subnet", ["vpc_id": lonely.s("id"), "cidr_block": str("10.5.\(i).0/24"), "availability_zone": str("us-east-1\(z)")]))
        }
        let ids = stringSet(subnets.map { $0.s("id") })
        #expect((await h.create("aws_lb", ["name": str("public"), "subnets": ids])).diagnostics.firstError
            .contains("InvalidSubnet: VPC \(lonely["id"]!.stringValue!) has no internet gateway"))
        let privateLB = try await h.make("aws_lb", ["name": str("private"), "subnets": ids, "internal": .bool(true)])
        #expect(privateLB["dns_name"]?.stringValue?.range(of: #"^internal-private-[0-9]{10}\.us-east-1\.elb\.amazonaws\.com$"#, options: .regularExpression) != nil)
        #expect(privateLB["zone_id"] == .string("Z35SXDOTRQ7X7K"))
        #expect(privateLB.items("security_groups").count == 1, "an ALB without groups gets the VPC's default group")
        #expect((await h.create("aws_lb", ["name": str("private"), "subnets": ids, "internal": .bool(true)])).diagnostics.firstError.contains("DuplicateLoadBalancerName"))
    }

    @Test(arguments: ["-web", "web-", "internal-web", "a_b", "a-very-long-load-balancer-name-xyz"])
    func loadBalancerNamesAreValidated(_ name: String) throws {
        let h = try CloudHarness()
        #expect(h.validate("aws_lb", ["name": str(name)]).hasErrors)
    }

    @Test func deletionProtectionAndTargetGroupsInUse() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let lb = try await h.make("aws_lb", ["name": str("web"), "subnets": stringSet(n.subnets.map { $0.s("id") }), "enable_deletion_protection": .bool(true)])
        let tg = try await h.make("aws_lb_target_group", ["name": str("tg"), "port": num(80), "protocol": str("HTTP"), "vpc_id": n.vpc.s("id")])
        let listener = try await h.make("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(80),
                                                            "default_action": obj(["type": str("forward"), "target_group_arn": tg.s("arn")])])
        #expect(listener["protocol"] == .string("HTTP"))
        #expect((await h.delete("aws_lb_target_group", tg)).diagnostics.firstError.contains("ResourceInUse: Target group '\(tg["arn"]!.stringValue!)' is currently in use by a listener or a rule"))
        #expect((await h.delete("aws_lb", lb)).diagnostics.firstError.contains("OperationNotPermitted"))
        let tgRead = try #require(await h.read("aws_lb_target_group", tg))
        #expect(tgRead.strings("load_balancer_arns") == [lb["arn"]!.stringValue!])
        let unprotected = await h.update("aws_lb", lb, ["name": str("web"), "subnets": stringSet(n.subnets.map { $0.s("id") })])
        #expect(!unprotected.diagnostics.hasErrors)
        #expect(!(await h.delete("aws_lb", try #require(unprotected.newState))).diagnostics.hasErrors)
        #expect(await h.read("aws_lb_listener", listener) == nil, "listeners go with their load balancer")
        #expect(!(await h.delete("aws_lb_target_group", tg)).diagnostics.hasErrors)
    }

    @Test func targetGroupSettings() async throws {
        let h = try CloudHarness()
        let vpc = try await h.make("aws_vpc", ["cidr_block": str("10.0.0.0/16")])
        #expect((await h.create("aws_lb_target_group", ["name": str("a"), "protocol": str("HTTP"), "vpc_id": vpc.s("id")])).diagnostics.firstError
            .contains("ValidationError: A port must be specified"))
        #expect((await h.create("aws_lb_target_group", ["name": str("b"), "port": num(80), "protocol": str("HTTP"), "vpc_id": vpc.s("id"),
                                                        "health_check": obj(["timeout": num(30), "interval": num(30)])])).diagnostics.firstError
            .contains("Health check timeout must be smaller than the interval"))
        let tg = try await h.make("aws_lb_target_group", ["name": str("c"), "port": num(80), "protocol": str("HTTP"), "vpc_id": vpc.s("id")])
        let hc = try #require(tg.items("health_check").first)
        #expect(hc["path"] == .string("/") && hc["matcher"] == .string("200") && hc["healthy_threshold"] == .number(5))
        #expect(tg["arn_suffix"]?.stringValue?.hasPrefix("targetgroup/c/") == true)
        #expect((await h.create("aws_lb_target_group", ["name": str("c"), "port": num(80), "protocol": str("HTTP"), "vpc_id": vpc.s("id")])).diagnostics.firstError
            .contains("DuplicateTargetGroupName"))
        #expect(h.validate("aws_lb_target_group", ["name": str("d"), "deregistration_delay": str("4000")]).hasErrors)
        #expect(h.validate("aws_lb_target_group", ["name": str("d"), "health_check": obj(["healthy_threshold": num(1)])]).hasErrors)
    }

    @Test func listenersAndRules() async throws {
        let h = try CloudHarness()
        let n = try await h.network()
        let (lb, tg) = try await h.loadBalancer(n)
        let forward = obj(["type": str("forward"), "target_group_arn": tg.s("arn")])
        #expect((await h.create("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(443), "protocol": str("HTTPS"), "default_action": forward]))
            .diagnostics.firstError.contains("A certificate must be specified for HTTPS listeners"))
        #expect((await h.create("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(443), "protocol": str("HTTPS"),
                                                    "certificate_arn": str("arn:aws:acm:us-east-1:123456789012:certificate/nope"), "default_action": forward]))
            .diagnostics.firstError.contains("CertificateNotFound"))
        #expect((await h.create("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(80), "protocol": str("TCP"), "default_action": forward]))
            .diagnostics.firstError.contains("Listener protocol 'TCP' must be one of 'HTTP, HTTPS'"))
        let listener = try await h.make("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(80), "default_action": forward])
        #expect((await h.create("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(80), "default_action": forward]))
            .diagnostics.firstError.contains("DuplicateListener"))
        let (otherLB, _) = try await h.loadBalancer(n, name: "api")
        #expect((await h.create("aws_lb_listener", ["load_balancer_arn": otherLB.s("arn"), "port": num(80), "default_action": forward]))
            .diagnostics.firstError.contains("TargetGroupAssociationLimit"))
        #expect((await h.create("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(82),
                                                    "default_action": obj(["type": str("forward"), "target_group_arn": str("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0")])]))
            .diagnostics.firstError.contains("TargetGroupNotFound"))
        let redirect = try await h.make("aws_lb_listener", ["load_balancer_arn": lb.s("arn"), "port": num(8080),
            "default_action": obj(["type": str("redirect"), "redirect": obj(["port": str("443"), "protocol": str("HTTPS"), "status_code": str("HTTP_301")])])])
        #expect(redirect.items("default_action").first?.items("redirect").first?["host"] == .string("#{host}"))
        let rule = ["listener_arn": listener.s("arn"), "priority": num(5), "action": forward,
                    "condition": obj(["host_header": obj(["values": stringSet([str("api.example.com")])])])]
        let first = try await h.make("aws_lb_listener_rule", rule)
        #expect(first["arn"]?.stringValue?.contains(":listener-rule/app/web/") == true)
        #expect((await h.create("aws_lb_listener_rule", rule)).diagnostics.firstError.contains("PriorityInUse: Priority '5' is currently in use"))
        var auto = rule
        auto["priority"] = nil
        #expect(try await h.make("aws_lb_listener_rule", auto)["priority"] == .number(6))
        #expect(h.validate("aws_lb_listener", ["default_action": obj(["type": str("redirect")])]).firstError.contains("Invalid Attribute Combination"))
    }

    // MARK: Scaling

    @Test func scalingTargetsAndPolicies() async throws {
        let h = try CloudHarness()
        let s = try await h.ecsService()
        let target: [String: Value] = ["min_capacity": num(1), "max_capacity": num(4), "resource_id": str(s.resourceID),
                                       "scalable_dimension": str("ecs:service:DesiredCount"), "service_namespace": str("ecs")]
        #expect((await h.create("aws_appautoscaling_target", target.merging(["min_capacity": num(5)]) { _, b in b })).diagnostics.firstError
            .contains("ValidationException: Minimum capacity cannot be greater than maximum capacity"))
        #expect((await h.create("aws_appautoscaling_target", target.merging(["resource_id": str("service/c-web/nope")]) { _, b in b })).diagnostics.firstError
            .contains("ValidationException: ECS service doesn't exist: service/c-web/nope"))
        let policy = ResourceLifecycleTests.policy(str(s.resourceID), name: "cpu", target: 70)
        #expect((await h.create("aws_appautoscaling_policy", policy)).diagnostics.firstError
            .contains("ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: \(s.resourceID), scalable dimension: ecs:service:DesiredCount"))
        let t = try await h.make("aws_appautoscaling_target", target)
        #expect(t["role_arn"]?.stringValue?.hasSuffix("AWSServiceRoleForApplicationAutoScaling_ECSService") == true)
        let p = try await h.make("aws_appautoscaling_policy", policy)
        #expect(p["alarm_arns"]?.elements?.count == 2)
        var alb = policy
        alb["name"] = str("requests")
        alb["target_tracking_scaling_policy_configuration"] = obj([
            "target_value": num(1000),
            "predefined_metric_specification": obj(["predefined_metric_type": str("ALBRequestCountPerTarget"), "resource_label": str("app/x/1/targetgroup/y/2")]),
        ])
        #expect((await h.create("aws_appautoscaling_policy", alb)).diagnostics.firstError.contains("does not name an existing load balancer and target group"))
        // Deregistering the target deletes its policies.
        #expect(!(await h.delete("aws_appautoscaling_target", t)).diagnostics.hasErrors)
        #expect(await h.read("aws_appautoscaling_policy", p) == nil)
    }

    // MARK: ECR

    @Test(arguments: [("app", true), ("social-flow/app", true), ("App", false), ("a", false), ("-app", false), ("app//x", false)])
    func repositoryNames(_ name: String, _ ok: Bool) async throws {
        let h = try CloudHarness()
        let r = await h.create("aws_ecr_repository", ["name": str(name)])
        if ok {
            #expect(r.newState?["repository_url"] == .string("123456789012.dkr.ecr.us-east-1.amazonaws.com/\(name)"))
            #expect((await h.create("aws_ecr_repository", ["name": str(name)])).diagnostics.firstError.contains("RepositoryAlreadyExistsException"))
        } else {
            #expect(r.diagnostics.firstError.contains("InvalidParameterException"))
        }
    }

    // MARK: IAM

    @Test(arguments: [
        ("{", "MalformedPolicyDocument: This policy contains invalid Json"),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#, "AssumeRolepolicy contained an invalid principal"),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"sts:AssumeRole","Principal":{"Service":"ecs.amazonaws.com"}}]}"#, "Invalid effect: Permit"),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"ecs-tasks"}}]}"#, #"Invalid principal in policy: "Service":"ecs-tasks""#),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"AssumeRole","Principal":{"Service":"ecs.amazonaws.com"}}]}"#, "Actions/Conditions must be prefaced by a vendor"),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":"arn:aws:iam::123456789012:role/nobody"}}]}"#, "Invalid principal in policy"),
    ])
    func trustPoliciesIAMRejects(_ policy: String, _ message: String) async throws {
        let h = try CloudHarness()
        let r = await h.create("aws_iam_role", ["name": str("app"), "assume_role_policy": str(policy)])
        #expect(r.diagnostics.firstError.contains(message), "\(r.diagnostics.firstError)")
    }

    @Test func rolesAreGlobalAndUnique() async throws {
        let east = try CloudHarness()
        let west = try CloudHarness(region: "us-west-2", sharing: east)
        let role = try await east.make("aws_iam_role", ["name": str("app"), "path": str("/service/"), "assume_role_policy": str(Fixtures.trustPolicy)])
        #expect(role["arn"] == .string("arn:aws:iam::123456789012:role/service/app"))
        #expect(role["unique_id"]?.stringValue?.range(of: "^AROA[A-Z2-7]{17}$", options: .regularExpression) != nil)
        #expect((await west.create("aws_iam_role", ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy)])).diagnostics.firstError
            .contains("EntityAlreadyExists: Role with name app already exists."))
        #expect(await west.read("aws_iam_role", role) != nil, "a role is visible from every region")
        #expect((await east.create("aws_iam_role", ["name": str("x"), "path": str("service"), "assume_role_policy": str(Fixtures.trustPolicy)])).diagnostics.firstError
            .contains("It must begin and end with /"))
        #expect(east.validate("aws_iam_role", ["name": str("bad name!"), "assume_role_policy": str(Fixtures.trustPolicy)]).hasErrors)
        #expect(east.validate("aws_iam_role", ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy), "max_session_duration": num(60)]).hasErrors)
    }

    @Test func attachedPoliciesBlockDeletes() async throws {
        let h = try CloudHarness()
        let role = try await h.make("aws_iam_role", ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy)])
        let policy = try await h.make("aws_iam_policy", ["name": str("read"), "policy": str(Fixtures.readPolicy)])
        #expect(policy["arn"] == .string("arn:aws:iam::123456789012:policy/read") && policy["id"] == policy["arn"])
        let attachment = try await h.make("aws_iam_role_policy_attachment", ["role": str("app"), "policy_arn": policy.s("arn")])
        #expect((await h.delete("aws_iam_policy", policy)).diagnostics.firstError.contains("DeleteConflict: Cannot delete a policy attached to entities."))
        // The role's state from before the attachment does not list it: IAM refuses.
        #expect((await h.delete("aws_iam_role", role)).diagnostics.firstError.contains("DeleteConflict: Cannot delete entity, must detach all policies first."))
        // Refreshed, the role lists it, and the provider detaches it first, as the AWS provider does.
        let refreshed = try #require(await h.read("aws_iam_role", role))
        #expect(refreshed.strings("managed_policy_arns") == [policy["arn"]!.stringValue!])
        #expect(!(await h.delete("aws_iam_role", refreshed)).diagnostics.hasErrors)
        #expect(await h.read("aws_iam_role_policy_attachment", attachment) == nil)
        #expect(!(await h.delete("aws_iam_policy", policy)).diagnostics.hasErrors)
    }

    @Test func attachmentsNeedExistingRolesAndPolicies() async throws {
        let h = try CloudHarness()
        #expect((await h.create("aws_iam_role_policy_attachment", ["role": str("ghost"), "policy_arn": str("arn:aws:iam::aws:policy/ReadOnlyAccess")]))
            .diagnostics.firstError.contains("NoSuchEntity: The role with name ghost cannot be found."))
        _ = try await h.make("aws_iam_role", ["name": str("app"), "assume_role_policy": str(Fixtures.trustPolicy)])
        #expect((await h.create("aws_iam_role_policy_attachment", ["role": str("app"), "policy_arn": str("arn:aws:iam::aws:policy/NoSuchPolicy")]))
            .diagnostics.firstError.contains("NoSuchEntity: Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable."))
        for (i, p) in ["ReadOnlyAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess", "CloudWatchFullAccess", "AmazonSQSFullAccess",
                       "AmazonSNSFullAccess", "SecretsManagerReadWrite", "AmazonDynamoDBFullAccess", "AWSXRayDaemonWriteAccess", "AmazonRDSFullAccess"].enumerated() {
            let r = await h.create("aws_iam_role_policy_attachment", ["role": str("app"), "policy_arn": str("arn:aws:iam::aws:policy/\(p)")])
            #expect(!r.diagnostics.hasErrors, "attachment \(i + 1): \(r.diagnostics)")
        }
        #expect((await h.create("aws_iam_role_policy_attachment", ["role": str("app"), "policy_arn": str("arn:aws:iam::aws:policy/IAMReadOnlyAccess")]))
            .diagnostics.firstError.contains("LimitExceeded: Cannot exceed quota for PoliciesPerRole: 10"))
    }

    @Test func identityPoliciesIAMRejects() async throws {
        let h = try CloudHarness()
        #expect((await h.create("aws_iam_policy", ["name": str("p"), "policy": str(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#)]))
            .diagnostics.firstError.contains("MalformedPolicyDocument: Policy statement must contain resources."))
        let big = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["# + (0..<300).map { "\"arn:aws:s3:::bucket-\($0)/*\"" }.joined(separator: ",") + "]}]}"
        #expect((await h.create("aws_iam_policy", ["name": str("big"), "policy": str(big)])).diagnostics.firstError.contains("LimitExceeded: Cannot exceed quota for PolicySize: 6144"))
        _ = try await h.make("aws_iam_policy", ["name": str("p"), "policy": str(Fixtures.readPolicy)])
        #expect((await h.create("aws_iam_policy", ["name": str("p"), "policy": str(Fixtures.readPolicy)])).diagnostics.firstError.contains("EntityAlreadyExists"))
        #expect(h.validate("aws_iam_policy", ["name": str("p"), "policy": str(" {}")]).firstError.contains("leading space"))
        #expect((await h.create("aws_iam_role_policy", ["name": str("x"), "role": str("ghost"), "policy": str(Fixtures.readPolicy)]))
            .diagnostics.firstError.contains("NoSuchEntity"))
    }

    @Test func equivalentPoliciesAreNoChange() async throws {
        let h = try CloudHarness()
        let p = try await h.make("aws_iam_policy", ["name": str("p"), "policy": str(Fixtures.readPolicy)])
        let reordered = #"{"Statement":[{"Resource":"*","Action":"s3:GetObject","Effect":"Allow"}],"Version":"2012-10-17"}"#
        let plan = h.plan("aws_iam_policy", ["name": str("p"), "policy": str(reordered)], prior: p)
        #expect(Evaluator.valuesEqual(plan.planned.unmarkedDeep, p.unmarkedDeep))
        let changed = h.plan("aws_iam_policy", ["name": str("p"), "policy": str(Fixtures.writePolicy)], prior: p)
        #expect(!Evaluator.valuesEqual(changed.planned.unmarkedDeep, p.unmarkedDeep) && changed.requiresReplace.isEmpty)
    }
}
