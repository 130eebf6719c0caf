import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// ElastiCache and DynamoDB rules, with their services' errors.
@Suite struct DataCacheRulesTests {
    static let subnets = DataLifecycleTests.cacheSubnets

    static func group(_ r: Lifecycle.Refs, _ changes: [String: Value] = [:]) -> [String: Value] {
        var a: [String: Value] = ["replication_group_id": .string("app-cache"), "description": .string("cache"),
                                  "node_type": .string("cache.t4g.micro"), "num_cache_clusters": .number(2),
                                  "automatic_failover_enabled": .bool(true)]
        if let g = r["group"] { a["subnet_group_name"] = g }
        for (k, v) in changes { a[k] = v }
        return a
    }

    static func table(_ changes: [String: Value] = [:]) -> [String: Value] {
        var a: [String: Value] = ["name": .string("orders"), "billing_mode": .string("PAY_PER_REQUEST"), "hash_key": .string("pk"),
                                  "attribute": .list([.object(["name": .string("pk"), "type": .string("S")])])]
        for (k, v) in changes { a[k] = v }
        return a
    }

    static let refusals: [Refusal] = [
        Refusal(name: "automatic failover with one cluster", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["num_cache_clusters": .number(1)]) },
                error: "InvalidParameterCombination: When using automatic failover, there must be at least 2 cache clusters in the replication group."),
        Refusal(name: "replication group ID starting with a digit", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["replication_group_id": .string("1cache")]) },
                error: "InvalidParameterValue: The parameter ReplicationGroupId is not a valid identifier."),
        Refusal(name: "replication group ID over 40 characters", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["replication_group_id": .string(String(repeating: "a", count: 41))]) },
                error: "The parameter ReplicationGroupId is not a valid identifier."),
        Refusal(name: "unknown node type", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["node_type": .string("cache.t3.huge")]) }, error: "InvalidParameterValue: Invalid CacheNodeType: cache.t3.huge"),
        Refusal(name: "unknown Redis version", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["engine_version": .string("7.9")]) }, error: "Cannot find version 7.9 for redis"),
        Refusal(name: "AUTH token without encryption in transit", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["auth_token": .string("a-long-enough-token")]) },
                error: "InvalidParameterValue: The AUTH token is only supported when encryption-in-transit is enabled"),
        Refusal(name: "AUTH token too short", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["auth_token": .string("short"), "transit_encryption_enabled": .bool(true)]) },
                error: "InvalidParameterValue: Invalid AuthToken provided."),
        Refusal(name: "cluster mode without failover", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["num_cache_clusters": .null(.number), "num_node_groups": .number(2), "automatic_failover_enabled": .bool(false)]) },
                error: "Redis with cluster mode enabled cannot be created with auto failover turned off."),
        Refusal(name: "Multi-AZ without failover", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["automatic_failover_enabled": .bool(false), "multi_az_enabled": .bool(true)]) },
                error: "Multi-AZ is only supported when automatic failover is enabled."),
        Refusal(name: "missing cache subnet group", type: "aws_elasticache_replication_group",
                attrs: { _ in group(["group": .string("nope")]) }, error: "CacheSubnetGroupNotFoundFault: Cache subnet group nope not found."),
        Refusal(name: "parameter group of another family", type: "aws_elasticache_replication_group",
                setup: { c in
                    let r = try await subnets(c)
                    _ = try await c.make("aws_elasticache_parameter_group", ["name": .string("redis6"), "family": .string("redis6.x")])
                    return r
                },
                attrs: { group($0, ["engine_version": .string("7.0"), "parameter_group_name": .string("redis6")]) },
                error: "The parameter group redis6 is for family redis6.x"),
        Refusal(name: "replication group ID taken", type: "aws_elasticache_replication_group",
                setup: { c in
                    let r = try await subnets(c)
                    _ = try await c.make("aws_elasticache_replication_group", group(r))
                    return r
                },
                attrs: { group($0) }, error: "ReplicationGroupAlreadyExists: Replication group app-cache already exists."),
        Refusal(name: "logs to a missing log group", type: "aws_elasticache_replication_group", setup: subnets,
                attrs: { group($0, ["log_delivery_configuration": .list([.object(["destination": .string("/aws/elasticache/app-cache/slow-log"),
                                                                                  "destination_type": .string("cloudwatch-logs"), "log_format": .string("json"),
                                                                                  "log_type": .string("slow-log")])])]) },
                error: "InvalidParameterValue: The CloudWatch Logs log group /aws/elasticache/app-cache/slow-log does not exist."),
        Refusal(name: "Redis cluster with two nodes", type: "aws_elasticache_cluster", setup: subnets,
                attrs: { ["cluster_id": .string("c1"), "engine": .string("redis"), "node_type": .string("cache.t4g.micro"),
                          "num_cache_nodes": .number(2), "subnet_group_name": $0["group"]!] },
                error: "InvalidParameterValue: Cannot create a Redis cluster with a NumCacheNodes parameter greater than 1."),
        Refusal(name: "cross-AZ with one node", type: "aws_elasticache_cluster", setup: subnets,
                attrs: { ["cluster_id": .string("c1"), "engine": .string("memcached"), "node_type": .string("cache.t4g.micro"),
                          "num_cache_nodes": .number(1), "az_mode": .string("cross-az"), "subnet_group_name": $0["group"]!] },
                error: "InvalidParameterCombination: Must specify at least two cache nodes in order to specify AZ Mode of 'cross-az'."),
        Refusal(name: "replica of a missing group", type: "aws_elasticache_cluster",
                attrs: { _ in ["cluster_id": .string("c1"), "replication_group_id": .string("nope")] },
                error: "ReplicationGroupNotFoundFault: Replication group nope not found."),
        Refusal(name: "cache subnet group with a missing subnet", type: "aws_elasticache_subnet_group",
                attrs: { _ in ["name": .string("g"), "subnet_ids": .strings(["subnet-00000000000000000"])] },
                error: "InvalidSubnet: The subnet ID subnet-00000000000000000 does not exist"),
        Refusal(name: "cache parameter group of an unknown family", type: "aws_elasticache_parameter_group",
                attrs: { _ in ["name": .string("g"), "family": .string("redis9")] },
                error: "InvalidParameterValue: The parameter CacheParameterGroupFamily is not a valid family: redis9"),
        Refusal(name: "hash key without an attribute definition", type: "aws_dynamodb_table",
                attrs: { _ in table(["hash_key": .string("id")]) },
                error: "ValidationException: One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: [pk]"),
        Refusal(name: "attribute no key uses", type: "aws_dynamodb_table",
                attrs: { _ in table(["attribute": .list([.object(["name": .string("pk"), "type": .string("S")]), .object(["name": .string("extra"), "type": .string("N")])])]) },
                error: "Some AttributeDefinitions are not used. AttributeDefinitions: [extra, pk], keys used: [pk]"),
        Refusal(name: "provisioned without capacity", type: "aws_dynamodb_table",
                attrs: { _ in table(["billing_mode": .string("PROVISIONED")]) },
                error: "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"),
        Refusal(name: "table name too short", type: "aws_dynamodb_table", attrs: { _ in table(["name": .string("ab")]) },
                error: "Member must have length greater than or equal to 3"),
        Refusal(name: "local index without a range key", type: "aws_dynamodb_table",
                attrs: { _ in table(["attribute": .list([.object(["name": .string("pk"), "type": .string("S")]), .object(["name": .string("ts"), "type": .string("N")])]),
                                     "local_secondary_index": .list([.object(["name": .string("by-ts"), "range_key": .string("ts"), "projection_type": .string("ALL")])])]) },
                error: "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"),
        Refusal(name: "table name taken", type: "aws_dynamodb_table",
                setup: { c in _ = try await c.make("aws_dynamodb_table", table()); return [:] },
                attrs: { _ in table() }, error: "ResourceInUseException: Table already exists: orders"),
    ]

    @Test(arguments: refusals)
    func refused(_ r: Refusal) async throws { try await r.run() }

    static let invalid: [Invalid] = [
        Invalid(type: "aws_elasticache_replication_group", attrs: ["auth_token": .string("short")],
                message: "\"auth_token\" must contain from 16 to 128 alphanumeric characters or symbols (excluding @, \", and /)"),
        Invalid(type: "aws_elasticache_replication_group", attrs: ["auth_token": .string("has/a/slash/in/it")],
                message: "only alphanumeric characters or symbols (excluding @, \", and /) allowed in \"auth_token\""),
        Invalid(type: "aws_elasticache_replication_group", attrs: ["multi_az_enabled": .bool(true), "automatic_failover_enabled": .bool(false)],
                message: "automatic_failover_enabled must be true if multi_az_enabled is true"),
        Invalid(type: "aws_elasticache_replication_group", attrs: ["automatic_failover_enabled": .bool(true), "num_cache_clusters": .number(1)],
                message: "\"num_cache_clusters\": must be at least 2 if automatic_failover_enabled is true"),
        Invalid(type: "aws_elasticache_replication_group", attrs: ["replication_group_id": .string("cache-")],
                message: "invalid value for replication_group_id (cannot end with a hyphen)"),
        Invalid(type: "aws_elasticache_cluster", attrs: ["cluster_id": .string("Sessions"), "engine": .string("redis")],
                message: "invalid value for cluster_id (must contain only lowercase alphanumeric characters and hyphens)"),
        Invalid(type: "aws_dynamodb_table", attrs: table(["attribute": .list([.object(["name": .string("pk"), "type": .string("S")]), .object(["name": .string("extra"), "type": .string("N")])])]),
                message: "all attributes must be indexed. Unused attributes: [\"extra\"]"),
        Invalid(type: "aws_dynamodb_table", attrs: table(["read_capacity": .number(5)]),
                message: "read_capacity can not be set when billing_mode is \"PAY_PER_REQUEST\""),
    ]

    @Test(arguments: invalid)
    func validation(_ i: Invalid) throws { try i.run() }

    @Test(arguments: [("7.0", "7.0.7", "default.redis7"), ("7.1", "7.1.0", "default.redis7"), ("6.x", "6.2.6", "default.redis6.x"), ("6.2", "6.2.6", "default.redis6.x"), ("5.0.6", "5.0.6", "default.redis5.0")])
    func redisVersions(_ requested: String, _ actual: String, _ parameterGroup: String) async throws {
        let c = try DataCloud()
        let r = try await Self.subnets(c)
        let g = try await c.make("aws_elasticache_replication_group", Self.group(r, ["engine_version": .string(requested)]))
        #expect(g["engine_version"] == .string(requested))
        #expect(g["engine_version_actual"] == .string(actual))
        #expect(g["parameter_group_name"] == .string(parameterGroup))
    }

    @Test func replicationGroupEndpointsAndMembers() async throws {
        let c = try DataCloud()
        let r = try await Self.subnets(c)
        let g = try await c.make("aws_elasticache_replication_group", Self.group(r))
        let primary = try #require(g["primary_endpoint_address"]?.stringValue)
        #expect(primary.range(of: "^app-cache\\.[a-z0-9]{6}\\.ng\\.0001\\.use1\\.cache\\.amazonaws\\.com$", options: .regularExpression) != nil)
        #expect(g["reader_endpoint_address"]?.stringValue == primary.replacingOccurrences(of: "app-cache.", with: "app-cache-ro."))
        #expect(g["member_clusters"] == .set([.string("app-cache-001"), .string("app-cache-002")], element: .string))
        #expect(g["arn"] == .string("arn:aws:elasticache:us-east-1:123456789012:replicationgroup:app-cache"))
        #expect(g["port"] == .number(6379) && g["cluster_enabled"] == .bool(false))
        let member = try #require(await c.importID("aws_elasticache_cluster", "app-cache-002"))
        #expect(member["replication_group_id"] == .string("app-cache"))
        #expect(member["availability_zone"] == .string("us-east-1b"))
        // The last replica of a failover group cannot go.
        #expect(DataCloud.error(await c.delete("aws_elasticache_cluster", member)).contains(
            "InvalidReplicationGroupState: Replication group must have at least one read replica to enable autofailover."))
        // Groups in use cannot be deleted.
        let subnetGroup = try #require(await c.importID("aws_elasticache_subnet_group", "cache-subnets"))
        #expect(DataCloud.error(await c.delete("aws_elasticache_subnet_group", subnetGroup)).contains(
            "CacheSubnetGroupInUse: Cache subnet group cache-subnets is currently in use by a cache cluster."))
        #expect(await c.delete("aws_elasticache_replication_group", g).diagnostics.isEmpty)
        #expect(await c.importID("aws_elasticache_cluster", "app-cache-001") == nil)
        #expect(await c.delete("aws_elasticache_subnet_group", subnetGroup).diagnostics.isEmpty)
    }

    @Test func encryptedAndClusteredGroups() async throws {
        let c = try DataCloud()
        let r = try await Self.subnets(c)
        let tls = try await c.make("aws_elasticache_replication_group", Self.group(r, [
            "transit_encryption_enabled": .bool(true), "auth_token": .string("a-sixteen-char-token")]))
        #expect(tls["primary_endpoint_address"]?.stringValue?.hasPrefix("master.app-cache.") == true)
        #expect(tls["reader_endpoint_address"]?.stringValue?.hasPrefix("replica.app-cache.") == true)
        let sharded = try await c.make("aws_elasticache_replication_group", Self.group(r, [
            "replication_group_id": .string("sharded"), "num_cache_clusters": .null(.number),
            "num_node_groups": .number(2), "replicas_per_node_group": .number(1)]))
        #expect(sharded["cluster_enabled"] == .bool(true))
        #expect(sharded["parameter_group_name"] == .string("default.redis7.cluster.on"))
        #expect(sharded["member_clusters"]?.elements?.count == 4)
        #expect(sharded["member_clusters"]?.elements?.first == .string("sharded-0001-001"))
        #expect(sharded["configuration_endpoint_address"]?.stringValue?.contains(".clustercfg.use1.") == true)
        #expect(sharded["primary_endpoint_address"] == .string(""))
    }

    @Test func parameterGroupInUse() async throws {
        let c = try DataCloud()
        let r = try await Self.subnets(c)
        let pg = try await c.make("aws_elasticache_parameter_group", ["name": .string("Redis7-App"), "family": .string("redis7")])
        #expect(pg["name"] == .string("redis7-app"), "ElastiCache lower-cases names")
        _ = try await c.make("aws_elasticache_cluster", ["cluster_id": .string("one"), "engine": .string("redis"), "node_type": .string("cache.t4g.micro"),
                                                       "parameter_group_name": .string("redis7-app"), "subnet_group_name": r["group"]!])
        #expect(DataCloud.error(await c.delete("aws_elasticache_parameter_group", pg)).contains(
            "InvalidCacheParameterGroupState: One or more cache clusters are still members of this parameter group redis7-app, so the group cannot be deleted."))
    }

    @Test func tableDeletionProtectionAndStreams() async throws {
        let c = try DataCloud()
        let t = try await c.make("aws_dynamodb_table", Self.table(["deletion_protection_enabled": .bool(true), "stream_enabled": .bool(true),
                                                                   "stream_view_type": .string("NEW_AND_OLD_IMAGES")]))
        #expect(t["arn"] == .string("arn:aws:dynamodb:us-east-1:123456789012:table/orders"))
        let label = try #require(t["stream_label"]?.stringValue)
        #expect(t["stream_arn"] == .string("arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/\(label)"))
        #expect(t["point_in_time_recovery"] == .list([.object(["enabled": .bool(false)])], element: .object(["enabled": .bool])))
        #expect(DataCloud.error(await c.delete("aws_dynamodb_table", t)).contains(
            "ValidationException: Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."))
        // A plan that leaves the provider-filled blocks out keeps them.
        let noop = c.plan("aws_dynamodb_table", prior: t, Self.table(["deletion_protection_enabled": .bool(true), "stream_enabled": .bool(true),
                                                                     "stream_view_type": .string("NEW_AND_OLD_IMAGES")]))
        #expect(noop.planned == t)
        let open = try #require(await c.update("aws_dynamodb_table", prior: t, Self.table()).newState)
        #expect(open["stream_arn"] == .string(""))
        #expect(await c.delete("aws_dynamodb_table", open).diagnostics.isEmpty)
    }
}
