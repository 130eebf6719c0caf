extension AWSCatalog {
    /// The AWS rules the simulated cloud enforces for the data, storage and delivery, secrets,
    /// monitoring, and DNS and TLS resource types, by type, each with the error AWS returns:
    /// the "simulated rules" of `docs/providers/aws.md`. Each is covered by a test in
    /// `Tests/TerraceCloudTests` (`*RulesTests.swift`).
    public static let simulatedRulesData: [String: [String]] = [
        "aws_db_subnet_group": [
            "subnets must exist (`InvalidSubnet`) and be in one VPC (`InvalidParameterValue`)",
            "subnets must cover at least two availability zones (`DBSubnetGroupDoesNotCoverEnoughAZs`)",
            "names are unique (`DBSubnetGroupAlreadyExists`); `default` is reserved",
            "cannot be deleted while a DB instance uses it (`InvalidDBSubnetGroupStateFault`)",
        ],
        "aws_db_parameter_group": [
            "the family must be one RDS offers (`InvalidParameterValue`)",
            "names are unique (`DBParameterGroupAlreadyExists`)",
            "cannot be deleted while a DB instance uses it (`InvalidDBParameterGroupState`)",
        ],
        "aws_db_instance": [
            "engines postgres, mysql, mariadb, oracle-*, sqlserver-* (`InvalidParameterValue: Invalid DB engine`); versions as RDS lists them, a prefix naming the newest (`InvalidParameterCombination: Cannot find version …`)",
            "instance classes per engine and version (`InvalidParameterCombination: RDS does not support creating a DB instance with the following combination …`)",
            "storage type and size limits per engine (gp2/gp3 from 20 GiB, io1/io2 from 100 GiB with IOPS, no IOPS or throughput on gp3 below 400 GiB); `max_allocated_storage` above the size (`InvalidParameterCombination`)",
            "identifier rules (`InvalidParameterValue`) and uniqueness (`DBInstanceAlreadyExists`); renaming in place moves the endpoint",
            "master user name and password rules (length, printable ASCII except / @ \" and space, reserved names)",
            "subnet group, parameter group (and its family), security groups (in the VPC) and KMS key must exist",
            "Multi-AZ with a fixed zone, monitoring without a role, replicas of instances without backups are refused",
            "major upgrades need `allow_major_version_upgrade`; no downgrades; storage only grows, by at least 10%",
            "deletion protection refuses delete (`InvalidParameterCombination: Cannot delete protected DB Instance, please disable deletion protection and try again.`)",
            "a final snapshot is required unless skipped (`InvalidParameterCombination`), must be new (`DBSnapshotAlreadyExists`), and can be restored with `snapshot_identifier`",
            "`manage_master_user_password` keeps the password in a Secrets Manager secret",
            "exported log types must suit the engine; RDS creates `/aws/rds/instance/ID/TYPE` log groups that do not exist yet",
        ],
        "aws_elasticache_subnet_group": [
            "subnets must exist (`InvalidSubnet`) in one VPC",
            "cannot be deleted while a cluster uses it (`CacheSubnetGroupInUse`)",
        ],
        "aws_elasticache_parameter_group": [
            "the family must be one ElastiCache offers (`InvalidParameterValue`)",
            "cannot be deleted while a cluster uses it (`InvalidCacheParameterGroupState`)",
        ],
        "aws_elasticache_replication_group": [
            "replication group IDs: a letter first, letters, digits and hyphens, at most 40 (`InvalidParameterValue`); unique (`ReplicationGroupAlreadyExists`)",
            "node types ElastiCache offers (`InvalidParameterValue: Invalid CacheNodeType`); Redis 7.0, 7.1, 6.x, 6.2, 5.0.6 … and Valkey versions",
            "automatic failover needs at least two clusters (`InvalidParameterCombination: When using automatic failover, there must be at least 2 cache clusters in the replication group.`)",
            "cluster mode needs automatic failover; Multi-AZ needs automatic failover",
            "an AUTH token needs encryption in transit, 16–128 printable characters without @ \" / (`InvalidParameterValue`)",
            "member clusters are `aws_elasticache_cluster` objects; endpoints follow transit encryption and cluster mode",
            "log delivery to CloudWatch Logs needs an existing log group (`InvalidParameterValue`)",
        ],
        "aws_elasticache_cluster": [
            "cluster IDs: a letter first, at most 50 (`InvalidParameterValue`); unique (`CacheClusterAlreadyExists`)",
            "Redis and Valkey clusters have one node; Memcached up to 40; cross-AZ needs two Memcached nodes",
            "a replica joins an existing replication group (`ReplicationGroupNotFoundFault`); the last replica of a failover group stays (`InvalidReplicationGroupState`)",
        ],
        "aws_dynamodb_table": [
            "key attributes must be defined and every defined attribute used by a key (`ValidationException`)",
            "provisioned tables need read and write capacity; local indexes need a range key; at most 20 global and 5 local indexes",
            "table names of 3–255 allowed characters; unique (`ResourceInUseException`)",
            "deletion protection refuses delete (`ValidationException`)",
        ],
        "aws_s3_bucket": [
            "bucket naming rules (`InvalidBucketName`) and uniqueness across accounts and regions (`BucketAlreadyExists`, `BucketAlreadyOwnedByYou`)",
            "new buckets block public access and encrypt with SSE-S3; deleting a bucket removes its configurations",
        ],
        "aws_s3_bucket_versioning": [
            "the bucket must exist in the account and region (`NoSuchBucket`, `AccessDenied`, `PermanentRedirect`)",
            "a versioned bucket cannot return to unversioned (`IllegalVersioningConfigurationException`); deleting suspends",
        ],
        "aws_s3_bucket_server_side_encryption_configuration": [
            "the bucket must exist; a KMS key only with `aws:kms` or `aws:kms:dsse` (`InvalidArgument`), and it must exist",
        ],
        "aws_s3_bucket_lifecycle_configuration": [
            "the bucket must exist; rule IDs unique; transitions to STANDARD_IA or ONEZONE_IA after at least 30 days; expirations positive and after transitions (`InvalidArgument`)",
        ],
        "aws_s3_bucket_public_access_block": ["the bucket must exist; new buckets start with all four settings on"],
        "aws_s3_bucket_cors_configuration": ["the bucket must exist; methods GET, PUT, HEAD, POST, DELETE only (`InvalidRequest`)"],
        "aws_s3_bucket_policy": [
            "the bucket must exist; the policy must be JSON about the bucket (`MalformedPolicy`)",
            "a public policy is refused while `block_public_policy` is on (`AccessDenied`)",
        ],
        "aws_cloudfront_distribution": [
            "price classes PriceClass_All, PriceClass_200, PriceClass_100 (`InvalidArgument`)",
            "S3 origins must name existing buckets (`InvalidArgument`), load balancer origins existing load balancers (`InvalidOrigin`)",
            "origin access identities and controls must exist (`NoSuchCloudFrontOriginAccessIdentity`, `NoSuchOriginAccessControl`)",
            "cache behaviors target existing origins (`NoSuchOrigin`), with a cache policy or forwarded values, not both",
            "aliases need an ACM certificate in us-east-1 that covers them (`InvalidViewerCertificate`) and are unique (`CNAMEAlreadyExists`)",
            "global: visible from every region; deleting disables first",
        ],
        "aws_cloudfront_origin_access_identity": ["cannot be deleted while a distribution uses it (`CloudFrontOriginAccessIdentityInUse`)"],
        "aws_cloudfront_origin_access_control": [
            "names unique (`OriginAccessControlAlreadyExists`)",
            "cannot be deleted while a distribution uses it (`OriginAccessControlInUse`)",
        ],
        "aws_kms_key": [
            "deletion window 7–30 days (`ValidationException`); deleting schedules deletion and the key reads as gone",
            "key usage must suit the key spec; only symmetric keys rotate (`UnsupportedOperationException`)",
        ],
        "aws_kms_alias": [
            "names start with `alias/`, not `alias/aws/`; unique (`AlreadyExistsException`)",
            "the target key must exist and not be pending deletion (`NotFoundException`, `KMSInvalidStateException`)",
        ],
        "aws_secretsmanager_secret": [
            "names of letters, digits and -/_+=.@!, at most 512 (`ValidationException`); unique (`ResourceExistsException`)",
            "recovery window 7–30 days or 0 to force (`InvalidParameterException`); a name stays taken while its secret is scheduled for deletion (`InvalidRequestException`)",
        ],
        "aws_secretsmanager_secret_version": [
            "the secret must exist and not be scheduled for deletion; a string or binary value is required",
            "new versions take AWSCURRENT; the previous one becomes AWSPREVIOUS; AWSCURRENT stays on delete",
        ],
        "aws_secretsmanager_secret_rotation": ["rotation every 1–1000 days or a rate()/cron() schedule (`InvalidParameterException`)"],
        "aws_cloudwatch_log_group": [
            "retention of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653 days (`InvalidParameterException`)",
            "names of allowed characters, unique (`ResourceAlreadyExistsException`); a KMS key must exist",
        ],
        "aws_cloudwatch_metric_alarm": [
            "periods of 10, 20, 30 or a multiple of 60 seconds; at most a day of evaluation; datapoints within the periods; action ARNs (`ValidationError`)",
        ],
        "aws_cloudwatch_dashboard": ["the body must be a JSON object with widgets (`InvalidParameterInput`)"],
        "aws_sns_topic": [
            "names of letters, digits, hyphens and underscores; FIFO names end in .fifo (`InvalidParameter`)",
            "creating an existing topic returns it unless its tags or attributes differ; deleting a topic deletes its subscriptions",
        ],
        "aws_sns_topic_subscription": [
            "the topic must exist (`NotFound`); endpoints of the protocol's kind; raw delivery only for SQS, HTTP(S) and Firehose (`InvalidParameter`)",
        ],
        "aws_route53_zone": [
            "valid domain names; example.com is reserved (`InvalidDomainName`)",
            "cannot be deleted while it holds records other than its NS and SOA, unless force_destroy (`HostedZoneNotEmpty`)",
        ],
        "aws_route53_record": [
            "the zone must exist (`NoSuchHostedZone`); names within the zone; one set per name, type and set identifier unless allow_overwrite (`InvalidChangeBatch`)",
            "CNAMEs alone at a name and never at the apex; values of the record type; TTL with records or an alias (`InvalidInput`)",
            "routing policies need a set identifier; alias targets (distributions, load balancers, records) must exist",
        ],
        "aws_acm_certificate": [
            "domain names ACM accepts (`ValidationException`), at most 10 (`LimitExceededException`)",
            "DNS validation records are known at plan time; the certificate is issued once they exist in a Route 53 zone",
            "cannot be deleted while CloudFront or a load balancer listener uses it (`ResourceInUseException`)",
        ],
    ]

    /// What import takes for each of these types, as the AWS provider documents it.
    public static let importIDsData: [String: String] = [
        "aws_db_subnet_group": "the `name`", "aws_db_parameter_group": "the `name`", "aws_db_instance": "the `identifier`",
        "aws_elasticache_subnet_group": "the `name`", "aws_elasticache_parameter_group": "the `name`",
        "aws_elasticache_replication_group": "the `replication_group_id`", "aws_elasticache_cluster": "the `cluster_id`",
        "aws_dynamodb_table": "the `name`", "aws_s3_bucket": "the `bucket` name",
        "aws_s3_bucket_versioning": "the `bucket` name, or `bucket,expected_bucket_owner`",
        "aws_s3_bucket_server_side_encryption_configuration": "the `bucket` name, or `bucket,expected_bucket_owner`",
        "aws_s3_bucket_lifecycle_configuration": "the `bucket` name, or `bucket,expected_bucket_owner`",
        "aws_s3_bucket_cors_configuration": "the `bucket` name, or `bucket,expected_bucket_owner`",
        "aws_s3_bucket_public_access_block": "the `bucket` name", "aws_s3_bucket_policy": "the `bucket` name",
        "aws_cloudfront_distribution": "the distribution ID", "aws_cloudfront_origin_access_identity": "the identity ID",
        "aws_cloudfront_origin_access_control": "the origin access control ID",
        "aws_kms_key": "the key ID", "aws_kms_alias": "the alias `name` (`alias/…`)",
        "aws_secretsmanager_secret": "the secret ARN", "aws_secretsmanager_secret_version": "`secret ARN|version ID`",
        "aws_secretsmanager_secret_rotation": "the secret ARN",
        "aws_cloudwatch_log_group": "the `name`", "aws_cloudwatch_metric_alarm": "the `alarm_name`",
        "aws_cloudwatch_dashboard": "the `dashboard_name`", "aws_sns_topic": "the topic ARN",
        "aws_sns_topic_subscription": "the subscription ARN", "aws_route53_zone": "the zone ID",
        "aws_route53_record": "`ZONEID_NAME_TYPE`, or `ZONEID_NAME_TYPE_SETIDENTIFIER`", "aws_acm_certificate": "the certificate ARN",
    ]
}
