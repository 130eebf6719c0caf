# Staging: production's shape at a smaller size — a NAT gateway per zone, Multi-AZ
# PostgreSQL and Redis — and still disposable.

environment = "staging"
aws_region  = "us-east-1"
domain_name = "staging.socialflow.example.com"

force_destroy = true

# Network
vpc_cidr           = "10.0.0.0/16"
az_count           = 3
single_nat_gateway = false

# PostgreSQL 15.4
db_instance_class              = "db.t3.medium"
db_allocated_storage           = 50
db_max_allocated_storage       = 250
db_multi_az                    = true
db_backup_retention_days       = 7
db_deletion_protection         = false
db_apply_immediately           = true
db_connections_alarm_threshold = 360

# Redis 7.0: primary + 1 replica, automatic failover, Multi-AZ
redis_node_type               = "cache.t3.small"
redis_num_cache_clusters      = 2
redis_snapshot_retention_days = 5

# ECS Fargate
app_cpu              = 1024
app_memory           = 2048
app_desired_count    = 2
worker_cpu           = 512
worker_memory        = 1024
worker_desired_count = 2
beat_cpu             = 256
beat_memory          = 512

# Storage and delivery
s3_videos_versioning   = true
cloudfront_price_class = "PriceClass_200"

# Monitoring
log_retention_days    = 14
alert_email_addresses = ["devops-team@socialflow.com"]
