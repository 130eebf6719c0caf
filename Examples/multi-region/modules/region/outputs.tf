output "region" {
  description = "Region of this instance of the module."
  value       = local.region
}

output "availability_zones" {
  description = "The three zones used."
  value       = local.zones
}

output "vpc_ids" {
  description = "VPC IDs by name."
  value       = { for k, v in aws_vpc.this : k => v.id }
}

output "vpc_cidrs" {
  description = "VPC ranges by name."
  value       = local.vpc_cidrs
}

output "private_subnet_ids" {
  description = "Private subnet IDs by \"<vpc>-<zone letter>\"."
  value       = { for k, s in aws_subnet.private : k => s.id }
}

output "platform_public_subnet_ids" {
  description = "Public subnets of the platform VPC, by zone letter."
  value       = { for k, s in aws_subnet.public : k => s.id }
}

output "backup_bucket" {
  description = "Name of the region's backup bucket."
  value       = aws_s3_bucket.backups.bucket
}
