output "kms_key_arn" {
  description = "KMS key encrypting the secrets; readers need kms:Decrypt on it."
  value       = aws_kms_key.this.arn
}

output "database_secret_arn" {
  description = "ARN of the database master credentials (JSON: engine, host, port, dbname, username, password)."
  value       = aws_secretsmanager_secret.database.arn
}

output "redis_secret_arn" {
  description = "ARN of the Redis secret (JSON: host, port, auth_token)."
  value       = aws_secretsmanager_secret.redis.arn
}

output "secret_key_arn" {
  description = "ARN of SECRET_KEY."
  value       = aws_secretsmanager_secret.generated["secret-key"].arn
}

output "jwt_secret_arn" {
  description = "ARN of JWT_SECRET."
  value       = aws_secretsmanager_secret.generated["jwt-secret"].arn
}

output "stripe_secret_arn" {
  description = "ARN of the Stripe keys (JSON: secret_key, publishable_key, webhook_secret)."
  value       = aws_secretsmanager_secret.third_party["stripe"].arn
}

output "smtp_secret_arn" {
  description = "ARN of the SMTP account (JSON: host, port, username, password)."
  value       = aws_secretsmanager_secret.third_party["smtp"].arn
}

output "secret_arns" {
  description = "Every secret ARN by name."
  value = {
    database   = aws_secretsmanager_secret.database.arn
    redis      = aws_secretsmanager_secret.redis.arn
    secret_key = aws_secretsmanager_secret.generated["secret-key"].arn
    jwt_secret = aws_secretsmanager_secret.generated["jwt-secret"].arn
    stripe     = aws_secretsmanager_secret.third_party["stripe"].arn
    smtp       = aws_secretsmanager_secret.third_party["smtp"].arn
  }
}

output "secret_names" {
  description = "Every secret name by name."
  value = {
    database   = aws_secretsmanager_secret.database.name
    redis      = aws_secretsmanager_secret.redis.name
    secret_key = aws_secretsmanager_secret.generated["secret-key"].name
    jwt_secret = aws_secretsmanager_secret.generated["jwt-secret"].name
    stripe     = aws_secretsmanager_secret.third_party["stripe"].name
    smtp       = aws_secretsmanager_secret.third_party["smtp"].name
  }
}
