resource "aws_s3_bucket" "assets" {
  bucket = "social-flow-assets"
}

resource "aws_kms_key" "s3" {
  description = "assets bucket"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.s3.arn
    }
  }
}
