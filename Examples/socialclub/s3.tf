# Seed 003's buckets, all private: frontend (CloudFront origin), backend (user
# content), logs and assets. Names carry the environment and the account ID.

locals {
  buckets = {
    frontend = { kms = false, versioning = true }
    backend  = { kms = true, versioning = true }
    logs     = { kms = false, versioning = false }
    assets   = { kms = true, versioning = true }
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket        = "socialclub-${each.key}-${var.environment}-${local.account_id}"
  force_destroy = !local.production

  tags = { Name = "socialclub-${each.key}-${var.environment}" }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# The frontend stays on SSE-S3: CloudFront reads it without needing the KMS key.
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.buckets[each.key].kms ? "aws:kms" : "AES256"
      kms_master_key_id = local.buckets[each.key].kms ? aws_kms_key.master.arn : null
    }
    bucket_key_enabled = local.buckets[each.key].kms
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = { for k, b in local.buckets : k => b if b.versioning }

  bucket = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.this["logs"].id

  rule {
    id     = "expire-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = 90
    }
  }
}
