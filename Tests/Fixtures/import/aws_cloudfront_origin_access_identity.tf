resource "aws_cloudfront_origin_access_identity" "site" {
  comment = "site"
}
