resource "aws_db_parameter_group" "pg15" {
  name   = "app-pg15"
  family = "postgres15"

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }
}
