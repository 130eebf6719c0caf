variable "name" {
  description = "Name prefix of every object, e.g. \"social-flow-dev\". The instance is \"<name>-postgres\"."
  type        = string

  validation {
    # RDS identifiers: 1-63 letters, digits and hyphens, starting with a letter,
    # no two hyphens in a row, not ending in a hyphen ("-postgres" is appended).
    condition     = can(regex("^[a-z][a-z0-9-]{0,53}$", var.name)) && !can(regex("--", var.name)) && !can(regex("-$", var.name))
    error_message = "The name must be lowercase letters, digits and single hyphens, start with a letter, and be at most 54 characters."
  }
}

variable "subnet_ids" {
  description = "Private subnets of the DB subnet group (at least two availability zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "A DB subnet group needs subnets in at least two availability zones."
  }
}

variable "security_group_ids" {
  description = "Security groups of the instance."
  type        = list(string)
}

variable "engine_version" {
  description = "PostgreSQL version. The parameter group family follows its major version."
  type        = string
  default     = "15.4"

  validation {
    condition     = can(regex("^1[1-9](\\.[0-9]+)?$", var.engine_version))
    error_message = "The engine_version must be a PostgreSQL version such as \"15.4\"."
  }
}

variable "instance_class" {
  description = "Instance class, e.g. db.t3.small, db.t3.medium, db.r6g.xlarge."
  type        = string

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "The instance_class must look like \"db.t3.small\"."
  }
}

variable "allocated_storage" {
  description = "Initial gp3 storage in GiB (20 to 65536)."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage >= 20 && var.allocated_storage <= 65536
    error_message = "The allocated_storage must be between 20 and 65536 GiB for gp3."
  }
}

variable "max_allocated_storage" {
  description = "Upper limit of storage autoscaling in GiB; must be above allocated_storage."
  type        = number
  default     = 100
}

variable "multi_az" {
  description = "Keep a synchronous standby in a second availability zone."
  type        = bool
  default     = false
}

variable "backup_retention_period" {
  description = "Days automated backups are kept (1 to 35)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_period >= 1 && var.backup_retention_period <= 35
    error_message = "The backup_retention_period must be between 1 and 35 days."
  }
}

variable "backup_window" {
  description = "Daily UTC window of automated backups; must not overlap the maintenance window."
  type        = string
  default     = "03:00-04:00"
}

variable "maintenance_window" {
  description = "Weekly UTC window of maintenance and minor version upgrades."
  type        = string
  default     = "sun:04:30-sun:05:30"
}

variable "auto_minor_version_upgrade" {
  description = "Let AWS apply minor versions in the maintenance window. Raise engine_version afterwards, or the next plan proposes a downgrade."
  type        = bool
  default     = true
}

variable "deletion_protection" {
  description = "Make AWS refuse to delete the instance (prod)."
  type        = bool
  default     = false
}

variable "skip_final_snapshot" {
  description = "Delete without a final snapshot. When false, destroy leaves the snapshot \"<name>-postgres-final\" behind."
  type        = bool
  default     = false
}

variable "apply_immediately" {
  description = "Apply modifications now instead of in the next maintenance window."
  type        = bool
  default     = false
}

variable "db_name" {
  description = "Name of the database created on the instance."
  type        = string
  default     = "socialflow"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.db_name))
    error_message = "The db_name must start with a letter and contain only letters, digits and underscores (at most 63)."
  }
}

variable "username" {
  description = "Master user name. Its password is generated and handed to the secrets module."
  type        = string
  default     = "socialflow_admin"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", var.username)) && !contains(["postgres", "rdsadmin", "admin"], lower(var.username))
    error_message = "The username must start with a letter, contain only letters, digits and underscores, and not be a reserved name."
  }
}

variable "port" {
  description = "PostgreSQL port."
  type        = number
  default     = 5432
}

variable "slow_query_threshold_ms" {
  description = "Statements slower than this are logged (log_min_duration_statement)."
  type        = number
  default     = 1000
}

variable "performance_insights_retention_period" {
  description = "Days of Performance Insights history: 7 (free) or a multiple of 31 up to 731."
  type        = number
  default     = 7
}

variable "monitoring_interval" {
  description = "Enhanced Monitoring interval in seconds (0 turns it off)."
  type        = number
  default     = 60

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "The monitoring_interval must be one of 0, 1, 5, 10, 15, 30 or 60."
  }
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the exported postgresql and upgrade logs."
  type        = number
  default     = 30
}

variable "kms_deletion_window_days" {
  description = "Waiting period before the storage key is deleted after destroy (7 to 30)."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Extra tags for every object."
  type        = map(string)
  default     = {}
}
