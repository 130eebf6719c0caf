resource "aws_cloudfront_origin_access_control" "assets" {
  name                              = "assets"
  description                       = "assets bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}
