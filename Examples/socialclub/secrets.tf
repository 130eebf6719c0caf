# Seed 003's 16 secrets under socialclub/<environment>/, all encrypted with the
# master key. Three kinds:
#   derived   computed from the stack (URLs, ARNs) and kept up to date by Terraform
#   rotated   generated here, then rotated by a Lambda function (database password
#             every 30 days, application keys every 90)
#   external  integration tokens typed in by an operator; Terraform only creates
#             them with a placeholder and never overwrites them

locals {
  secrets = {
    "aws/role-arn"                      = { kind = "derived", rotation_days = 0, description = "Role GitHub Actions deploys with" }
    "aws/ecr-registry"                  = { kind = "derived", rotation_days = 0, description = "ECR repository of the backend image" }
    "database/database-url"             = { kind = "derived", rotation_days = 0, description = "PostgreSQL connection URL of the backend" }
    "database/redis-url"                = { kind = "derived", rotation_days = 0, description = "Redis connection URL (TLS, AUTH)" }
    "database/master-password"          = { kind = "rotated", rotation_days = 30, description = "PostgreSQL master credentials" }
    "api/vite-api-url"                  = { kind = "derived", rotation_days = 0, description = "API URL baked into the frontend build" }
    "api/backend-url"                   = { kind = "derived", rotation_days = 0, description = "Public URL of the backend" }
    "auth/jwt-secret"                   = { kind = "rotated", rotation_days = 90, description = "Key signing access tokens" }
    "auth/jwt-refresh-secret"           = { kind = "rotated", rotation_days = 90, description = "Key signing refresh tokens" }
    "auth/session-secret"               = { kind = "rotated", rotation_days = 90, description = "Key signing session cookies" }
    "integration/stripe-key"            = { kind = "external", rotation_days = 0, description = "Stripe secret API key" }
    "integration/stripe-webhook-secret" = { kind = "external", rotation_days = 0, description = "Stripe webhook signing secret" }
    "integration/twilio-key"            = { kind = "external", rotation_days = 0, description = "Twilio API key" }
    "integration/sendgrid-key"          = { kind = "external", rotation_days = 0, description = "SendGrid API key" }
    "integration/google-maps-key"       = { kind = "external", rotation_days = 0, description = "Google Maps API key" }
    "monitoring/sentry-dsn"             = { kind = "external", rotation_days = 0, description = "Sentry DSN of socialclub-backend" }
  }

  derived_values = {
    "aws/role-arn"          = aws_iam_role.github_actions.arn
    "aws/ecr-registry"      = aws_ecr_repository.backend.repository_url
    "database/database-url" = "postgresql://${aws_db_instance.main.username}:${urlencode(random_password.db.result)}@${aws_db_instance.main.address}:${aws_db_instance.main.port}/${aws_db_instance.main.db_name}?sslmode=require"
    "database/redis-url"    = "rediss://:${urlencode(random_password.redis.result)}@${aws_elasticache_replication_group.main.primary_endpoint_address}:6379"
    "api/vite-api-url"      = "https://${local.api_host}/api"
    "api/backend-url"       = "https://${local.api_host}"
  }

  initial_values = {
    "database/master-password" = jsonencode({
      engine   = "postgres"
      host     = aws_db_instance.main.address
      port     = aws_db_instance.main.port
      dbname   = aws_db_instance.main.db_name
      username = aws_db_instance.main.username
      password = random_password.db.result
    })
    "auth/jwt-secret"                   = random_password.app_key["auth/jwt-secret"].result
    "auth/jwt-refresh-secret"           = random_password.app_key["auth/jwt-refresh-secret"].result
    "auth/session-secret"               = random_password.app_key["auth/session-secret"].result
    "integration/stripe-key"            = "CHANGE_ME"
    "integration/stripe-webhook-secret" = "CHANGE_ME"
    "integration/twilio-key"            = "CHANGE_ME"
    "integration/sendgrid-key"          = "CHANGE_ME"
    "integration/google-maps-key"       = "CHANGE_ME"
    "monitoring/sentry-dsn"             = "CHANGE_ME"
  }
}

resource "random_password" "app_key" {
  for_each = toset(["auth/jwt-secret", "auth/jwt-refresh-secret", "auth/session-secret"])

  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "this" {
  for_each = local.secrets

  name                    = "socialclub/${var.environment}/${each.key}"
  description             = each.value.description
  kms_key_id              = aws_kms_key.master.arn
  recovery_window_in_days = local.production ? 30 : 0

  tags = { Kind = each.value.kind }
}

resource "aws_secretsmanager_secret_version" "derived" {
  for_each = { for k, s in local.secrets : k => s if s.kind == "derived" }

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = local.derived_values[each.key]
}

resource "aws_secretsmanager_secret_version" "initial" {
  for_each = { for k, s in local.secrets : k => s if s.kind != "derived" }

  secret_id     = aws_secretsmanager_secret.this[each.key].id
  secret_string = local.initial_values[each.key]

  # Rotation or an operator owns the value after the first apply.
  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_secretsmanager_secret_rotation" "this" {
  for_each = { for k, s in local.secrets : k => s if s.rotation_days > 0 }

  secret_id           = aws_secretsmanager_secret.this[each.key].id
  rotation_lambda_arn = split("/", each.key)[0] == "database" ? var.rds_rotation_lambda_arn : var.key_rotation_lambda_arn

  rotation_rules {
    automatically_after_days = each.value.rotation_days
  }

  depends_on = [aws_secretsmanager_secret_version.initial]
}
