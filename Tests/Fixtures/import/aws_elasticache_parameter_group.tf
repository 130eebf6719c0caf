resource "aws_elasticache_parameter_group" "redis7" {
  name   = "redis7-app"
  family = "redis7"

  parameter {
    name  = "maxmemory-policy"
    value = "allkeys-lru"
  }
}
