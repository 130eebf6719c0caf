import Testing
import TerraceCost

/// Where Infracost is wrong, Terrace is right (../shared/reference/cost-model.md). Each test
/// states Infracost's figure for the same input (from its source at infracost/infracost@95ba4f4)
/// and checks Terrace's.
@Suite struct InfracostCorrectionsTests {
    /// Since 2024-02-01 every public IPv4 address costs $0.005/h. Infracost's aws_eip is free
    /// whenever a NAT gateway references it (internal/providers/terraform/aws/eip.go).
    @Test func natGatewayEIPIsCharged() throws {
        let p = try Fixture.estimate([
            Fixture.resource("aws_eip.nat", ["domain": "vpc"]),
            Fixture.resource("aws_nat_gateway.nat", [:], references: ["allocation_id": ["aws_eip.nat"]]),
        ])
        let eip = try #require(p.resources.first { $0.name == "aws_eip.nat" })
        #expect(eip.status == .estimated)
        #expect(close(eip.monthlyCost, 3.65))          // Infracost: $0.00 (skipped as "allocated")
        #expect(eip.notes == ["attached to aws_nat_gateway.nat"])
        #expect(close(p.monthlyCost, 32.85 + 3.65))    // Infracost: $32.85
        // The address is charged once: on the EIP, not again on the gateway.
        #expect(Fixture.component(p, "aws_nat_gateway.nat", "Public IPv4 address") == nil)
    }

    /// A NAT gateway whose EIP is not in the configuration still pays for its address.
    @Test func natGatewayWithAnUnmanagedEIPPaysForItsAddress() throws {
        let p = try Fixture.estimate([Fixture.resource("aws_nat_gateway.nat", ["allocation_id": "eipalloc-0123"])])
        #expect(close(Fixture.component(p, "aws_nat_gateway.nat", "Public IPv4 address")?.monthlyCost, 3.65))
        #expect(close(p.monthlyCost, 36.50))
    }

    /// An idle EIP costs the same; Infracost calls this one "IP address (if unused)".
    @Test func idleEIP() throws {
        let p = try Fixture.estimate([Fixture.resource("aws_eip.spare", ["domain": "vpc"])])
        #expect(close(Fixture.component(p, "aws_eip.spare", "Public IPv4 address (idle)")?.monthlyCost, 3.65))
    }

