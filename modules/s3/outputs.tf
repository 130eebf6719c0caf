# Read through the public access blocks, so that whatever uses the names (bucket
# policies in particular) waits until the buckets are locked down.
output "bucket_names" {
  description = "Bucket names by purpose: videos, uploads, static."
  value       = { for k, b in aws_s3_bucket_public_access_block.this : k => b.bucket }
}

output "bucket_arns" {
  description = "Bucket ARNs by purpose."
  value       = { for k, b in aws_s3_bucket.this : k => b.arn }
}

output "bucket_regional_domain_names" {
  description = "Regional domain names by purpose, the CloudFront origin addresses."
  value       = { for k, b in aws_s3_bucket.this : k => b.bucket_regional_domain_name }
}

output "videos_bucket_name" {
  description = "Name of the videos bucket."
  value       = aws_s3_bucket.this["videos"].bucket
}

output "uploads_bucket_name" {
  description = "Name of the uploads bucket."
  value       = aws_s3_bucket.this["uploads"].bucket
}

output "static_bucket_name" {
  description = "Name of the static assets bucket."
  value       = aws_s3_bucket.this["static"].bucket
}
