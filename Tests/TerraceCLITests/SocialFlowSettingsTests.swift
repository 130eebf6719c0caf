import Foundation
import Testing
import TerraceBasics
import TerraceTestSupport

/// One column of issue 8's settings table (seed 001): what differs between the environments.
struct SocialFlowEnvironment: Sendable, CustomTestStringConvertible {
    var name: String
    var natGateways: Int
    var dbClass: String
    var dbMultiAZ: Bool
    var dbBackupDays: Int
    var dbDeletionProtection: Bool
    var dbConnectionsAlarm: Int
    var redisNodeType: String
    var redisNodes: Int
    /// (cpu, memory, desired count) of the application, the Celery workers and Celery beat.
    var app: (Int, Int, Int)
    var worker: (Int, Int, Int)
    var beat: (Int, Int, Int)
    var autoscaling: Bool
    var videosVersioning: Bool
    var priceClass: String
    var logRetentionDays: Int
    var alertEmails: [String]

    var testDescription: String { name }
    var prefix: String { "social-flow-\(name)" }

    static let all = [
        SocialFlowEnvironment(name: "dev", natGateways: 1, dbClass: "db.t3.small", dbMultiAZ: false, dbBackupDays: 3, dbDeletionProtection: false,
                              dbConnectionsAlarm: 180, redisNodeType: "cache.t3.micro", redisNodes: 1,
                              app: (512, 1024, 1), worker: (256, 512, 1), beat: (256, 512, 1), autoscaling: false,
                              videosVersioning: false, priceClass: "PriceClass_100", logRetentionDays: 7, alertEmails: []),
        SocialFlowEnvironment(name: "staging", natGateways: 3, dbClass: "db.t3.medium", dbMultiAZ: true, dbBackupDays: 7, dbDeletionProtection: false,
                              dbConnectionsAlarm: 360, redisNodeType: "cache.t3.small", redisNodes: 2,
                              app: (1024, 2048, 2), worker: (512, 1024, 2), beat: (256, 512, 1), autoscaling: false,
                              videosVersioning: true, priceClass: "PriceClass_200", logRetentionDays: 14, alertEmails: ["devops-team@socialflow.com"]),
        SocialFlowEnvironment(name: "prod", natGateways: 3, dbClass: "db.r6g.xlarge", dbMultiAZ: true, dbBackupDays: 30, dbDeletionProtection: true,
                              dbConnectionsAlarm: 2880, redisNodeType: "cache.r6g.large", redisNodes: 3,
                              app: (2048, 4096, 3), worker: (1024, 2048, 4), beat: (256, 512, 1), autoscaling: true,
                              videosVersioning: true, priceClass: "PriceClass_All", logRetentionDays: 30, alertEmails: ["devops-team@socialflow.com"]),
    ]
}

/// Issue 8, "what it must show" 3: each environment applied, and every cell of the settings
/// table read back from the resulting state — what AWS would hold, not what the configuration
/// says.
@Suite struct SocialFlowSettingsTests {
    @Test(arguments: SocialFlowEnvironment.all)
    func everySettingOfTheTable(_ e: SocialFlowEnvironment) throws {
        let stack = SocialFlowStack()
        let apply = stack.run("apply", "-env=\(e.name)", "-auto-approve", "-no-color")
        try #require(apply.status == 0, "\(apply.stderr)")
        let s = try stack.state(e.name)
        network(s, e)
        securityGroups(s, e)
        database(s, e)
        cache(s, e)
        containers(s, e)
        loadBalancer(s, e)
        storage(s, e)
        delivery(s, e)
        secrets(s, e)
        monitoring(s, e)
    }

