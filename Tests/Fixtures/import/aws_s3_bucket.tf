resource "aws_s3_bucket" "assets" {
  bucket = "social-flow-assets"

  tags = {
    Name = "assets"
  }
}
