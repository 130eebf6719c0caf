# Secrets Manager: every credential the application needs, encrypted with this
# module's KMS key and read by the ECS tasks at start-up (never baked into task
# definitions or images).
#
#   <path>/database/master       PostgreSQL master credentials, rotated every 30 days
#   <path>/redis/auth-token      Redis AUTH token and endpoint
#   <path>/app/secret-key        SECRET_KEY, generated here
#   <path>/app/jwt-secret        JWT_SECRET, generated here
#   <path>/third-party/stripe    Stripe keys   } created with placeholders; operators put the
#   <path>/third-party/smtp      SMTP account  } real values in, and Terraform leaves them alone

locals {
  generated = {
    "secret-key" = "Django/FastAPI SECRET_KEY"
    "jwt-secret" = "Key signing the JSON Web Tokens"
  }

  third_party = {
    stripe = {
      description = "Stripe API keys"
      placeholder = { secret_key = "sk_live_CHANGE_ME", publishable_key = "pk_live_CHANGE_ME", webhook_secret = "whsec_CHANGE_ME" }
    }
    smtp = {
      description = "SMTP account sending e-mail"
      placeholder = { host = "smtp.example.com", port = "587", username = "CHANGE_ME", password = "CHANGE_ME" }
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "${var.name}: Secrets Manager secrets"
  deletion_window_in_days = var.kms_deletion_window_days
  enable_key_rotation     = true

  tags = merge(var.tags, { Name = "${var.name}-secrets" })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}-secrets"
  target_key_id = aws_kms_key.this.key_id
}

# --- Database master credentials ---------------------------------------------------

resource "aws_secretsmanager_secret" "database" {
  name                    = "${var.secret_path}/database/master"
  description             = "Master credentials of ${var.db_instance_id}"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_in_days

  tags = var.tags
}

# The JSON shape AWS's rotation functions expect.
resource "aws_secretsmanager_secret_version" "database" {
  secret_id = aws_secretsmanager_secret.database.id
  secret_string = jsonencode({
    engine               = "postgres"
    host                 = var.db_host
    port                 = var.db_port
    dbname               = var.db_name
    username             = var.db_username
    password             = var.db_password
    dbInstanceIdentifier = var.db_instance_id
  })

  # After the first rotation the password in the secret is newer than the one in
  # the configuration: rotation owns the value from then on.
  lifecycle {
    ignore_changes = [secret_string]
  }
}

resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = aws_secretsmanager_secret.database.id
  rotation_lambda_arn = var.rotation_lambda_arn

  rotation_rules {
    automatically_after_days = var.db_rotation_days
  }

  # Rotation starts from the current value, so there must be one.
  depends_on = [aws_secretsmanager_secret_version.database]
}

# --- Redis AUTH token ----------------------------------------------------------------

resource "aws_secretsmanager_secret" "redis" {
  name                    = "${var.secret_path}/redis/auth-token"
  description             = "AUTH token of the Redis replication group"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_in_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "redis" {
  secret_id = aws_secretsmanager_secret.redis.id
  secret_string = jsonencode({
    host       = var.redis_host
    port       = var.redis_port
    auth_token = var.redis_auth_token
  })
}

# --- Application secrets generated here --------------------------------------------

resource "random_password" "generated" {
  for_each = local.generated

  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "generated" {
  for_each = local.generated

  name                    = "${var.secret_path}/app/${each.key}"
  description             = each.value
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_in_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "generated" {
  for_each = local.generated

  secret_id     = aws_secretsmanager_secret.generated[each.key].id
  secret_string = random_password.generated[each.key].result
}

# --- Third-party credentials -----------------------------------------------------------

resource "aws_secretsmanager_secret" "third_party" {
  for_each = local.third_party

  name                    = "${var.secret_path}/third-party/${each.key}"
  description             = each.value.description
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.recovery_window_in_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "third_party" {
  for_each = local.third_party

  secret_id     = aws_secretsmanager_secret.third_party[each.key].id
  secret_string = jsonencode(each.value.placeholder)

  # The real keys are entered outside Terraform (console or CLI) and must survive
  # the next apply.
  lifecycle {
    ignore_changes = [secret_string]
  }
}
