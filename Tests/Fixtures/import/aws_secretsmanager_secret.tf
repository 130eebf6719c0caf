resource "aws_secretsmanager_secret" "db" {
  name        = "app/db-password"
  description = "the database password"
}
