# Database layer: PostgreSQL on RDS in the private subnets — gp3 storage with
# autoscaling, encrypted with a customer managed KMS key, Performance Insights,
# Enhanced Monitoring, a tuned parameter group and logs exported to CloudWatch.

locals {
  identifier = "${var.name}-postgres"
  family     = "postgres${split(".", var.engine_version)[0]}"

  # "Optimised" here means: every statement is visible to pg_stat_statements, slow
  # ones reach the log, and idle transactions cannot hold locks for ever.
  parameters = {
    "shared_preload_libraries"            = { value = "pg_stat_statements", apply_method = "pending-reboot" }
    "pg_stat_statements.track"            = { value = "all", apply_method = "immediate" }
    "pg_stat_statements.max"              = { value = "10000", apply_method = "pending-reboot" }
    "log_min_duration_statement"          = { value = tostring(var.slow_query_threshold_ms), apply_method = "immediate" }
    "log_lock_waits"                      = { value = "1", apply_method = "immediate" }
    "log_temp_files"                      = { value = "10240", apply_method = "immediate" }
    "idle_in_transaction_session_timeout" = { value = "300000", apply_method = "immediate" }
    "work_mem"                            = { value = "16384", apply_method = "immediate" }
    "maintenance_work_mem"                = { value = "131072", apply_method = "immediate" }
    "random_page_cost"                    = { value = "1.1", apply_method = "immediate" }
    "rds.force_ssl"                       = { value = "1", apply_method = "pending-reboot" }
  }

  log_exports = ["postgresql", "upgrade"]
}

# --- Encryption ------------------------------------------------------------------

resource "aws_kms_key" "this" {
  description             = "${local.identifier}: storage, snapshots and Performance Insights"
  deletion_window_in_days = var.kms_deletion_window_days
  enable_key_rotation     = true

  tags = merge(var.tags, { Name = local.identifier })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${local.identifier}"
  target_key_id = aws_kms_key.this.key_id
}

# --- Master password ------------------------------------------------------------

# RDS refuses "/", "@", "\"" and spaces in master passwords.
resource "random_password" "master" {
  length           = 32
  special          = true
  override_special = "!#$%^&*()-_=+[]{}<>:?"
}

# --- Network and parameters -------------------------------------------------------

resource "aws_db_subnet_group" "this" {
  name        = local.identifier
  description = "Private subnets of ${local.identifier}"
  subnet_ids  = var.subnet_ids

  tags = merge(var.tags, { Name = local.identifier })
}

resource "aws_db_parameter_group" "this" {
  name        = "${local.identifier}-${local.family}"
  family      = local.family
  description = "pg_stat_statements and slow query logging for ${local.identifier}"

  dynamic "parameter" {
    for_each = local.parameters

    content {
      name         = parameter.key
      value        = parameter.value.value
      apply_method = parameter.value.apply_method
    }
  }

  tags = merge(var.tags, { Name = "${local.identifier}-${local.family}" })

  # A new major version brings a new family, hence a new group; the instance must
  # move to it before the old one can be deleted.
  lifecycle {
    create_before_destroy = true
  }
}

# --- Logs --------------------------------------------------------------------------

# Created before the instance so that RDS exports into groups with a retention
# period instead of creating never-expiring ones itself.
resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(local.log_exports)

  name              = "/aws/rds/instance/${local.identifier}/${each.key}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

# --- Enhanced Monitoring --------------------------------------------------------------

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  count = var.monitoring_interval > 0 ? 1 : 0

  name               = "${local.identifier}-monitoring"
  description        = "Enhanced Monitoring of ${local.identifier}"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  count = var.monitoring_interval > 0 ? 1 : 0

  role       = aws_iam_role.monitoring[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

# --- The instance ------------------------------------------------------------------

resource "aws_db_instance" "this" {
  identifier     = local.identifier
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = aws_kms_key.this.arn

  db_name  = var.db_name
  username = var.username
  password = random_password.master.result
  port     = var.port

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = var.security_group_ids
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false

  backup_retention_period    = var.backup_retention_period
  backup_window              = var.backup_window
  maintenance_window         = var.maintenance_window
  auto_minor_version_upgrade = var.auto_minor_version_upgrade
  copy_tags_to_snapshot      = true
  delete_automated_backups   = true
  apply_immediately          = var.apply_immediately

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = var.skip_final_snapshot ? null : "${local.identifier}-final"

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = aws_kms_key.this.arn
  performance_insights_retention_period = var.performance_insights_retention_period

  monitoring_interval = var.monitoring_interval
  monitoring_role_arn = var.monitoring_interval > 0 ? aws_iam_role.monitoring[0].arn : null

  enabled_cloudwatch_logs_exports = local.log_exports

  tags = merge(var.tags, { Name = local.identifier })

  depends_on = [
    aws_cloudwatch_log_group.this,
    aws_iam_role_policy_attachment.monitoring,
  ]
}
