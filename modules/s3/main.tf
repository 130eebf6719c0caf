# Storage layer: three private buckets, all encrypted with SSE-S3 (AES-256) and
# behind a full public access block.
#
#   videos   processed videos; CORS for browser playback and uploads; Glacier
#            after 90 days, deleted after 730; versioning per environment
#   uploads  raw uploads waiting to be processed; deleted after 7 days
#   static   CDN origin for static assets; versioned; read by CloudFront only
#
# The bucket policies of videos and static grant CloudFront's origin access
# identity and live in the cloudfront module; this module writes the policy of
# uploads, which nothing outside the account reads.

locals {
  buckets = {
    videos  = { versioning = var.videos_versioning_enabled, purpose = "Processed videos" }
    uploads = { versioning = false, purpose = "Raw uploads awaiting processing" }
    static  = { versioning = true, purpose = "Static assets served by CloudFront" }
  }
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket        = "${var.name}-${each.key}-${var.account_id}"
  force_destroy = var.force_destroy

  tags = merge(var.tags, {
    Name    = "${var.name}-${each.key}"
    Purpose = each.value.purpose
  })
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = aws_s3_bucket.this

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# "Disabled" is only valid for a bucket that was never versioned; S3 can suspend
# versioning but not turn it off again, so flipping a bucket back needs "Suspended".
resource "aws_s3_bucket_versioning" "this" {
  for_each = aws_s3_bucket.this

  bucket = each.value.id

  versioning_configuration {
    status = local.buckets[each.key].versioning ? "Enabled" : "Disabled"
  }
}

resource "aws_s3_bucket_cors_configuration" "videos" {
  bucket = aws_s3_bucket.this["videos"].id

  cors_rule {
    allowed_headers = ["*"]
    allowed_methods = ["GET", "HEAD", "PUT", "POST"]
    allowed_origins = var.cors_allowed_origins
    expose_headers  = ["ETag"]
    max_age_seconds = 3000
  }
}

# --- Lifecycle ---------------------------------------------------------------------

resource "aws_s3_bucket_lifecycle_configuration" "videos" {
  bucket = aws_s3_bucket.this["videos"].id

  rule {
    id     = "archive-then-expire"
    status = "Enabled"

    filter {}

    transition {
      days          = var.videos_glacier_after_days
      storage_class = "GLACIER"
    }

    expiration {
      days = var.videos_expire_after_days
    }

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expire_after_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  # The rule reads the versioning state of the bucket.
  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "uploads" {
  bucket = aws_s3_bucket.this["uploads"].id

  rule {
    id     = "expire-uploads"
    status = "Enabled"

    filter {}

    expiration {
      days = var.uploads_expire_after_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "static" {
  bucket = aws_s3_bucket.this["static"].id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expire_after_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

# --- Policy of the uploads bucket ----------------------------------------------------

data "aws_iam_policy_document" "uploads" {
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.this["uploads"].arn,
      "${aws_s3_bucket.this["uploads"].arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.this["uploads"].id
  policy = data.aws_iam_policy_document.uploads.json

  # S3 rejects policies while the public access block is being written.
  depends_on = [aws_s3_bucket_public_access_block.this]
}
