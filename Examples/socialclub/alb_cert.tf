# The ALB's certificate: the same names, in the stack's own region.

resource "aws_acm_certificate" "alb" {
  domain_name               = var.domain_name
  subject_alternative_names = ["*.${var.domain_name}"]
  validation_method         = "DNS"

  tags = { Name = "${local.name}-alb" }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [aws_route53_record.certificate_validation]
}
