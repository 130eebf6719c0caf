output "replication_group_id" {
  description = "ID of the replication group."
  value       = aws_elasticache_replication_group.this.id
}

output "arn" {
  description = "ARN of the replication group."
  value       = aws_elasticache_replication_group.this.arn
}

output "primary_endpoint_address" {
  description = "Host name of the primary (reads and writes)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "Host name spreading reads over the replicas."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Redis port."
  value       = aws_elasticache_replication_group.this.port
}

output "num_cache_clusters" {
  description = "Number of nodes."
  value       = var.num_cache_clusters
}

output "member_cluster_ids" {
  description = "IDs of the nodes as ElastiCache names them (<group>-001, -002, …): the CacheClusterId dimension of their metrics."
  value       = [for i in range(var.num_cache_clusters) : format("%s-%03d", local.replication_group_id, i + 1)]
}

output "auth_token" {
  description = "Redis AUTH token, for the secrets module to store; never print it."
  value       = random_password.auth_token.result
  sensitive   = true
}

output "log_group_names" {
  description = "CloudWatch log groups of the slow and engine logs, by log type."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
