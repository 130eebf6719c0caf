resource "aws_acm_certificate" "app" {
  domain_name               = "app.test"
  subject_alternative_names = ["www.app.test"]
  validation_method         = "DNS"
}
