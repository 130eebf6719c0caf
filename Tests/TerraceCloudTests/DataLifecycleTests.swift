import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Create, read, update in place, replace, import and delete for every data resource type.
@Suite struct DataLifecycleTests {
    static let subnetGroup: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        let (vpc, subnets) = try await c.twoZoneSubnets()
        let group = try await c.make("aws_db_subnet_group", ["name": .string("db-subnets"), "subnet_ids": .strings(subnets.compactMap(\.stringValue))])
        return ["vpc": vpc["id"] ?? .null(.string), "subnets": .list(subnets, element: .string), "group": group["id"] ?? .null(.string)]
    }

    static let cacheSubnets: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        let (_, subnets) = try await c.twoZoneSubnets()
        let group = try await c.make("aws_elasticache_subnet_group", ["name": .string("cache-subnets"), "subnet_ids": .list(subnets, element: .string)])
        return ["group": group["id"] ?? .null(.string)]
    }

    static let cases: [Lifecycle] = [
        Lifecycle(
            type: "aws_db_subnet_group",
            setup: { c in
                let (vpc, subnets) = try await c.twoZoneSubnets()
                let third = try await c.subnet(vpc, "10.0.3.0/24", "us-east-1c")
                return ["subnets": .list(subnets, element: .string), "third": third["id"] ?? .null(.string)]
            },
            create: { r in ["name": .string("db-subnets"), "subnet_ids": r["subnets"]!] },
            update: { r in ["description": .string("database subnets"), "subnet_ids": .list((r["subnets"]?.elements ?? []) + [r["third"]!], element: .string)] },
            replace: { _ in ["name": .string("db-subnets-2")] },
            replacePath: "name"),
        Lifecycle(
            type: "aws_db_parameter_group",
            create: { _ in ["name": .string("app-pg15"), "family": .string("postgres15"),
                            "parameter": .list([.object(["name": .string("log_min_duration_statement"), "value": .string("500")])])] },
            update: { _ in ["parameter": .list([.object(["name": .string("log_min_duration_statement"), "value": .string("1000")])])] },
            replace: { _ in ["family": .string("postgres16"), "name": .string("app-pg16")] },
            replacePath: "family"),
        Lifecycle(
            type: "aws_db_instance",
            setup: subnetGroup,
            create: { r in ["identifier": .string("app-db"), "engine": .string("postgres"), "engine_version": .string("15.4"),
                            "instance_class": .string("db.t3.micro"), "allocated_storage": .number(20), "storage_type": .string("gp3"),
                            "username": .string("app"), "password": .string("correct-horse-9"),
                            "db_subnet_group_name": r["group"]!, "skip_final_snapshot": .bool(true)] },
            update: { _ in ["instance_class": .string("db.t3.small"), "allocated_storage": .number(30), "identifier": .string("app-db-renamed")] },
            replace: { _ in ["username": .string("owner")] },
            replacePath: "username",
            importID: { $0["identifier"]?.stringValue ?? "" },
            importIgnore: ["password", "skip_final_snapshot"]),
        Lifecycle(
            type: "aws_elasticache_subnet_group",
            setup: { c in
                let (vpc, subnets) = try await c.twoZoneSubnets()
                let third = try await c.subnet(vpc, "10.0.3.0/24", "us-east-1c")
                return ["subnets": .list(subnets, element: .string), "third": third["id"] ?? .null(.string)]
            },
            create: { r in ["name": .string("cache-subnets"), "subnet_ids": r["subnets"]!] },
            update: { r in ["description": .string("cache subnets"), "subnet_ids": .list((r["subnets"]?.elements ?? []) + [r["third"]!], element: .string)] },
            replace: { _ in ["name": .string("cache-subnets-2")] },
            replacePath: "name"),
        Lifecycle(
            type: "aws_elasticache_parameter_group",
            create: { _ in ["name": .string("redis7-app"), "family": .string("redis7"),
                            "parameter": .list([.object(["name": .string("maxmemory-policy"), "value": .string("allkeys-lru")])])] },
            update: { _ in ["parameter": .list([.object(["name": .string("maxmemory-policy"), "value": .string("volatile-lru")])])] },
            replace: { _ in ["family": .string("redis6.x"), "name": .string("redis6-app")] },
            replacePath: "family"),
        Lifecycle(
            type: "aws_elasticache_replication_group",
            setup: cacheSubnets,
            create: { r in ["replication_group_id": .string("app-cache"), "description": .string("app cache"), "node_type": .string("cache.t4g.micro"),
                            "engine_version": .string("7.0"), "num_cache_clusters": .number(2), "automatic_failover_enabled": .bool(true),
                            "subnet_group_name": r["group"]!] },
            update: { _ in ["node_type": .string("cache.t4g.small"), "description": .string("application cache"), "num_cache_clusters": .number(3)] },
            replace: { _ in ["at_rest_encryption_enabled": .bool(true)] },
            replacePath: "at_rest_encryption_enabled"),
        Lifecycle(
            type: "aws_elasticache_cluster",
            setup: cacheSubnets,
            create: { r in ["cluster_id": .string("sessions"), "engine": .string("memcached"), "node_type": .string("cache.t4g.micro"),
                            "num_cache_nodes": .number(2), "subnet_group_name": r["group"]!] },
            update: { _ in ["num_cache_nodes": .number(3)] },
            replace: { _ in ["node_type": .string("cache.t4g.small")] },
            replacePath: "node_type"),
        Lifecycle(
            type: "aws_dynamodb_table",
            create: { _ in ["name": .string("orders"), "billing_mode": .string("PAY_PER_REQUEST"), "hash_key": .string("pk"),
                            "attribute": .list([.object(["name": .string("pk"), "type": .string("S")])])] },
            update: { _ in ["ttl": .list([.object(["attribute_name": .string("expires_at"), "enabled": .bool(true)])]),
                            "point_in_time_recovery": .list([.object(["enabled": .bool(true)])]),
                            "tags": .tags(["team": "orders"])] },
            replace: { _ in ["range_key": .string("sk"), "name": .string("orders-v2"),
                             "attribute": .list([.object(["name": .string("pk"), "type": .string("S")]), .object(["name": .string("sk"), "type": .string("S")])])] },
            replacePath: "range_key"),
    ]

    @Test(arguments: cases)
    func lifecycle(_ c: Lifecycle) async throws { try await c.run() }
}
