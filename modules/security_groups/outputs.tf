output "alb_security_group_id" {
  description = "Group of the application load balancer."
  value       = aws_security_group.this["alb"].id
}

output "app_security_group_id" {
  description = "Group of the ECS tasks (application, workers, beat)."
  value       = aws_security_group.this["app"].id
}

output "db_security_group_id" {
  description = "Group of the PostgreSQL instance."
  value       = aws_security_group.this["db"].id
}

output "redis_security_group_id" {
  description = "Group of the Redis replication group."
  value       = aws_security_group.this["redis"].id
}
