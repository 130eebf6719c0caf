# CloudFront's certificate: socialclub.example.com and *.socialclub.example.com,
# validated by DNS, in us-east-1 as CloudFront requires.

resource "aws_acm_certificate" "cloudfront" {
  provider = aws.us_east_1

  domain_name               = var.domain_name
  subject_alternative_names = ["*.${var.domain_name}"]
  validation_method         = "DNS"

  tags = { Name = "${local.name}-cloudfront" }

  lifecycle {
    create_before_destroy = true
  }
}

# The apex and the wildcard share one validation record, and ACM uses the same record
# for the same names in every region, so this one record validates both certificates.
resource "aws_route53_record" "certificate_validation" {
  zone_id         = aws_route53_zone.main.zone_id
  name            = tolist(aws_acm_certificate.cloudfront.domain_validation_options)[0].resource_record_name
  type            = tolist(aws_acm_certificate.cloudfront.domain_validation_options)[0].resource_record_type
  records         = [tolist(aws_acm_certificate.cloudfront.domain_validation_options)[0].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}
