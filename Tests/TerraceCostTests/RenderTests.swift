import Testing
import TerraceBasics
import TerraceCost
import TerraceTestSupport

/// The four output formats on a small two-environment stack that has one of everything the
/// views must show: usage quantities, usage without quantities, an autoscaling range, a
/// missing price, a regional multiplier, free and unsupported resources. Golden files in
/// Golden/, re-recorded with TERRACE_RECORD=1.
@Suite struct RenderTests {
    static func stack(_ env: String) throws -> ProjectCost {
        let prod = env == "prod"
        let resources = [
            Fixture.resource("module.vpc.aws_eip.nat[0]", ["domain": "vpc"]),
            Fixture.resource("module.vpc.aws_nat_gateway.this[0]", [:], references: ["allocation_id": ["module.vpc.aws_eip.nat[0]"]]),
            Fixture.resource("module.vpc.aws_vpc.main", ["cidr_block": "10.0.0.0/16"]),
            Fixture.resource("module.ecs.aws_lb.main", ["internal": false, "subnets": ["a", "b", "c"]]),
            Fixture.resource("module.ecs.aws_ecs_task_definition.app", ["family": "app", "cpu": prod ? "2048" : "512", "memory": prod ? "4096" : "1024",
                                                                        "runtime_platform": [["cpu_architecture": "ARM64"]]]),
            Fixture.resource("module.ecs.aws_ecs_service.app", ["name": "app", "launch_type": "FARGATE", "desired_count": prod ? 3 : 1],
                             references: ["task_definition": ["module.ecs.aws_ecs_task_definition.app"]]),
            Fixture.resource("module.ecs.aws_appautoscaling_target.app", ["resource_id": "service/c/app", "min_capacity": prod ? 3 : 1, "max_capacity": prod ? 10 : 1]),
            Fixture.resource("module.ecs.aws_ecr_repository.app", ["name": "app"]),
            Fixture.resource("module.rds.aws_db_instance.main", ["engine": "postgres", "instance_class": prod ? "db.r6g.xlarge" : "db.t3.small",
                                                                 "allocated_storage": 100, "storage_type": "gp3", "multi_az": prod]),
            Fixture.resource("module.cache.aws_elasticache_replication_group.main", ["node_type": prod ? "cache.r6g.large" : "cache.t3.micro",
                                                                                    "num_cache_clusters": prod ? 3 : 1]),
            Fixture.resource("module.cache.aws_elasticache_cluster.sessions", ["node_type": "cache.t3.micro", "engine": "memcached"]),
            Fixture.resource("module.cdn.aws_cloudfront_distribution.main", ["price_class": prod ? "PriceClass_All" : "PriceClass_100"]),
            Fixture.resource("module.s3.aws_s3_bucket.videos", ["bucket": "videos"]),
            Fixture.resource("module.dr.aws_kms_key.replica", [:], region: "eu-west-1"),
            Fixture.resource("module.dr.aws_secretsmanager_secret.replica", [:], region: "eu-west-1"),
        ]
        let usage = """
        version: 0.1
        resource_usage:
          module.vpc.aws_nat_gateway.this[*]:
            monthly_data_processed_gb: \(prod ? 800 : 50)
          module.s3.aws_s3_bucket.videos:
            standard:
              storage_gb: \(prod ? 2000 : 100)
          module.cdn.aws_cloudfront_distribution.main:
            monthly_data_transfer_to_internet_gb:
              us: \(prod ? 3000 : 100)
              asia_pacific: \(prod ? 600 : 10)
        """
        let (p, _) = CostEstimator.estimate(name: env, path: ".", varFiles: ["environments/\(env).tfvars"], resources: resources,
                                            catalogue: try Fixture.catalogue(), usage: try Fixture.usage(usage))
        var q = p
        q.usageFile = "environments/\(env).usage.yml"
        return q
    }

    static func info() throws -> CatalogueInfo { CatalogueInfo(try Fixture.catalogue()) }

    @Test func table() throws {
        let text = CostTable.render(try Self.stack("prod"), catalogue: try Self.info())
        if let d = Golden.check(text, "table-prod.txt") { Issue.record(Comment(rawValue: d)) }
    }

    @Test func compareTable() throws {
        let text = CompareTable.render([try Self.stack("dev"), try Self.stack("prod")], catalogue: try Self.info())
        if let d = Golden.check(text, "compare.txt") { Issue.record(Comment(rawValue: d)) }
    }

    @Test func json() throws {
        let text = CostJSON.render([try Self.stack("dev"), try Self.stack("prod")], catalogue: try Self.info())
        if let d = Golden.check(text, "compare.json") { Issue.record(Comment(rawValue: d)) }
        // Infracost's shape, whatever the golden says.
        let doc = try JSONParser.parse(text)
        #expect(doc["version"]?.stringValue == "0.2" && doc["currency"]?.stringValue == "USD")
        let project = try #require(doc["projects"]?.arrayValue?.last)
        let breakdown = try #require(project["breakdown"])
        #expect(breakdown["totalMonthlyCost"]?.stringValue != nil)
        let resource = try #require(breakdown["resources"]?.arrayValue?.first)
        for key in ["name", "resourceType", "monthlyCost", "costComponents"] { #expect(resource[key] != nil, "\(key)") }
        let component = try #require(resource["costComponents"]?.arrayValue?.first)
        for key in ["name", "unit", "hourlyQuantity", "monthlyQuantity", "price", "hourlyCost", "monthlyCost", "usageBased", "priceNotFound"] {
            #expect(component[key] != nil, "\(key)")
        }
        #expect(doc["summary"]?["totalUnsupportedResources"] == .int(2))  // one aws_ecr_repository per environment
    }

    @Test func markdown() throws {
        let text = CostMarkdown.render([try Self.stack("dev"), try Self.stack("prod")], catalogue: try Self.info())
        if let d = Golden.check(text, "compare.md") { Issue.record(Comment(rawValue: d)) }
    }

    @Test func html() throws {
        let text = CostHTML.render([try Self.stack("dev"), try Self.stack("prod")], catalogue: try Self.info())
        if let d = Golden.check(text, "compare.html") { Issue.record(Comment(rawValue: d)) }
        // Self-contained: nothing fetched, nothing run.
        for forbidden in ["http://", "https://", "<script", "<link", "@import", "src="] {
            #expect(!text.contains(forbidden), "\(forbidden)")
        }
    }

    @Test func footerForNothing() {
        #expect(Footer.render(ProjectCost(name: "empty", resources: [])) == "No cloud resources were detected.\n")
    }

    /// The figures the views print come from the model, and the footer counts add up.
    @Test func footerCounts() throws {
        let p = try Self.stack("prod")
        #expect(p.resources.count == 15)
        #expect(p.estimated.count + p.free.count + p.unsupported.count == 15)
        let footer = Footer.render(p)
        #expect(footer.hasPrefix("15 cloud resources were detected:\n"))
        #expect(footer.contains("∙ 1 is not supported yet:\n  ∙ 1 x aws_ecr_repository\n"))
        #expect(footer.contains("1 price is missing from the catalogue and not counted:\n  ∙ module.cache.aws_elasticache_cluster.sessions: ElastiCache (on-demand, cache.t3.micro) (elasticache/node/memcached/cache.t3.micro)"))
    }
}
