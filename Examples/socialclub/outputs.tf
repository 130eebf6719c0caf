output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.main.id
}

output "subnet_ids" {
  description = "Subnet IDs by tier and availability zone."
  value = {
    public  = { for az, s in aws_subnet.public : az => s.id }
    private = { for az, s in aws_subnet.private : az => s.id }
    data    = { for az, s in aws_subnet.data : az => s.id }
  }
}

output "app_url" {
  description = "URL of the frontend."
  value       = "https://${local.app_host}"
}

output "api_url" {
  description = "URL of the backend API."
  value       = "https://${local.api_host}/api"
}

output "cloudfront_domain_name" {
  description = "The distribution's own host name."
  value       = aws_cloudfront_distribution.frontend.domain_name
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = aws_lb.main.dns_name
}

output "name_servers" {
  description = "Name servers to delegate the domain to."
  value       = aws_route53_zone.main.name_servers
}

output "rds_endpoint" {
  description = "PostgreSQL endpoint."
  value       = aws_db_instance.main.endpoint
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint."
  value       = aws_elasticache_replication_group.main.primary_endpoint_address
}

output "dynamodb_tables" {
  description = "DynamoDB table names by purpose."
  value       = { for k, t in aws_dynamodb_table.this : k => t.name }
}

output "ecr_repository_url" {
  description = "Repository of the backend image."
  value       = aws_ecr_repository.backend.repository_url
}

output "github_actions_role_arn" {
  description = "Role for the deployment workflows (aws-actions/configure-aws-credentials)."
  value       = aws_iam_role.github_actions.arn
}

output "secret_arns" {
  description = "The 16 secrets by name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "kms_key_arn" {
  description = "The master key."
  value       = aws_kms_key.master.arn
}

output "state_bucket" {
  description = "Bucket for Terraform state (backend \"s3\")."
  value       = aws_s3_bucket.state.bucket
}

output "lock_table" {
  description = "DynamoDB table for Terraform state locks."
  value       = aws_dynamodb_table.locks.name
}
