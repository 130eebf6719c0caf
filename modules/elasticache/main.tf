# Cache layer: a Redis replication group (cluster mode off) in the private
# subnets — encrypted at rest and in transit with an AUTH token, slow and engine
# logs delivered to CloudWatch, failover and Multi-AZ as soon as it has a replica.

locals {
  replication_group_id = "${var.name}-redis"
  major_version        = split(".", var.engine_version)[0]
  family               = local.major_version == "6" ? "redis6.x" : "redis${local.major_version}"

  # Failover needs a replica to promote; Multi-AZ needs failover.
  high_availability = var.num_cache_clusters > 1

  log_types = ["slow-log", "engine-log"]
}

# Redis AUTH tokens: 16-128 printable characters; of the specials only !&#$^<>- are allowed.
resource "random_password" "auth_token" {
  length           = 64
  special          = true
  override_special = "!&#$^<>-"
}

resource "aws_elasticache_subnet_group" "this" {
  name        = local.replication_group_id
  description = "Private subnets of ${local.replication_group_id}"
  subnet_ids  = var.subnet_ids

  tags = var.tags
}

resource "aws_elasticache_parameter_group" "this" {
  name        = "${local.replication_group_id}-${replace(local.family, ".", "-")}"
  family      = local.family
  description = "LRU eviction and idle timeouts for ${local.replication_group_id}"

  dynamic "parameter" {
    for_each = var.parameters

    content {
      name  = parameter.key
      value = parameter.value
    }
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(local.log_types)

  name              = "/aws/elasticache/${local.replication_group_id}/${each.key}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = local.replication_group_id
  description          = "Social Flow cache and Celery broker (${var.name})"

  engine               = "redis"
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.num_cache_clusters
  port                 = var.port
  parameter_group_name = aws_elasticache_parameter_group.this.name

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = var.security_group_ids

  automatic_failover_enabled = local.high_availability
  multi_az_enabled           = local.high_availability

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = random_password.auth_token.result

  snapshot_retention_limit = var.snapshot_retention_limit
  snapshot_window          = var.snapshot_window
  maintenance_window       = var.maintenance_window
  apply_immediately        = var.apply_immediately

  dynamic "log_delivery_configuration" {
    for_each = aws_cloudwatch_log_group.this

    content {
      destination      = log_delivery_configuration.value.name
      destination_type = "cloudwatch-logs"
      log_format       = "json"
      log_type         = log_delivery_configuration.key
    }
  }

  tags = merge(var.tags, { Name = local.replication_group_id })
}
