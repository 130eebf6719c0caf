import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders

/// What the network family asks before deleting a subnet or security group.
@Suite struct DataNetworkUsersTests {
    @Test func instancesAndCacheNodesUseTheirSubnetsAndGroups() async throws {
        let c = try DataCloud()
        let r = try await DataLifecycleTests.subnetGroup(c)
        let subnets = (r["subnets"]?.elements ?? []).compactMap { $0.stringValue }
        try #require(subnets.count == 2)
        let sg = "sg-0123456789abcdef0"
        try c.provider.store.mutate { tx in
            try tx.put(CloudObject(kind: "aws_security_group", id: sg, account: "123456789012", region: "us-east-1",
                                   attributes: .object([("id", .string(sg)), ("vpc_id", r["vpc"].flatMap { $0.stringValue.map(JSON.string) } ?? .null)])))
        }
        _ = try await c.make("aws_db_instance", DataRDSRulesTests.instance(r, ["vpc_security_group_ids": .strings([sg])]))
        let cache = try await c.make("aws_elasticache_subnet_group", ["name": .string("cache"), "subnet_ids": .strings(subnets)])
        _ = try await c.make("aws_elasticache_cluster", ["cluster_id": .string("sessions"), "engine": .string("memcached"), "node_type": .string("cache.t4g.micro"),
                                                       "num_cache_nodes": .number(1), "subnet_group_name": cache["id"]!, "availability_zone": .string("us-east-1b")])
        let context = AWSContext(store: c.provider.store, account: "123456789012", region: "us-east-1", defaultTags: [:], faults: nil)
        try c.provider.store.mutate { tx in
            #expect(AWSCatalog.dataUsers(ofSubnet: subnets[0], tx, context) == ["aws_db_instance app-db"])
            #expect(AWSCatalog.dataUsers(ofSubnet: subnets[1], tx, context) == ["aws_elasticache_cluster sessions"])
            #expect(AWSCatalog.dataUsers(ofSecurityGroup: sg, tx, context).count == 1)
            #expect(AWSCatalog.dataUsers(ofSecurityGroup: "sg-00000000000000000", tx, context).isEmpty)
        }
    }
}

/// Every type of these families documents the rules it simulates.
@Suite struct DataRulesCatalogTests {
    static let types = ["aws_db_subnet_group", "aws_db_parameter_group", "aws_db_instance", "aws_elasticache_subnet_group",
                        "aws_elasticache_parameter_group", "aws_elasticache_replication_group", "aws_elasticache_cluster", "aws_dynamodb_table",
                        "aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                        "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_public_access_block", "aws_s3_bucket_cors_configuration",
                        "aws_s3_bucket_policy", "aws_cloudfront_distribution", "aws_cloudfront_origin_access_identity",
                        "aws_cloudfront_origin_access_control", "aws_kms_key", "aws_kms_alias", "aws_secretsmanager_secret",
                        "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_rotation", "aws_cloudwatch_log_group",
                        "aws_cloudwatch_metric_alarm", "aws_cloudwatch_dashboard", "aws_sns_topic", "aws_sns_topic_subscription",
                        "aws_route53_zone", "aws_route53_record", "aws_acm_certificate"]

    @Test(arguments: types)
    func registeredAndDocumented(_ type: String) throws {
        let c = try DataCloud()
        #expect(c.provider.schema.resources[type] != nil, "\(type) is in the catalogue")
        #expect(AWSCatalog.simulatedRulesData[type]?.isEmpty == false, "\(type) lists its rules")
    }

    @Test func noOtherTypesListed() {
        #expect(Set(AWSCatalog.simulatedRulesData.keys) == Set(Self.types))
        #expect(Set(AWSCatalog.importIDsData.keys) == Set(Self.types))
    }
}
