# Seed 003's Terraform backend: a versioned, encrypted S3 bucket for state and a
# DynamoDB table for locks. Once applied, a configuration can use them with
#
#   backend "s3" {
#     bucket         = "<state_bucket output>"
#     key            = "socialclub/terraform.tfstate"
#     region         = "us-east-1"
#     dynamodb_table = "<lock_table output>"
#     encrypt        = true
#   }

resource "aws_s3_bucket" "state" {
  bucket        = "socialclub-terraform-state-${var.environment}-${local.account_id}"
  force_destroy = !local.production

  tags = { Name = "socialclub-terraform-state-${var.environment}" }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.master.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_dynamodb_table" "locks" {
  name         = "socialclub-terraform-locks-${var.environment}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"

  attribute {
    name = "LockID"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.master.arn
  }

  point_in_time_recovery {
    enabled = true
  }
}