    /// An internet-facing ALB has a public IPv4 address on each AZ node; Infracost's aws_lb has
    /// only "Application load balancer" and LCUs (internal/resources/aws/lb.go).
    @Test(arguments: [(3, false, 10.95), (2, false, 7.30), (3, true, 0.0)])
    func internetFacingALBNodesAreCharged(_ subnets: Int, _ isInternal: Bool, _ ipv4: Double) throws {
        let p = try Fixture.estimate([Fixture.resource("aws_lb.web", ["internal": isInternal, "subnets": (0..<subnets).map { "subnet-\($0)" }])])
        let c = Fixture.component(p, "aws_lb.web", "Public IPv4 addresses")
        if isInternal { #expect(c == nil) } else { #expect(close(c?.monthlyCost, ipv4)) }  // subnets × 730 × $0.005
        #expect(close(p.monthlyCost, 16.425 + ipv4))   // Infracost: $16.43 either way
    }

    /// Subnets not yet known (planned from module outputs): counted from the subnets referenced.
    @Test func albNodesFromReferencedSubnets() throws {
        let p = try Fixture.estimate([
            Fixture.resource("aws_subnet.public[0]", [:]), Fixture.resource("aws_subnet.public[1]", [:]), Fixture.resource("aws_subnet.public[2]", [:]),
            PlannedResource(address: "aws_lb.web", type: "aws_lb", region: "us-east-1", values: .object(["subnets": .unknown(.set(.string))]),
                            references: ["subnets": ["aws_subnet.public[0]", "aws_subnet.public[1]", "aws_subnet.public[2]"]]),
        ])
        #expect(close(Fixture.component(p, "aws_lb.web", "Public IPv4 addresses")?.monthlyQuantity, 3 * 730))
    }

    /// CloudFront's price class limits the edge locations, and viewers elsewhere are billed at the
    /// serving edge's rate. Infracost prices every region at its own rate whatever the class.
    @Test func cloudFrontPriceClassIsUsed() throws {
        let usage = """
        version: 0.1
        resource_usage:
          aws_cloudfront_distribution.cdn:
            monthly_data_transfer_to_internet_gb:
              us: 1000
              asia_pacific: 500
              australia: 200
        """
        let p100 = try Fixture.estimate([Fixture.resource("aws_cloudfront_distribution.cdn", ["price_class": "PriceClass_100"])], usage: usage)
        // us 1,000 × 0.085 + asia 500 × 0.085 (served from US) + australia 200 × 0.085 (from US)
        #expect(close(p100.monthlyCost, 144.50))     // Infracost: 85 + 60 + 22.80 = $167.80
        #expect(close(Fixture.component(p100, "aws_cloudfront_distribution.cdn",
                                        "Data transfer out to internet / Hong Kong, Philippines, Asia Pacific, served from US, Mexico, Canada (first 10TB)")?.monthlyCost, 42.50))
        let p200 = try Fixture.estimate([Fixture.resource("aws_cloudfront_distribution.cdn", ["price_class": "PriceClass_200"])], usage: usage)
        // us 85 + asia 500 × 0.12 + australia 200 × 0.12 (served from Asia Pacific)
        #expect(close(p200.monthlyCost, 169.00))
        let all = try Fixture.estimate([Fixture.resource("aws_cloudfront_distribution.cdn", ["price_class": "PriceClass_All"])], usage: usage)
        #expect(close(all.monthlyCost, 85 + 60 + 22.80))  // every edge: the same as Infracost
        // Without usage, only the price class's regions are listed.
        let bare = try Fixture.estimate([Fixture.resource("aws_cloudfront_distribution.cdn", ["price_class": "PriceClass_100"])])
        let dto = try #require(bare.resources.first?.subresources.first)
        #expect(dto.components.map(\.name) == ["US, Mexico, Canada (first 10TB)", "Europe, Israel (first 10TB)"])
    }

    /// An autoscaled ECS service costs a range from the target's minimum to maximum capacity;
    /// Infracost prices desired_count only (internal/resources/aws/ecs_service.go).
    @Test(arguments: [true, false])
    func ecsAutoscalingGivesARange(_ byReference: Bool) throws {
        let target = byReference
            ? Fixture.resource("aws_appautoscaling_target.app", ["service_namespace": "ecs", "scalable_dimension": "ecs:service:DesiredCount",
                                                                 "min_capacity": 3, "max_capacity": 10], references: ["resource_id": ["aws_ecs_service.app"]])
            : Fixture.resource("aws_appautoscaling_target.app", ["service_namespace": "ecs", "resource_id": "service/prod/app",
                                                                 "min_capacity": 3, "max_capacity": 10])
        let p = try Fixture.estimate([
            Fixture.resource("aws_ecs_task_definition.app", ["family": "app", "cpu": "2048", "memory": "4096"]),
            Fixture.resource("aws_ecs_service.app", ["name": "app", "launch_type": "FARGATE", "desired_count": 3],
                             references: ["task_definition": ["aws_ecs_task_definition.app"]]),
            target,
        ])
        let svc = try #require(p.resources.first { $0.name == "aws_ecs_service.app" })
        // 3 tasks: 2 vCPU × 3 × 730 × 0.04048 + 4 GB × 3 × 730 × 0.004445
        #expect(close(svc.monthlyCost, 177.3024 + 38.9382))      // Infracost: the same single figure
        #expect(close(svc.minMonthlyCost, 177.3024 + 38.9382))
        // 10 tasks: 2 × 10 × 730 × 0.04048 + 4 × 10 × 730 × 0.004445
        #expect(close(svc.maxMonthlyCost, 591.008 + 129.794))
        #expect(p.hasRange && close(p.maxMonthlyCost, 720.802))
    }

    /// desired_count outside the autoscaling bounds is clamped, as Application Auto Scaling does.
    @Test func desiredCountIsClampedToTheAutoscalingRange() throws {
        let p = try Fixture.estimate([
            Fixture.resource("aws_ecs_task_definition.w", ["family": "w", "cpu": "1024", "memory": "2048"]),
            Fixture.resource("aws_ecs_service.w", ["name": "w", "launch_type": "FARGATE", "desired_count": 1, "task_definition": "w:3"]),
            Fixture.resource("aws_appautoscaling_target.w", ["resource_id": "service/c/w", "min_capacity": 2, "max_capacity": 4]),
        ])
        let cpu = try #require(Fixture.component(p, "aws_ecs_service.w", "Per vCPU per hour"))
        #expect(cpu.monthlyQuantity == 2 * 730 && cpu.minMonthlyQuantity == 2 * 730 && cpu.maxMonthlyQuantity == 4 * 730)
    }

    /// ARM64 tasks (runtime_platform.cpu_architecture) are priced at Fargate's ARM rate;
    /// Infracost prices every task as x86.
    @Test func arm64FargateIsPricedAsARM() throws {
        func cost(_ arch: String) throws -> Double {
            try Fixture.estimate([
                Fixture.resource("aws_ecs_task_definition.t", ["family": "t", "cpu": "1024", "memory": "2048",
                                                               "runtime_platform": [["cpu_architecture": arch, "operating_system_family": "LINUX"]]]),
                Fixture.resource("aws_ecs_service.s", ["name": "s", "launch_type": "FARGATE", "desired_count": 2],
                                 references: ["task_definition": ["aws_ecs_task_definition.t"]]),
            ]).monthlyCost
        }
        // 2 tasks × 730 h × (1 vCPU × 0.03238 + 2 GB × 0.00356)
        #expect(close(try cost("ARM64"), 47.2748 + 10.3952))
        // x86: 2 × 730 × (0.04048 + 2 × 0.004445), what Infracost gives for both
        #expect(close(try cost("X86_64"), 59.1008 + 12.9794))
    }

    /// ElastiCache node types have a SKU per engine; Valkey is priced as Valkey, and an engine
    /// the catalogue lacks is reported missing instead of borrowing Redis's price. Infracost
    /// prices every engine as Redis.
    @Test(arguments: [("redis", 451.14, false), ("valkey", 360.912, false), ("memcached", 0.0, true)])
    func elastiCacheIsPricedByEngine(_ engine: String, _ cost: Double, _ missing: Bool) throws {
        let p = try Fixture.estimate([Fixture.resource("aws_elasticache_replication_group.c",
                                                       ["node_type": "cache.r6g.large", "engine": engine, "num_cache_clusters": 3])])
        #expect(close(p.monthlyCost, cost))   // 3 × 730 × (0.206 Redis | 0.1648 Valkey)
        #expect((p.missingPrices.count == 1) == missing)
    }
}
