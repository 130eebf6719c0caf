resource "aws_s3_bucket" "assets" {
  bucket = "social-flow-assets"
}

resource "aws_s3_bucket_cors_configuration" "assets" {
  bucket = aws_s3_bucket.assets.id

  cors_rule {
    allowed_methods = ["GET", "HEAD"]
    allowed_origins = ["https://example.org"]
    max_age_seconds = 3000
  }
}
