# Development: smallest sizes, one NAT gateway, single-AZ data stores, disposable.

environment = "dev"
aws_region  = "us-east-1"
domain_name = "dev.socialflow.example.com"

force_destroy = true

# Network
vpc_cidr           = "10.0.0.0/16"
az_count           = 3
single_nat_gateway = true

# PostgreSQL 15.4
db_instance_class              = "db.t3.small"
db_allocated_storage           = 20
db_max_allocated_storage       = 100
db_multi_az                    = false
db_backup_retention_days       = 3
db_deletion_protection         = false
db_apply_immediately           = true
db_connections_alarm_threshold = 180

# Redis 7.0
redis_node_type               = "cache.t3.micro"
redis_num_cache_clusters      = 1
redis_snapshot_retention_days = 1

# ECS Fargate
app_cpu              = 512
app_memory           = 1024
app_desired_count    = 1
worker_cpu           = 256
worker_memory        = 512
worker_desired_count = 1
beat_cpu             = 256
beat_memory          = 512

# Storage and delivery
s3_videos_versioning   = false
cloudfront_price_class = "PriceClass_100"

# Monitoring
log_retention_days    = 7
alert_email_addresses = []
