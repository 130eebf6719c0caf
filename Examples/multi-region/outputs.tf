output "vpc_ids" {
  description = "VPC IDs by region and VPC name."
  value       = { for region, m in local.regions : region => m.vpc_ids }
}

output "vpc_cidrs" {
  description = "VPC ranges by region and VPC name (no two overlap)."
  value       = { for region, m in local.regions : region => m.vpc_cidrs }
}

output "availability_zones" {
  description = "The three availability zones used in each region."
  value       = { for region, m in local.regions : region => m.availability_zones }
}

output "platform_public_subnet_ids" {
  description = "Public subnets of each region's platform VPC."
  value       = { for region, m in local.regions : region => m.platform_public_subnet_ids }
}

output "backup_buckets" {
  description = "Each region's backup bucket."
  value       = { for region, m in local.regions : region => m.backup_bucket }
}