    /// 10.0.0.0/16; 3 public and 3 private subnets across 3 zones; an internet gateway; flow
    /// logs to CloudWatch; one NAT gateway (dev) or one per zone.
    func network(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let vpc = s["module.vpc.aws_vpc.this"]
        #expect(vpc["cidr_block"]?.stringValue == "10.0.0.0/16")
        let vpcID = vpc["id"]?.stringValue
        let zones = ["us-east-1a", "us-east-1b", "us-east-1c"]
        for (tier, third) in [("public", 1), ("private", 11)] {
            let subnets = s.instancesOf("module.vpc.aws_subnet.\(tier)")
            #expect(subnets.count == 3, "\(tier) subnets")
            for (i, address) in subnets.enumerated() {
                #expect(s[address]["vpc_id"]?.stringValue == vpcID)
                #expect(s[address]["cidr_block"]?.stringValue == "10.0.\(third + i).0/24", "\(address)")
                #expect(s[address]["availability_zone"]?.stringValue == zones[i], "\(address)")
            }
        }
        #expect(s["module.vpc.aws_internet_gateway.this"]["vpc_id"]?.stringValue == vpcID)
        let publicRoute = s["module.vpc.aws_route.public_internet"]
        #expect(publicRoute["gateway_id"] == s["module.vpc.aws_internet_gateway.this"]["id"])
        #expect(publicRoute["destination_cidr_block"]?.stringValue == "0.0.0.0/0")

        let nats = s.instancesOf("module.vpc.aws_nat_gateway.this")
        #expect(nats.count == e.natGateways)
        let publicSubnets = Set(s.instancesOf("module.vpc.aws_subnet.public").compactMap { s[$0]["id"]?.stringValue })
        for n in nats { #expect(publicSubnets.contains(s[n]["subnet_id"]?.stringValue ?? ""), "\(n) is not in a public subnet") }
        // Each zone's private route table sends outbound traffic to its NAT gateway (dev: the one).
        for i in 0..<3 {
            let route = s["module.vpc.aws_route.private_nat[\(i)]"]
            let nat = s["module.vpc.aws_nat_gateway.this[\(e.natGateways == 1 ? 0 : i)]"]["id"]
            #expect(route["nat_gateway_id"] == nat && nat != nil, "zone \(i)")
            #expect(route["route_table_id"] == s["module.vpc.aws_route_table.private[\(i)]"]["id"])
        }

        let flow = s["module.vpc.aws_flow_log.this"]
        #expect(flow["vpc_id"]?.stringValue == vpcID)
        #expect(flow["traffic_type"]?.stringValue == "ALL")
        #expect(flow["log_destination_type"]?.stringValue == "cloud-watch-logs")
        #expect(flow["log_destination"] == s["module.vpc.aws_cloudwatch_log_group.flow_logs"]["arn"])
    }

    /// ALB: 80 and 443 from anywhere; app: 8000 from the ALB group only; DB: 5432 and Redis:
    /// 6379 from the app group; every group's egress open.
    func securityGroups(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let group = { (name: String) in s["module.security_groups.aws_security_group.this[\"\(name)\"]"]["id"]?.stringValue ?? "?" }
        var ingress: Set<String> = []
        for address in s.instancesOf("module.security_groups.aws_vpc_security_group_ingress_rule.alb")
            + ["app_from_alb", "db_from_app", "redis_from_app"].map({ "module.security_groups.aws_vpc_security_group_ingress_rule.\($0)" }) {
            let r = s[address]
            let source = r["cidr_ipv4"]?.stringValue ?? r["referenced_security_group_id"]?.stringValue ?? "?"
            ingress.insert("\(r["security_group_id"]?.stringValue ?? "") \(r["ip_protocol"]?.stringValue ?? "") \(r["from_port"]?.intValue ?? -1)-\(r["to_port"]?.intValue ?? -1) \(source)")
        }
        #expect(ingress == [
            "\(group("alb")) tcp 80-80 0.0.0.0/0", "\(group("alb")) tcp 443-443 0.0.0.0/0",
            "\(group("app")) tcp 8000-8000 \(group("alb"))",
            "\(group("db")) tcp 5432-5432 \(group("app"))",
            "\(group("redis")) tcp 6379-6379 \(group("app"))",
        ])
        for name in ["alb", "app", "db", "redis"] {
            let egress = s["module.security_groups.aws_vpc_security_group_egress_rule.all[\"\(name)\"]"]
            #expect(egress["security_group_id"]?.stringValue == group(name))
            #expect(egress["ip_protocol"]?.stringValue == "-1" && egress["cidr_ipv4"]?.stringValue == "0.0.0.0/0", "\(name) egress")
        }
        #expect(s["module.rds.aws_db_instance.this"]["vpc_security_group_ids"]?.sortedStrings == [group("db")])
        #expect(s["module.elasticache.aws_elasticache_replication_group.this"]["security_group_ids"]?.sortedStrings == [group("redis")])
        #expect(s["module.ecs.aws_lb.this"]["security_groups"]?.sortedStrings == [group("alb")])
        #expect(s["module.ecs.aws_ecs_service.app"]["network_configuration"]?.block["security_groups"]?.sortedStrings == [group("app")])
    }

    var privateSubnets: (StateFile) -> [String] {
        { s in s.instancesOf("module.vpc.aws_subnet.private").compactMap { s[$0]["id"]?.stringValue }.sorted() }
    }

    /// PostgreSQL 15.4 with the environment's class, Multi-AZ, backups and deletion protection;
    /// gp3 with autoscaling, KMS, Performance Insights, 60 s Enhanced Monitoring, the parameter
    /// group, the exported logs, private subnets and a random password kept in Secrets Manager.
    func database(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let db = s["module.rds.aws_db_instance.this"]
        #expect(db["identifier"]?.stringValue == "\(e.prefix)-postgres")
        #expect(db["engine"]?.stringValue == "postgres")
        #expect(db["engine_version"]?.stringValue == "15.4")
        #expect(db["instance_class"]?.stringValue == e.dbClass)
        #expect(db["multi_az"]?.boolValue == e.dbMultiAZ)
        #expect(db["backup_retention_period"]?.intValue == e.dbBackupDays)
        #expect(db["deletion_protection"]?.boolValue == e.dbDeletionProtection)
        #expect(db["storage_type"]?.stringValue == "gp3")
        #expect((db["max_allocated_storage"]?.intValue ?? 0) > (db["allocated_storage"]?.intValue ?? 0))
        let key = s["module.rds.aws_kms_key.this"]["arn"]?.stringValue
        #expect(db["storage_encrypted"]?.boolValue == true)
        #expect(db["kms_key_id"]?.stringValue == key && key != nil)
        #expect(db["performance_insights_enabled"]?.boolValue == true)
        #expect(db["performance_insights_kms_key_id"]?.stringValue == key)
        #expect(db["monitoring_interval"]?.intValue == 60)
        #expect(db["monitoring_role_arn"] == s["module.rds.aws_iam_role.monitoring[0]"]["arn"])
        #expect(db["enabled_cloudwatch_logs_exports"]?.sortedStrings == ["postgresql", "upgrade"])
        #expect(db["publicly_accessible"]?.boolValue == false)

        let pg = s["module.rds.aws_db_parameter_group.this"]
        #expect(db["parameter_group_name"] == pg["name"])
        #expect(pg["family"]?.stringValue == "postgres15")
        var parameters: [String: String] = [:]
        for p in pg["parameter"]?.arrayValue ?? [] { parameters[p["name"]?.stringValue ?? ""] = p["value"]?.stringValue }
        #expect(parameters["shared_preload_libraries"] == "pg_stat_statements")
        #expect(parameters["pg_stat_statements.track"] == "all")
        #expect(parameters["log_min_duration_statement"] == "1000", "slow query logging over 1 s")

        #expect(s["module.rds.aws_db_subnet_group.this"]["subnet_ids"]?.sortedStrings == privateSubnets(s))
        #expect(db["db_subnet_group_name"] == s["module.rds.aws_db_subnet_group.this"]["name"])

        let password = s["module.rds.random_password.master"]["result"]?.stringValue
        #expect(db["password"]?.stringValue == password && (password?.count ?? 0) == 32)
        let secret = try? JSONParser.parse(s["module.secrets.aws_secretsmanager_secret_version.database"]["secret_string"]?.stringValue ?? "")
        #expect(secret?["password"]?.stringValue == password)
        #expect(secret?["username"] == db["username"])
        #expect(secret?["host"] == db["address"])
    }

    /// Redis 7.0 with the environment's node type and count, failover and Multi-AZ from two
    /// nodes; the parameter group; encryption at rest and in transit; slow and engine logs.
    func cache(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let rg = s["module.elasticache.aws_elasticache_replication_group.this"]
        #expect(rg["engine"]?.stringValue == "redis")
        #expect(rg["engine_version"]?.stringValue == "7.0")
        #expect(rg["node_type"]?.stringValue == e.redisNodeType)
        #expect(rg["num_cache_clusters"]?.intValue == e.redisNodes)
        #expect(rg["member_clusters"]?.arrayValue?.count == e.redisNodes)
        #expect(rg["automatic_failover_enabled"]?.boolValue == (e.redisNodes > 1))
        #expect(rg["multi_az_enabled"]?.boolValue == (e.redisNodes > 1))
        #expect(rg["at_rest_encryption_enabled"]?.boolValue == true)
        #expect(rg["transit_encryption_enabled"]?.boolValue == true)
        #expect(rg["auth_token"] == s["module.elasticache.random_password.auth_token"]["result"])

        let pg = s["module.elasticache.aws_elasticache_parameter_group.this"]
        #expect(rg["parameter_group_name"] == pg["name"])
        #expect(pg["family"]?.stringValue == "redis7")
        var parameters: [String: String] = [:]
        for p in pg["parameter"]?.arrayValue ?? [] { parameters[p["name"]?.stringValue ?? ""] = p["value"]?.stringValue }
        #expect(parameters == ["maxmemory-policy": "allkeys-lru", "timeout": "300", "tcp-keepalive": "300"])

        var logs: [String: String] = [:]
        for l in rg["log_delivery_configuration"]?.arrayValue ?? [] {
            #expect(l["destination_type"]?.stringValue == "cloudwatch-logs")
            logs[l["log_type"]?.stringValue ?? ""] = l["destination"]?.stringValue
        }
        #expect(logs["slow-log"] == s["module.elasticache.aws_cloudwatch_log_group.this[\"slow-log\"]"]["name"]?.stringValue && logs["slow-log"] != nil)
        #expect(logs["engine-log"] == s["module.elasticache.aws_cloudwatch_log_group.this[\"engine-log\"]"]["name"]?.stringValue && logs["engine-log"] != nil)
        #expect(s["module.elasticache.aws_elasticache_subnet_group.this"]["subnet_ids"]?.sortedStrings == privateSubnets(s))
    }

    /// Fargate tasks of the sizes and counts of the environment; the application on port 8000
    /// with a `/health` check; autoscaling 3–10 in prod on CPU 70 %, memory 75 % and requests
    /// per target with 60 s / 300 s cooldowns.
    func containers(_ s: StateFile, _ e: SocialFlowEnvironment) {
        for (role, size) in [("app", e.app), ("worker", e.worker), ("beat", e.beat)] {
            let td = s["module.ecs.aws_ecs_task_definition.this[\"\(role)\"]"]
            #expect(td["family"]?.stringValue == "\(e.prefix)-\(role)")
            #expect(td["cpu"]?.number == Double(size.0), "\(role) cpu")
            #expect(td["memory"]?.number == Double(size.1), "\(role) memory")
            #expect(td["requires_compatibilities"]?.sortedStrings == ["FARGATE"])
            #expect(td["network_mode"]?.stringValue == "awsvpc")
            let service = s[role == "app" ? "module.ecs.aws_ecs_service.app" : "module.ecs.aws_ecs_service.background[\"\(role)\"]"]
            #expect(service["desired_count"]?.intValue == size.2, "\(role) tasks")
            #expect(service["launch_type"]?.stringValue == "FARGATE")
            #expect(service["task_definition"] == td["arn"])
            #expect(service["network_configuration"]?.block["subnets"]?.sortedStrings == privateSubnets(s))
            #expect(service["network_configuration"]?.block["assign_public_ip"]?.boolValue == false)
        }
        let containers = try? JSONParser.parse(s["module.ecs.aws_ecs_task_definition.this[\"app\"]"]["container_definitions"]?.stringValue ?? "")
        let app = containers?.arrayValue?.first
        #expect(app?["portMappings"]?.arrayValue?.first?["containerPort"]?.intValue == 8000)
        #expect(app?["healthCheck"]?["command"]?.arrayValue?.last?.stringValue?.contains("http://localhost:8000/health") == true)
        let lb = s["module.ecs.aws_ecs_service.app"]["load_balancer"]?.block
        #expect(lb?["container_port"]?.intValue == 8000 && lb?["container_name"]?.stringValue == "app")
        #expect(lb?["target_group_arn"] == s["module.ecs.aws_lb_target_group.app"]["arn"])

        let target = s["module.ecs.aws_appautoscaling_target.app[0]"]
        let policies = s.instancesOf("module.ecs.aws_appautoscaling_policy.app")
        if e.autoscaling {
            #expect(target["min_capacity"]?.intValue == 3 && target["max_capacity"]?.intValue == 10)
            #expect(target["resource_id"]?.stringValue == "service/\(e.prefix)/\(e.prefix)-app")
            #expect(target["scalable_dimension"]?.stringValue == "ecs:service:DesiredCount")
            var targets: [String: Double] = [:]
            for p in policies {
                let c = s[p]["target_tracking_scaling_policy_configuration"]?.block ?? .null
                #expect(s[p]["policy_type"]?.stringValue == "TargetTrackingScaling")
                #expect(s[p]["resource_id"] == target["resource_id"])
                #expect(c["scale_out_cooldown"]?.intValue == 60 && c["scale_in_cooldown"]?.intValue == 300, "\(p) cooldowns")
                targets[c["predefined_metric_specification"]?.block["predefined_metric_type"]?.stringValue ?? ""] = c["target_value"]?.number
            }
            #expect(targets["ECSServiceAverageCPUUtilization"] == 70)
            #expect(targets["ECSServiceAverageMemoryUtilization"] == 75)
            #expect(targets["ALBRequestCountPerTarget"] != nil)
            #expect(targets.count == 3)
            let label = s["module.ecs.aws_appautoscaling_policy.app[\"requests\"]"]["target_tracking_scaling_policy_configuration"]?.block["predefined_metric_specification"]?.block["resource_label"]?.stringValue
            #expect(label == "\(s["module.ecs.aws_lb.this"]["arn_suffix"]?.stringValue ?? "?")/\(s["module.ecs.aws_lb_target_group.app"]["arn_suffix"]?.stringValue ?? "?")")
        } else {
            #expect(s.instancesOf("module.ecs.aws_appautoscaling_target.app").isEmpty && policies.isEmpty)
        }
    }

    /// HTTP and HTTPS listeners; `/health` checked every 30 s; sticky sessions; 300 s
    /// deregistration delay; Container Insights on the cluster.
    func loadBalancer(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let alb = s["module.ecs.aws_lb.this"]
        #expect(alb["load_balancer_type"]?.stringValue == "application" && alb["internal"]?.boolValue == false)
        #expect(alb["subnets"]?.sortedStrings == s.instancesOf("module.vpc.aws_subnet.public").compactMap { s[$0]["id"]?.stringValue }.sorted())
        let tg = s["module.ecs.aws_lb_target_group.app"]
        let http = s["module.ecs.aws_lb_listener.http"], https = s["module.ecs.aws_lb_listener.https"]
        #expect(http["load_balancer_arn"] == alb["arn"] && https["load_balancer_arn"] == alb["arn"])
        #expect(http["port"]?.intValue == 80 && http["protocol"]?.stringValue == "HTTP")
        #expect(http["default_action"]?.block["redirect"]?.block["protocol"]?.stringValue == "HTTPS")
        #expect(https["port"]?.intValue == 443 && https["protocol"]?.stringValue == "HTTPS")
        #expect(https["certificate_arn"] == s["module.ecs.aws_acm_certificate.api"]["arn"])
        #expect(https["default_action"]?.block["target_group_arn"] == tg["arn"])
        let check = tg["health_check"]?.block ?? .null
        #expect(check["path"]?.stringValue == "/health" && check["interval"]?.intValue == 30 && check["enabled"]?.boolValue == true)
        #expect(tg["port"]?.intValue == 8000 && tg["target_type"]?.stringValue == "ip")
        #expect(tg["stickiness"]?.block["enabled"]?.boolValue == true)
        #expect(tg["deregistration_delay"]?.number == 300)
        let insights = s["module.ecs.aws_ecs_cluster.this"]["setting"]?.arrayValue?.first { $0["name"]?.stringValue == "containerInsights" }
        #expect(insights?["value"]?.stringValue == "enabled")
    }

    /// Three buckets, AES-256 and a full public access block each; videos with CORS, Glacier
    /// after 90 days and deletion after 730, versioned except in dev; uploads deleted after 7
    /// days; static versioned and readable by CloudFront only.
    func storage(_ s: StateFile, _ e: SocialFlowEnvironment) {
        for name in ["videos", "uploads", "static"] {
            let bucket = s["module.s3.aws_s3_bucket.this[\"\(name)\"]"]["bucket"]?.stringValue
            #expect(bucket == "\(e.prefix)-\(name)-123456789012")
            let sse = s["module.s3.aws_s3_bucket_server_side_encryption_configuration.this[\"\(name)\"]"]
            #expect(sse["bucket"]?.stringValue == bucket)
            #expect(sse["rule"]?.block["apply_server_side_encryption_by_default"]?.block["sse_algorithm"]?.stringValue == "AES256", "\(name)")
            let block = s["module.s3.aws_s3_bucket_public_access_block.this[\"\(name)\"]"]
            #expect(block["bucket"]?.stringValue == bucket)
            for flag in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"] {
                #expect(block[flag]?.boolValue == true, "\(name) \(flag)")
            }
            let versioning = s["module.s3.aws_s3_bucket_versioning.this[\"\(name)\"]"]["versioning_configuration"]?.block["status"]?.stringValue
            let versioned = name == "static" || (name == "videos" && e.videosVersioning)
            #expect(versioning == (versioned ? "Enabled" : "Disabled"), "\(name) versioning")
        }
        let cors = s["module.s3.aws_s3_bucket_cors_configuration.videos"]["cors_rule"]?.block ?? .null
        #expect(cors["allowed_methods"]?.sortedStrings == ["GET", "HEAD", "POST", "PUT"])
        #expect(cors["allowed_origins"]?.sortedStrings == ["*"])
        let videos = s["module.s3.aws_s3_bucket_lifecycle_configuration.videos"]["rule"]?.block ?? .null
        #expect(videos["status"]?.stringValue == "Enabled")
        #expect(videos["transition"]?.block["days"]?.intValue == 90 && videos["transition"]?.block["storage_class"]?.stringValue == "GLACIER")
        #expect(videos["expiration"]?.block["days"]?.intValue == 730)
        let uploads = s["module.s3.aws_s3_bucket_lifecycle_configuration.uploads"]["rule"]?.block ?? .null
        #expect(uploads["expiration"]?.block["days"]?.intValue == 7 && uploads["status"]?.stringValue == "Enabled")

        // The static bucket's policy grants reading to CloudFront's origin access identity and
        // nobody else, and refuses plain HTTP.
        let policy = try? JSONParser.parse(s["module.cloudfront.aws_s3_bucket_policy.origin[\"static\"]"]["policy"]?.stringValue ?? "")
        let statements = policy?["Statement"]?.arrayValue ?? []
        let allows = statements.filter { $0["Effect"]?.stringValue == "Allow" }
        #expect(allows.count == 1)
        #expect(allows.first?["Principal"]?["AWS"] == s["module.cloudfront.aws_cloudfront_origin_access_identity.this"]["iam_arn"])
        #expect(allows.first?["Action"]?.stringValue == "s3:GetObject")
        #expect(statements.contains { $0["Effect"]?.stringValue == "Deny" && $0["Condition"]?["Bool"]?["aws:SecureTransport"]?.stringValue == "false" })
        #expect(s["module.cloudfront.aws_s3_bucket_policy.origin[\"static\"]"]["bucket"] == s["module.s3.aws_s3_bucket.this[\"static\"]"]["bucket"])
    }

    /// The environment's price class; origins static and videos (through the origin access
    /// identity) and the ALB; static cached 24 h, videos 1 h, `/api/*` not at all; HTTPS only;
    /// compressed.
    func delivery(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let cf = s["module.cloudfront.aws_cloudfront_distribution.this"]
        #expect(cf["price_class"]?.stringValue == e.priceClass)
        #expect(cf["enabled"]?.boolValue == true)
        var origins: [String: JSON] = [:]
        for o in cf["origin"]?.arrayValue ?? [] { origins[o["origin_id"]?.stringValue ?? ""] = o }
        #expect(Set(origins.keys) == ["static", "videos", "api"])
        let oai = s["module.cloudfront.aws_cloudfront_origin_access_identity.this"]["cloudfront_access_identity_path"]
        for name in ["static", "videos"] {
            #expect(origins[name]?["domain_name"] == s["module.s3.aws_s3_bucket.this[\"\(name)\"]"]["bucket_regional_domain_name"])
            #expect(origins[name]?["s3_origin_config"]?.block["origin_access_identity"] == oai && oai != nil)
        }
        #expect(origins["api"]?["domain_name"]?.stringValue == "api.\(e.name == "prod" ? "" : "\(e.name).")socialflow.example.com")
        #expect(origins["api"]?["custom_origin_config"]?.block["origin_protocol_policy"]?.stringValue == "https-only")

        let byDefault = cf["default_cache_behavior"]?.block ?? .null
        var behaviours: [String: JSON] = ["*": byDefault]
        for b in cf["ordered_cache_behavior"]?.arrayValue ?? [] { behaviours[b["path_pattern"]?.stringValue ?? ""] = b }
        #expect(byDefault["target_origin_id"]?.stringValue == "static" && byDefault["default_ttl"]?.intValue == 86400)
        #expect(behaviours["/videos/*"]?["target_origin_id"]?.stringValue == "videos" && behaviours["/videos/*"]?["default_ttl"]?.intValue == 3600)
        let api = behaviours["/api/*"]
        #expect(api?["target_origin_id"]?.stringValue == "api")
        #expect(api?["min_ttl"]?.intValue == 0 && api?["default_ttl"]?.intValue == 0 && api?["max_ttl"]?.intValue == 0)
        #expect(behaviours.count == 3)
        for (pattern, b) in behaviours {
            #expect(b["viewer_protocol_policy"]?.stringValue == "https-only", "\(pattern)")
            #expect(b["compress"]?.boolValue == true, "\(pattern)")
        }
    }

    /// DB master credentials with rotation, the Redis AUTH token, SECRET_KEY, JWT_SECRET and
    /// the Stripe and SMTP keys, all encrypted with the secrets key and given to the tasks.
    func secrets(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let key = s["module.secrets.aws_kms_key.this"]["arn"]?.stringValue
        let expected = [
            "module.secrets.aws_secretsmanager_secret.database": "database/master",
            "module.secrets.aws_secretsmanager_secret.redis": "redis/auth-token",
            "module.secrets.aws_secretsmanager_secret.generated[\"secret-key\"]": "app/secret-key",
            "module.secrets.aws_secretsmanager_secret.generated[\"jwt-secret\"]": "app/jwt-secret",
            "module.secrets.aws_secretsmanager_secret.third_party[\"stripe\"]": "third-party/stripe",
            "module.secrets.aws_secretsmanager_secret.third_party[\"smtp\"]": "third-party/smtp",
        ]
        #expect(s.managed("module.secrets.aws_secretsmanager_secret.").filter { !$0.contains("_version") && !$0.contains("_rotation") } == expected.keys.sorted())
        for (address, path) in expected {
            #expect(s[address]["name"]?.stringValue == "social-flow/\(e.name)/\(path)")
            #expect(s[address]["kms_key_id"]?.stringValue == key && key != nil, "\(address)")
        }
        let rotation = s["module.secrets.aws_secretsmanager_secret_rotation.database"]
        #expect(rotation["secret_id"] == s["module.secrets.aws_secretsmanager_secret.database"]["id"])
        #expect(rotation["rotation_enabled"]?.boolValue == true)
        #expect(rotation["rotation_rules"]?.block["automatically_after_days"]?.intValue == 30)
        let redis = try? JSONParser.parse(s["module.secrets.aws_secretsmanager_secret_version.redis"]["secret_string"]?.stringValue ?? "")
        #expect(redis?["auth_token"] == s["module.elasticache.aws_elasticache_replication_group.this"]["auth_token"])
        for name in ["secret-key", "jwt-secret"] {
            #expect(s["module.secrets.aws_secretsmanager_secret_version.generated[\"\(name)\"]"]["secret_string"]?.stringValue?.count == 64)
        }
        let stripe = try? JSONParser.parse(s["module.secrets.aws_secretsmanager_secret_version.third_party[\"stripe\"]"]["secret_string"]?.stringValue ?? "")
        #expect(stripe?["secret_key"] != nil && stripe?["webhook_secret"] != nil)
        let smtp = try? JSONParser.parse(s["module.secrets.aws_secretsmanager_secret_version.third_party[\"smtp\"]"]["secret_string"]?.stringValue ?? "")
        #expect(smtp?["host"] != nil && smtp?["password"] != nil)

        // The containers get them from Secrets Manager at start-up.
        let containers = try? JSONParser.parse(s["module.ecs.aws_ecs_task_definition.this[\"app\"]"]["container_definitions"]?.stringValue ?? "")
        let names = (containers?.arrayValue?.first?["secrets"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        for name in ["DB_PASSWORD", "REDIS_AUTH_TOKEN", "SECRET_KEY", "JWT_SECRET", "STRIPE_SECRET_KEY", "SMTP_PASSWORD"] {
            #expect(names.contains(name), "\(name)")
        }
    }

    /// Log groups for app, DB, Redis, flow logs and ALB; the seven alarms to the SNS topic;
    /// the four dashboards.
    func monitoring(_ s: StateFile, _ e: SocialFlowEnvironment) {
        let groups = [
            "module.ecs.aws_cloudwatch_log_group.service[\"app\"]": "/ecs/\(e.prefix)/app",
            "module.rds.aws_cloudwatch_log_group.this[\"postgresql\"]": "/aws/rds/instance/\(e.prefix)-postgres/postgresql",
            "module.elasticache.aws_cloudwatch_log_group.this[\"slow-log\"]": "/aws/elasticache/\(e.prefix)-redis/slow-log",
            "module.vpc.aws_cloudwatch_log_group.flow_logs": "/aws/vpc/\(e.prefix)/flow-logs",
            "module.ecs.aws_cloudwatch_log_group.alb": "/aws/alb/\(e.prefix)",
        ]
        for (address, name) in groups {
            #expect(s[address]["name"]?.stringValue == name)
            #expect(s[address]["retention_in_days"]?.intValue == e.logRetentionDays, "\(address)")
        }

        let topic = s["module.monitoring.aws_sns_topic.alerts"]["arn"]?.stringValue
        #expect(topic == "arn:aws:sns:us-east-1:123456789012:\(e.prefix)-alerts")
        let subscriptions = s.instancesOf("module.monitoring.aws_sns_topic_subscription.email").map { s[$0] }
        #expect(subscriptions.compactMap { $0["endpoint"]?.stringValue }.sorted() == e.alertEmails)
        #expect(subscriptions.allSatisfy { $0["protocol"]?.stringValue == "email" && $0["topic_arn"]?.stringValue == topic })

        let alarms = s.instancesOf("module.monitoring.aws_cloudwatch_metric_alarm.this").map { s[$0] }
        for a in alarms {
            #expect(a["alarm_actions"]?.sortedStrings == [topic ?? "?"], "\(a["alarm_name"]?.stringValue ?? "")")
        }
        func alarm(_ key: String) -> JSON { s["module.monitoring.aws_cloudwatch_metric_alarm.this[\"\(key)\"]"] }
        for role in ["app", "worker", "beat"] {
            let cpu = alarm("ecs-\(role)-cpu"), memory = alarm("ecs-\(role)-memory"), failures = alarm("ecs-\(role)-task-failures")
            #expect(cpu["metric_name"]?.stringValue == "CPUUtilization" && cpu["threshold"]?.number == 75)
            #expect(cpu["comparison_operator"]?.stringValue == "GreaterThanThreshold")
            #expect(memory["metric_name"]?.stringValue == "MemoryUtilization" && memory["threshold"]?.number == 80)
            #expect(cpu["dimensions"]?["ServiceName"]?.stringValue == "\(e.prefix)-\(role)")
            #expect(failures["metric_name"]?.stringValue == "RunningTaskCount" && failures["comparison_operator"]?.stringValue == "LessThanThreshold")
            let expectedTasks = role == "app" ? e.app.2 : role == "worker" ? e.worker.2 : e.beat.2
            #expect(failures["threshold"]?.number == Double(expectedTasks), "\(role) task failures")
        }
        #expect(alarm("rds-cpu")["threshold"]?.number == 75)
        let connections = alarm("rds-connections")
        #expect(connections["metric_name"]?.stringValue == "DatabaseConnections" && connections["threshold"]?.number == Double(e.dbConnectionsAlarm))
        #expect(connections["dimensions"]?["DBInstanceIdentifier"]?.stringValue == "\(e.prefix)-postgres")
        for n in 1...e.redisNodes {
            let memory = alarm(String(format: "redis-%03d-memory", n))
            #expect(memory["metric_name"]?.stringValue == "DatabaseMemoryUsagePercentage" && memory["threshold"]?.number == 80)
            #expect(memory["dimensions"]?["CacheClusterId"]?.stringValue == String(format: "\(e.prefix)-redis-%03d", n))
        }
        let unhealthy = alarm("alb-unhealthy-targets")
        #expect(unhealthy["metric_name"]?.stringValue == "UnHealthyHostCount" && unhealthy["threshold"]?.number == 0)
        #expect(unhealthy["dimensions"]?["TargetGroup"] == s["module.ecs.aws_lb_target_group.app"]["arn_suffix"])
        let errors = alarm("app-errors")
        #expect(errors["metric_name"]?.stringValue == "HTTPCode_Target_5XX_Count" && errors["statistic"]?.stringValue == "Sum")
        #expect(errors["threshold"]?.number == 100 && errors["period"]?.intValue == 60 && errors["evaluation_periods"]?.intValue == 1)
        // 9 ECS alarms, 2 database alarms, 2 per Redis node, 2 at the load balancer.
        #expect(alarms.count == 9 + 2 + 2 * e.redisNodes + 2)

        for name in ["infrastructure", "application", "database", "cache"] {
            let d = s["module.monitoring.aws_cloudwatch_dashboard.this[\"\(name)\"]"]
            #expect(d["dashboard_name"]?.stringValue == "\(e.prefix)-\(name)")
            let body = try? JSONParser.parse(d["dashboard_body"]?.stringValue ?? "")
            #expect((body?["widgets"]?.arrayValue?.count ?? 0) == 6, "\(name) widgets")
        }
        #expect(s.instancesOf("module.monitoring.aws_cloudwatch_dashboard.this").count == 4)
    }
}
