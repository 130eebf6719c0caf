resource "aws_secretsmanager_secret" "db" {
  name        = "app/db-password"
  description = "the database password"
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = "s3cret-one"
}
