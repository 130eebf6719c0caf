# socialclub.example.com: app. and cdn. → CloudFront, api. → the ALB, and in
# production the apex's MX record. Staging uses staging-app., staging-api. and
# staging-cdn.

resource "aws_route53_zone" "main" {
  name          = var.domain_name
  comment       = "SocialClub (${var.environment})"
  force_destroy = !local.production
}

resource "aws_route53_record" "cloudfront" {
  for_each = toset([local.app_host, local.cdn_host])

  zone_id = aws_route53_zone.main.zone_id
  name    = each.key
  type    = "A"

  alias {
    name                   = aws_cloudfront_distribution.frontend.domain_name
    zone_id                = aws_cloudfront_distribution.frontend.hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.main.zone_id
  name    = local.api_host
  type    = "A"

  alias {
    name                   = aws_lb.main.dns_name
    zone_id                = aws_lb.main.zone_id
    evaluate_target_health = true
  }
}

# Inbound mail through SES, production only.
resource "aws_route53_record" "mx" {
  count = local.production ? 1 : 0

  zone_id = aws_route53_zone.main.zone_id
  name    = var.domain_name
  type    = "MX"
  ttl     = 3600
  records = ["10 inbound-smtp.${var.aws_region}.amazonaws.com"]
}
