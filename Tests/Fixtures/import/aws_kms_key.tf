resource "aws_kms_key" "app" {
  description             = "application key"
  enable_key_rotation     = true
  deletion_window_in_days = 7
}
