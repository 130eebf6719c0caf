# --- Network ----------------------------------------------------------------------------

output "vpc_id" {
  description = "ID of the VPC."
  value       = module.vpc.vpc_id
}

output "public_subnet_ids" {
  description = "Public subnets (load balancer, NAT gateways), one per availability zone."
  value       = module.vpc.public_subnet_ids
}

output "private_subnet_ids" {
  description = "Private subnets (ECS tasks, PostgreSQL, Redis), one per availability zone."
  value       = module.vpc.private_subnet_ids
}

output "nat_public_ips" {
  description = "Addresses the private subnets reach the internet from."
  value       = module.vpc.nat_public_ips
}

output "route53_name_servers" {
  description = "Name servers of the environment's zone, to delegate domain_name to."
  value       = aws_route53_zone.this.name_servers
}

# --- Entry points -------------------------------------------------------------------------

output "alb_dns_name" {
  description = "DNS name of the application load balancer."
  value       = module.ecs.alb_dns_name
}

output "api_url" {
  description = "Base URL of the API (the load balancer, through its certificate)."
  value       = "https://${module.ecs.api_domain_name}"
}

output "cloudfront_domain_name" {
  description = "Host name of the CloudFront distribution."
  value       = module.cloudfront.domain_name
}

output "cloudfront_distribution_id" {
  description = "ID of the CloudFront distribution (for cache invalidations)."
  value       = module.cloudfront.distribution_id
}

# --- Data ---------------------------------------------------------------------------------

output "rds_endpoint" {
  description = "PostgreSQL endpoint, host:port."
  value       = module.rds.endpoint
}

output "rds_master_username" {
  description = "PostgreSQL master user name (its password is only in Secrets Manager)."
  value       = module.rds.username
  sensitive   = true
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint address (TLS and AUTH required)."
  value       = module.elasticache.primary_endpoint_address
}

output "redis_reader_endpoint" {
  description = "Redis reader endpoint address."
  value       = module.elasticache.reader_endpoint_address
}

output "bucket_names" {
  description = "S3 bucket names: videos, uploads, static."
  value       = module.s3.bucket_names
}

# --- Compute ------------------------------------------------------------------------------

output "ecs_cluster_name" {
  description = "Name of the ECS cluster."
  value       = module.ecs.cluster_name
}

output "ecs_service_names" {
  description = "ECS services: app, worker, beat."
  value       = module.ecs.service_names
}

output "ecr_repository_url" {
  description = "Repository the application image is pushed to."
  value       = module.ecs.ecr_repository_url
}

# --- Secrets and monitoring -----------------------------------------------------------------

output "secret_arns" {
  description = "Secrets Manager ARNs: database, redis, secret_key, jwt_secret, stripe, smtp."
  value       = module.secrets.secret_arns
}

output "database_secret_arn" {
  description = "ARN of the database master credentials (rotated)."
  value       = module.secrets.database_secret_arn
}

output "alerts_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = module.monitoring.sns_topic_arn
}

output "dashboard_names" {
  description = "CloudWatch dashboards: infrastructure, application, database, cache."
  value       = module.monitoring.dashboard_names
}
