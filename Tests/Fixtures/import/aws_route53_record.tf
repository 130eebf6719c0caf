resource "aws_route53_zone" "app" {
  name = "app.test"
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.app.zone_id
  name    = "www.app.test"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.10", "192.0.2.11"]
}
