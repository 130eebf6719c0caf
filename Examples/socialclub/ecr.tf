# Seed 003's "socialclub/backend", one per environment so both can share an account.
# Tags: latest, vX.Y.Z, staging, production.

resource "aws_ecr_repository" "backend" {
  name                 = "socialclub-${var.environment}/backend"
  image_tag_mutability = "MUTABLE"
  force_delete         = !local.production

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.master.arn
  }
}
