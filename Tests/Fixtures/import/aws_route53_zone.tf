resource "aws_route53_zone" "app" {
  name    = "app.test"
  comment = "application"
}
