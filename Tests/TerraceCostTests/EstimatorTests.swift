import Testing
import TerraceCost

/// Components per resource type against hand-computed figures: each expected cost below is
/// worked out from the catalogue's prices in the comment beside it, not read back from code.
@Suite struct EstimatorTests {
    struct Expect: Sendable {
        var address: String
        var component: String
        /// Monthly quantity in the priced unit (hours for hourly prices); nil = no quantity.
        var quantity: Double?
        /// nil = not counted (usage without a quantity, or a missing price).
        var cost: Double?
        var priceMissing = false
    }

    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var resources: [PlannedResource]
        var usage: String? = nil
        var expect: [Expect]
        /// The project total, hand-computed.
        var total: Double
    }

    static let cases: [Case] = [
        Case(description: "RDS PostgreSQL db.t3.small Single-AZ, 100 GB gp3",
             resources: [Fixture.resource("aws_db_instance.db", ["engine": "postgres", "instance_class": "db.t3.small",
                                                                  "allocated_storage": 100, "storage_type": "gp3", "multi_az": false])],
             expect: [
                Expect(address: "aws_db_instance.db", component: "Database instance (on-demand, Single-AZ, db.t3.small)", quantity: 730, cost: 26.28), // 730 × 0.036
                Expect(address: "aws_db_instance.db", component: "Storage (general purpose SSD, gp3)", quantity: 100, cost: 11.50),              // 100 × 0.115
                Expect(address: "aws_db_instance.db", component: "Additional backup storage", quantity: nil, cost: nil),
             ], total: 37.78),
        Case(description: "RDS PostgreSQL db.r6g.xlarge Multi-AZ, gp3 with 4,000 IOPS, backup usage",
             resources: [Fixture.resource("aws_db_instance.db", ["engine": "postgres", "instance_class": "db.r6g.xlarge", "allocated_storage": 100,
                                                                  "storage_type": "gp3", "iops": 4000, "multi_az": true])],
             usage: "version: 0.1\nresource_usage:\n  aws_db_instance.db:\n    additional_backup_storage_gb: 200\n",
             expect: [
                Expect(address: "aws_db_instance.db", component: "Database instance (on-demand, Multi-AZ, db.r6g.xlarge)", quantity: 730, cost: 656.27), // 730 × 0.899
                Expect(address: "aws_db_instance.db", component: "Storage (general purpose SSD, gp3)", quantity: 100, cost: 23.00),                // 100 × 0.23
                Expect(address: "aws_db_instance.db", component: "Provisioned GP3 IOPS (above 3,000)", quantity: 1000, cost: 40.00),              // 1,000 × 0.04
                Expect(address: "aws_db_instance.db", component: "Additional backup storage", quantity: 200, cost: 19.00),                        // 200 × 0.095
             ], total: 738.27),
        Case(description: "RDS default storage type is gp2; an unpriced class is missing, not zero",
             resources: [Fixture.resource("aws_db_instance.db", ["engine": "postgres", "instance_class": "db.m5.24xlarge", "allocated_storage": 20])],
             expect: [
                Expect(address: "aws_db_instance.db", component: "Database instance (on-demand, Single-AZ, db.m5.24xlarge)", quantity: 730, cost: nil, priceMissing: true),
                Expect(address: "aws_db_instance.db", component: "Storage (general purpose SSD, gp2)", quantity: 20, cost: 2.30), // 20 × 0.115
             ], total: 2.30),
        Case(description: "ElastiCache replication group, 3 × cache.r6g.large Redis",
             resources: [Fixture.resource("aws_elasticache_replication_group.redis", ["node_type": "cache.r6g.large", "engine": "redis", "num_cache_clusters": 3])],
             expect: [Expect(address: "aws_elasticache_replication_group.redis", component: "ElastiCache (on-demand, cache.r6g.large)", quantity: 2190, cost: 451.14)], // 3 × 730 × 0.206
             total: 451.14),
        Case(description: "ElastiCache cluster mode: 2 shards × (1 replica + 1) cache.t3.small",
             resources: [Fixture.resource("aws_elasticache_replication_group.redis", ["node_type": "cache.t3.small", "num_node_groups": 2, "replicas_per_node_group": 1])],
             expect: [Expect(address: "aws_elasticache_replication_group.redis", component: "ElastiCache (on-demand, cache.t3.small)", quantity: 2920, cost: 99.28)], // 4 × 730 × 0.034
             total: 99.28),
        Case(description: "ElastiCache single-node cluster cache.t3.micro; a replication group member is free",
             resources: [Fixture.resource("aws_elasticache_cluster.one", ["node_type": "cache.t3.micro", "engine": "redis", "num_cache_nodes": 1]),
                         Fixture.resource("aws_elasticache_cluster.member", ["node_type": "cache.t3.micro", "replication_group_id": "rg"])],
             expect: [Expect(address: "aws_elasticache_cluster.one", component: "ElastiCache (on-demand, cache.t3.micro)", quantity: 730, cost: 12.41)], // 730 × 0.017
             total: 12.41),
        Case(description: "NAT gateway with data processed",
             resources: [Fixture.resource("aws_nat_gateway.nat", ["allocation_id": "eipalloc-1", "subnet_id": "subnet-1"]),
                         Fixture.resource("aws_eip.nat", ["domain": "vpc", "allocation_id": "eipalloc-1", "id": "eipalloc-1"])],
             usage: "version: 0.1\nresource_usage:\n  aws_nat_gateway.nat:\n    monthly_data_processed_gb: 500\n",
             expect: [
                Expect(address: "aws_nat_gateway.nat", component: "NAT gateway", quantity: 730, cost: 32.85),          // 730 × 0.045
                Expect(address: "aws_nat_gateway.nat", component: "Data processed", quantity: 500, cost: 22.50),       // 500 × 0.045
                Expect(address: "aws_eip.nat", component: "Public IPv4 address (in use)", quantity: 730, cost: 3.65), // 730 × 0.005
             ], total: 59.00),
        Case(description: "Application load balancer, internet-facing across 3 subnets, LCUs from usage",
             resources: [Fixture.resource("aws_lb.web", ["load_balancer_type": "application", "internal": false, "subnets": ["subnet-a", "subnet-b", "subnet-c"]])],
             usage: "version: 0.1\nresource_usage:\n  aws_lb.web:\n    new_connections: 50\n    active_connections: 3000\n    processed_bytes_gb: 0.5\n",
             expect: [
                Expect(address: "aws_lb.web", component: "Application load balancer", quantity: 730, cost: 16.425),       // 730 × 0.0225
                Expect(address: "aws_lb.web", component: "Load balancer capacity units", quantity: 1460, cost: 11.68),     // max(50/25, 3000/3000, 0.5) = 2 LCU × 730 × 0.008
                Expect(address: "aws_lb.web", component: "Public IPv4 addresses", quantity: 2190, cost: 10.95),           // 3 × 730 × 0.005
             ], total: 39.055),
        Case(description: "Internal network load balancer: no public IPv4",
             resources: [Fixture.resource("aws_lb.internal", ["load_balancer_type": "network", "internal": true, "subnets": ["a", "b"]])],
             expect: [
                Expect(address: "aws_lb.internal", component: "Network load balancer", quantity: 730, cost: 16.425), // 730 × 0.0225
                Expect(address: "aws_lb.internal", component: "Load balancer capacity units", quantity: nil, cost: nil),
             ], total: 16.425),
        Case(description: "ECS Fargate service: 512 CPU / 1024 MB, 1 task, x86",
             resources: [Fixture.resource("aws_ecs_task_definition.app", ["family": "app", "cpu": "512", "memory": "1024"]),
                         Fixture.resource("aws_ecs_service.app", ["name": "app", "launch_type": "FARGATE", "desired_count": 1],
                                          references: ["task_definition": ["aws_ecs_task_definition.app"]])],
             expect: [
                Expect(address: "aws_ecs_service.app", component: "Per vCPU per hour", quantity: 365, cost: 14.7752),  // 0.5 vCPU × 730 × 0.04048
                Expect(address: "aws_ecs_service.app", component: "Per GB per hour", quantity: 730, cost: 3.24485),    // 1 GB × 730 × 0.004445
             ], total: 18.02005),
        Case(description: "ECS on EC2 capacity is free here (the instances are priced)",
             resources: [Fixture.resource("aws_ecs_service.ec2", ["name": "x", "launch_type": "EC2", "desired_count": 3])],
             expect: [], total: 0),
        Case(description: "CloudFront PriceClass_All: every region at its own rate, requests per 10k",
             resources: [Fixture.resource("aws_cloudfront_distribution.cdn", ["price_class": "PriceClass_All"])],
             usage: """
             version: 0.1
             resource_usage:
               aws_cloudfront_distribution.cdn:
                 monthly_data_transfer_to_internet_gb: { }
                 monthly_https_requests:
                   us: 2000000
                   australia: 100000
             """,
             expect: [
                Expect(address: "aws_cloudfront_distribution.cdn", component: "HTTPS requests / US, Mexico, Canada", quantity: 200, cost: 2.00),  // 200 × 10k × 0.01
                Expect(address: "aws_cloudfront_distribution.cdn", component: "HTTPS requests / Australia, New Zealand", quantity: 10, cost: 0.125), // 10 × 0.0125
                Expect(address: "aws_cloudfront_distribution.cdn", component: "Data transfer out to internet / Japan (first 10TB)", quantity: nil, cost: nil),
             ], total: 2.125),
        Case(description: "S3 Standard storage and requests from usage",
             resources: [Fixture.resource("aws_s3_bucket.videos", ["bucket": "videos"])],
             usage: "version: 0.1\nresource_usage:\n  aws_s3_bucket.videos:\n    standard:\n      storage_gb: 100\n      monthly_tier_1_requests: 1000000\n      monthly_tier_2_requests: 10000000\n",
             expect: [
                Expect(address: "aws_s3_bucket.videos", component: "Standard / Storage", quantity: 100, cost: 2.30),                               // 100 × 0.023
                Expect(address: "aws_s3_bucket.videos", component: "Standard / PUT, COPY, POST, LIST requests", quantity: 1000, cost: 5.00),      // 1,000 × 0.005
                Expect(address: "aws_s3_bucket.videos", component: "Standard / GET, SELECT, and all other requests", quantity: 10000, cost: 4.00), // 10,000 × 0.0004
             ], total: 11.30),
        Case(description: "S3 storage class without a catalogue price is reported missing",
             resources: [Fixture.resource("aws_s3_bucket.archive", ["bucket": "archive"])],
             usage: "version: 0.1\nresource_usage:\n  aws_s3_bucket.archive:\n    glacier_deep_archive:\n      storage_gb: 5000\n",
             expect: [Expect(address: "aws_s3_bucket.archive", component: "Glacier deep archive / Storage", quantity: 5000, cost: nil, priceMissing: true)],
             total: 0),
        Case(description: "Secrets Manager secret and API calls",
             resources: [Fixture.resource("aws_secretsmanager_secret.db", ["name": "db"])],
             usage: "version: 0.1\nresource_usage:\n  aws_secretsmanager_secret.db:\n    monthly_requests: 50000\n",
             expect: [
                Expect(address: "aws_secretsmanager_secret.db", component: "Secret", quantity: 1, cost: 0.40),
                Expect(address: "aws_secretsmanager_secret.db", component: "API requests", quantity: 5, cost: 0.25), // 5 × 10k × 0.05
             ], total: 0.65),
        Case(description: "CloudWatch log group, alarms (standard, high resolution, metric math) and a dashboard",
             resources: [Fixture.resource("aws_cloudwatch_log_group.app", ["name": "/app", "retention_in_days": 30]),
                         Fixture.resource("aws_cloudwatch_metric_alarm.cpu", ["period": 300]),
                         Fixture.resource("aws_cloudwatch_metric_alarm.fast", ["period": 10]),
                         Fixture.resource("aws_cloudwatch_metric_alarm.math", ["metric_query": [
                            ["id": "e1", "expression": "m1+m2"],
                            ["id": "m1", "metric": [["metric_name": "A", "period": 60]]],
                            ["id": "m2", "metric": [["metric_name": "B", "period": 60]]]]]),
                         Fixture.resource("aws_cloudwatch_dashboard.main", ["dashboard_name": "main"])],
             usage: "version: 0.1\nresource_usage:\n  aws_cloudwatch_log_group.app:\n    monthly_data_ingested_gb: 10\n    storage_gb: 20\n",
             expect: [
                Expect(address: "aws_cloudwatch_log_group.app", component: "Data ingested", quantity: 10, cost: 5.00),  // 10 × 0.50
                Expect(address: "aws_cloudwatch_log_group.app", component: "Archival Storage", quantity: 20, cost: 0.60), // 20 × 0.03
                Expect(address: "aws_cloudwatch_metric_alarm.cpu", component: "Standard resolution", quantity: 1, cost: 0.10),
                Expect(address: "aws_cloudwatch_metric_alarm.fast", component: "High resolution", quantity: 1, cost: 0.30),
                Expect(address: "aws_cloudwatch_metric_alarm.math", component: "Standard resolution", quantity: 2, cost: 0.20),
                Expect(address: "aws_cloudwatch_dashboard.main", component: "Dashboard", quantity: 1, cost: 3.00),
             ], total: 9.20),
        Case(description: "KMS key, Route 53 zone, alias record free",
             resources: [Fixture.resource("aws_kms_key.main", [:]),
                         Fixture.resource("aws_route53_zone.main", ["name": "example.com"]),
                         Fixture.resource("aws_route53_record.www", ["name": "www", "alias": [["name": "x", "zone_id": "z"]]])],
             expect: [
                Expect(address: "aws_kms_key.main", component: "Customer master key", quantity: 1, cost: 1.00),
                Expect(address: "aws_route53_zone.main", component: "Hosted zone", quantity: 1, cost: 0.50),
             ], total: 1.50),
        Case(description: "DynamoDB provisioned capacity",
             resources: [Fixture.resource("aws_dynamodb_table.t", ["billing_mode": "PROVISIONED", "write_capacity": 20, "read_capacity": 30])],
             expect: [
                Expect(address: "aws_dynamodb_table.t", component: "Write capacity unit (WCU)", quantity: 14600, cost: 9.49),  // 20 × 730 × 0.00065
                Expect(address: "aws_dynamodb_table.t", component: "Read capacity unit (RCU)", quantity: 21900, cost: 2.847), // 30 × 730 × 0.00013
             ], total: 12.337),
        Case(description: "Region prices: eu-west-1 NAT at its own rate, RDS at the flagged multiplier",
             resources: [Fixture.resource("aws_nat_gateway.eu", ["connectivity_type": "private"], region: "eu-west-1"),
                         Fixture.resource("aws_db_instance.eu", ["engine": "postgres", "instance_class": "db.t3.small", "allocated_storage": 0], region: "eu-west-1")],
             expect: [
                Expect(address: "aws_nat_gateway.eu", component: "NAT gateway", quantity: 730, cost: 35.04),                                        // 730 × 0.048
                Expect(address: "aws_db_instance.eu", component: "Database instance (on-demand, Single-AZ, db.t3.small)", quantity: 730, cost: 28.3824), // 730 × 0.036 × 1.08
             ], total: 63.4224),
    ]

    @Test(arguments: cases)
    func components(_ c: Case) throws {
        let p = try Fixture.estimate(c.resources, usage: c.usage)
        for e in c.expect {
            let comp = try #require(Fixture.component(p, e.address, e.component), "no \(e.component) on \(e.address); have \(p.resources.map { ($0.name, $0.allComponents.map(\.name)) })")
            #expect(close(comp.monthlyQuantity, e.quantity), "\(e.component) quantity \(String(describing: comp.monthlyQuantity))")
            #expect(close(comp.monthlyCost, e.cost), "\(e.component) cost \(String(describing: comp.monthlyCost))")
            #expect(comp.priceNotFound == e.priceMissing, "\(e.component)")
        }
        #expect(close(p.monthlyCost, c.total), "total \(p.monthlyCost)")
    }

    @Test func freeUnsupportedAndNonCloudResourcesAreCountedApart() throws {
        let resources = [
            Fixture.resource("aws_vpc.main", ["cidr_block": "10.0.0.0/16"]),
            Fixture.resource("aws_security_group.app", [:]),
            Fixture.resource("aws_ecr_repository.app", ["name": "app"]),
            Fixture.resource("aws_kms_key.k", [:]),
            PlannedResource(address: "random_password.db", type: "random_password", region: "", values: .emptyObject, provider: "random"),
        ]
        let p = try Fixture.estimate(resources)
        #expect(p.resources.map(\.name) == ["aws_ecr_repository.app", "aws_kms_key.k", "aws_security_group.app", "aws_vpc.main"])
        #expect(p.estimated.map(\.name) == ["aws_kms_key.k"])
        #expect(p.free.map(\.name) == ["aws_security_group.app", "aws_vpc.main"])
        #expect(p.unsupported.map(\.name) == ["aws_ecr_repository.app"])
    }

    @Test func unknownRegionReportsEveryRegionalPriceMissing() throws {
        let nat = Fixture.resource("aws_nat_gateway.sa", [:], region: "sa-east-1")
        let (p, d) = CostEstimator.estimate(name: "t", resources: [nat], catalogue: try Fixture.catalogue())
        #expect(p.monthlyCost == 0)
        #expect(p.missingPrices.map(\.component.name).contains("NAT gateway"))
        #expect(d.warnings.first?.summary == "No prices for region sa-east-1")
    }

    @Test(arguments: [("aws_db_instance.db[10]", "aws_db_instance.db[9]", false), ("aws_db_instance.db[2]", "aws_db_instance.db[10]", true),
                      ("aws_eip.a", "module.vpc.aws_eip.a", true), ("module.a.aws_x.y", "module.b.aws_a.b", true)])
    func addressOrder(_ a: String, _ b: String, _ less: Bool) {
        #expect(AddressOrder.less(a, b) == less)
    }
}
