output "distribution_id" {
  description = "ID of the distribution (for cache invalidations)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "domain_name" {
  description = "The distribution's *.cloudfront.net host name."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "hosted_zone_id" {
  description = "Route 53 zone of the distribution's host name (for alias records)."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "origin_access_identity_iam_arn" {
  description = "IAM ARN of the origin access identity reading the buckets."
  value       = aws_cloudfront_origin_access_identity.this.iam_arn
}
