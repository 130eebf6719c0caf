# PostgreSQL 15 in the data subnets: 100 GiB gp3 growing to 1000 GiB (gp3 gives 3000
# IOPS as its baseline below 400 GiB, so no iops argument), KMS encryption, Multi-AZ,
# 30 days of backups, password from Secrets Manager.

resource "random_password" "db" {
  length           = 32
  override_special = "!#$%^&*()-_=+[]{}<>:?"
}

resource "aws_db_subnet_group" "main" {
  name       = "${local.name}-data"
  subnet_ids = [for s in aws_subnet.data : s.id]

  tags = { Name = "${local.name}-data" }
}

resource "aws_db_parameter_group" "main" {
  name   = "${local.name}-postgres15"
  family = "postgres15"

  parameter {
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "pending-reboot"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_db_instance" "main" {
  identifier     = "${local.name}-postgres"
  engine         = "postgres"
  engine_version = "15.4"
  instance_class = local.env.db_instance_class

  allocated_storage     = 100
  max_allocated_storage = 1000
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.master.arn

  db_name  = "socialclub"
  username = "socialclub"
  password = random_password.db.result

  multi_az               = true
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.rds.id]
  parameter_group_name   = aws_db_parameter_group.main.name

  backup_retention_period = 30
  backup_window           = "03:00-04:00"
  maintenance_window      = "sun:04:30-sun:05:30"
  copy_tags_to_snapshot   = true

  enabled_cloudwatch_logs_exports = ["postgresql"]

  deletion_protection       = local.env.deletion_protection
  skip_final_snapshot       = !local.production
  final_snapshot_identifier = local.production ? "${local.name}-postgres-final" : null

  tags = { Name = "${local.name}-postgres" }

  depends_on = [aws_cloudwatch_log_group.this]
}
