/// Prices one family of resource types. Each estimator lives in its own file, names its
/// components as Infracost does, and reads only planned attribute values (Terraform AWS
/// provider v5 names), the usage file and the other resources of the project.
public protocol ResourceEstimator: Sendable {
    /// The resource types it prices.
    var types: [String] { get }
    /// The AWS service its costs belong to, for per-service totals and charts.
    var service: String { get }
    /// The usage-file keys it reads (top-level), for "unknown usage key" diagnostics.
    var usageKeys: [String] { get }
    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost
}

extension ResourceEstimator {
    public var usageKeys: [String] { [] }
}

/// The estimators, the resource types that cost nothing, and the service each type's cost
/// belongs to. A type in neither list is reported as not supported.
public enum Estimators {
    public static let all: [any ResourceEstimator] = [
        DBInstanceEstimator(), ElastiCacheReplicationGroupEstimator(), ElastiCacheClusterEstimator(),
        ECSServiceEstimator(), LoadBalancerEstimator(), NATGatewayEstimator(), EIPEstimator(),
        VPCEndpointEstimator(), CloudFrontEstimator(), S3BucketEstimator(), SecretsManagerSecretEstimator(),
        CloudWatchLogGroupEstimator(), CloudWatchMetricAlarmEstimator(), CloudWatchDashboardEstimator(),
        KMSKeyEstimator(), Route53ZoneEstimator(), Route53RecordEstimator(), DynamoDBTableEstimator(),
    ]

    public static let byType: [String: any ResourceEstimator] = {
        var m: [String: any ResourceEstimator] = [:]
        for e in all { for t in e.types { m[t] = e } }
        return m
    }()

    /// Types with no charge of their own (configuration objects, or priced elsewhere: a task
    /// definition costs through its service, a flow log through its log group).
    public static let free: Set<String> = [
        "aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_egress_only_internet_gateway",
        "aws_route_table", "aws_route", "aws_route_table_association", "aws_main_route_table_association",
        "aws_default_route_table", "aws_default_security_group", "aws_default_network_acl", "aws_network_acl",
        "aws_network_acl_rule", "aws_security_group", "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule", "aws_flow_log",
        "aws_vpc_dhcp_options", "aws_vpc_dhcp_options_association", "aws_eip_association",
        "aws_db_subnet_group", "aws_db_parameter_group", "aws_db_option_group", "aws_rds_cluster_parameter_group",
        "aws_elasticache_subnet_group", "aws_elasticache_parameter_group", "aws_elasticache_user", "aws_elasticache_user_group",
        "aws_ecs_cluster", "aws_ecs_cluster_capacity_providers", "aws_ecs_task_definition",
        "aws_lb_target_group", "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule",
        "aws_alb_listener_rule", "aws_lb_target_group_attachment", "aws_alb_target_group_attachment",
        "aws_lb_listener_certificate",
        "aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action",
        "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
        "aws_iam_instance_profile", "aws_iam_service_linked_role", "aws_iam_policy_attachment",
        "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_cors_configuration", "aws_s3_bucket_policy", "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_acl", "aws_s3_bucket_logging", "aws_s3_bucket_website_configuration",
        "aws_cloudfront_origin_access_identity", "aws_cloudfront_origin_access_control",
        "aws_cloudfront_cache_policy", "aws_cloudfront_origin_request_policy", "aws_cloudfront_response_headers_policy",
        "aws_kms_alias", "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_rotation",
        "aws_secretsmanager_secret_policy",
        "aws_sns_topic", "aws_sns_topic_subscription", "aws_sns_topic_policy",
        "aws_acm_certificate", "aws_acm_certificate_validation",
        "aws_cloudwatch_log_resource_policy", "aws_cloudwatch_log_stream", "aws_cloudwatch_log_subscription_filter",
        "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy",
    ]

    /// The AWS service a resource type's cost is grouped under.
    public static func service(for type: String) -> String {
        if let e = byType[type] { return e.service }
        return "Other"
    }
}

/// Service names shared by estimators, views and charts.
public enum Service {
    public static let rds = "Amazon RDS"
    public static let elastiCache = "Amazon ElastiCache"
    public static let ecs = "Amazon ECS (Fargate)"
    public static let elb = "Elastic Load Balancing"
    public static let vpc = "Amazon VPC (NAT, IPv4, endpoints)"
    public static let cloudFront = "Amazon CloudFront"
    public static let s3 = "Amazon S3"
    public static let secretsManager = "AWS Secrets Manager"
    public static let cloudWatch = "Amazon CloudWatch"
    public static let kms = "AWS KMS"
    public static let route53 = "Amazon Route 53"
    public static let dynamoDB = "Amazon DynamoDB"
}
