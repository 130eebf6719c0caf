# Redis 7 in the data subnets: one node in staging, three across zones in production;
# encrypted at rest with the master key and in transit, AUTH token in Secrets Manager.

resource "random_password" "redis" {
  length           = 48
  override_special = "!&#$^<>-"
}

resource "aws_elasticache_subnet_group" "main" {
  name       = "${local.name}-data"
  subnet_ids = [for s in aws_subnet.data : s.id]
}

resource "aws_elasticache_parameter_group" "main" {
  name   = "${local.name}-redis7"
  family = "redis7"

  parameter {
    name  = "maxmemory-policy"
    value = "allkeys-lru"
  }
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id = "${local.name}-redis"
  description          = "SocialClub cache: sessions, preferences, rankings, rate limits"

  engine               = "redis"
  engine_version       = "7.0"
  node_type            = local.env.redis_node_type
  num_cache_clusters   = local.env.redis_nodes
  port                 = 6379
  parameter_group_name = aws_elasticache_parameter_group.main.name
  subnet_group_name    = aws_elasticache_subnet_group.main.name
  security_group_ids   = [aws_security_group.redis.id]

  automatic_failover_enabled = local.env.redis_nodes > 1
  multi_az_enabled           = local.env.redis_nodes > 1

  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.master.arn
  transit_encryption_enabled = true
  auth_token                 = random_password.redis.result

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.this["redis"].name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "engine-log"
  }

  tags = { Name = "${local.name}-redis" }
}
