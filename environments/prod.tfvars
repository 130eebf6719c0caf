# Production: memory-optimised Graviton data stores, Multi-AZ everywhere, an
# autoscaled application, and a database AWS refuses to delete.

environment = "prod"
aws_region  = "us-east-1"
domain_name = "socialflow.example.com"

force_destroy = false

# Network
vpc_cidr           = "10.0.0.0/16"
az_count           = 3
single_nat_gateway = false

# PostgreSQL 15.4
db_instance_class              = "db.r6g.xlarge"
db_allocated_storage           = 100
db_max_allocated_storage       = 1000
db_multi_az                    = true
db_backup_retention_days       = 30
db_deletion_protection         = true
db_apply_immediately           = false
db_connections_alarm_threshold = 2880

# Redis 7.0: primary + 2 replicas, automatic failover, Multi-AZ
redis_node_type               = "cache.r6g.large"
redis_num_cache_clusters      = 3
redis_snapshot_retention_days = 7

# ECS Fargate: 3-10 application tasks on CPU 70 %, memory 75 %, requests per task
app_cpu                 = 2048
app_memory              = 4096
app_desired_count       = 3
app_autoscaling_enabled = true
app_min_count           = 3
app_max_count           = 10
worker_cpu              = 1024
worker_memory           = 2048
worker_desired_count    = 4
beat_cpu                = 256
beat_memory             = 512

# Storage and delivery
s3_videos_versioning   = true
cloudfront_price_class = "PriceClass_All"

# Monitoring
log_retention_days    = 30
alert_email_addresses = ["devops-team@socialflow.com"]
