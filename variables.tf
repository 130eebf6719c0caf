# Inputs of the Social Flow stack. environments/<env>.tfvars sets the ones that
# differ between dev, staging and prod; the defaults are what all three share.

# --- Identity ---------------------------------------------------------------------------

variable "project" {
  description = "Project name, the first part of every object's name."
  type        = string
  default     = "social-flow"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}[a-z0-9]$", var.project))
    error_message = "The project must be 3-16 lowercase letters, digits and hyphens, starting with a letter: it prefixes names with tight length limits (load balancers: 32 characters)."
  }
}

variable "environment" {
  description = "Environment name, the second part of every object's name: dev, staging or prod."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "The environment must be dev, staging or prod."
  }
}

variable "aws_region" {
  description = "Region of every regional object."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.aws_region))
    error_message = "The aws_region must be a region name such as \"us-east-1\"."
  }
}

variable "domain_name" {
  description = "DNS domain of the environment. Its hosted zone is created here; the API answers at api.<domain_name>."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "The domain_name must be a lowercase DNS name such as \"dev.socialflow.example.com\"."
  }
}

variable "force_destroy" {
  description = "Make the environment disposable: destroy empties buckets and the image repository, deletes secrets at once and skips the database's final snapshot (dev, staging). Keep false for prod."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags for every object, beside Project, Environment and ManagedBy."
  type        = map(string)
  default     = {}
}

# --- Network ----------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "IPv4 range of the VPC."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr))
    error_message = "The vpc_cidr must be an IPv4 CIDR block such as \"10.0.0.0/16\"."
  }
}

variable "az_count" {
  description = "Availability zones used: one public and one private subnet in each."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "The az_count must be 2 or 3: the load balancer and the database need two zones, and the seed regions have three."
  }
}

variable "single_nat_gateway" {
  description = "Share one NAT gateway between all zones (dev) instead of one per zone."
  type        = bool
  default     = false
}

# --- Database ---------------------------------------------------------------------------

variable "db_engine_version" {
  description = "PostgreSQL version."
  type        = string
  default     = "15.4"
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "db_allocated_storage" {
  description = "Initial gp3 storage in GiB."
  type        = number
  default     = 20
}

variable "db_max_allocated_storage" {
  description = "Upper limit of storage autoscaling in GiB."
  type        = number
  default     = 100
}

variable "db_multi_az" {
  description = "Keep a standby in a second zone."
  type        = bool
  default     = false
}

variable "db_backup_retention_days" {
  description = "Days automated backups are kept."
  type        = number
  default     = 7
}

variable "db_deletion_protection" {
  description = "Make AWS refuse to delete the database."
  type        = bool
  default     = false
}

variable "db_apply_immediately" {
  description = "Apply database and cache modifications at once instead of in the maintenance window."
  type        = bool
  default     = false
}

variable "db_connections_alarm_threshold" {
  description = "Open connections above which the database alarms (about 80 % of the instance class's max_connections)."
  type        = number
}

# --- Cache ------------------------------------------------------------------------------

variable "redis_engine_version" {
  description = "Redis version."
  type        = string
  default     = "7.0"
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "redis_num_cache_clusters" {
  description = "Redis nodes: one primary plus replicas. Two or more turn on automatic failover and Multi-AZ."
  type        = number
  default     = 1
}

variable "redis_snapshot_retention_days" {
  description = "Days of automatic Redis snapshots."
  type        = number
  default     = 5
}

# --- Containers ---------------------------------------------------------------------------

variable "app_image_tag" {
  description = "Tag of the application image in the environment's ECR repository."
  type        = string
  default     = "latest"
}

variable "app_cpu" {
  description = "CPU units of an application task (1024 = 1 vCPU)."
  type        = number
}

variable "app_memory" {
  description = "Memory of an application task in MiB."
  type        = number
}

variable "app_desired_count" {
  description = "Application tasks."
  type        = number
}

variable "app_autoscaling_enabled" {
  description = "Scale the application between app_min_count and app_max_count on CPU, memory and requests per task."
  type        = bool
  default     = false
}

variable "app_min_count" {
  description = "Fewest application tasks when autoscaling."
  type        = number
  default     = 1
}

variable "app_max_count" {
  description = "Most application tasks when autoscaling."
  type        = number
  default     = 1
}

variable "worker_cpu" {
  description = "CPU units of a Celery worker task."
  type        = number
}

variable "worker_memory" {
  description = "Memory of a Celery worker task in MiB."
  type        = number
}

variable "worker_desired_count" {
  description = "Celery worker tasks."
  type        = number
}

variable "beat_cpu" {
  description = "CPU units of the Celery beat task."
  type        = number
  default     = 256
}

variable "beat_memory" {
  description = "Memory of the Celery beat task in MiB."
  type        = number
  default     = 512
}

# --- Storage and delivery -------------------------------------------------------------------

variable "s3_videos_versioning" {
  description = "Keep previous versions of videos."
  type        = bool
  default     = true
}

variable "cors_allowed_origins" {
  description = "Web origins allowed to use the videos bucket from a browser."
  type        = list(string)
  default     = ["*"]
}

variable "cloudfront_price_class" {
  description = "CloudFront price class: PriceClass_100, PriceClass_200 or PriceClass_All."
  type        = string
  default     = "PriceClass_100"
}

# --- Secrets --------------------------------------------------------------------------------

variable "rotation_lambda_arn" {
  description = "Lambda function rotating the database credentials. The default is a well-formed placeholder for the simulated cloud: deploy AWS's SecretsManagerRDSPostgreSQLRotationSingleUser function and put its ARN here for a real account."
  type        = string
  default     = "arn:aws:lambda:us-east-1:123456789012:function:social-flow-rotation-placeholder"
}

variable "db_password_rotation_days" {
  description = "Days between rotations of the database password."
  type        = number
  default     = 30
}

# --- Monitoring -------------------------------------------------------------------------------

variable "log_retention_days" {
  description = "Days CloudWatch keeps every log group of the environment."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "The log_retention_days must be a value CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "alert_email_addresses" {
  description = "Addresses receiving the alarms."
  type        = list(string)
  default     = []
}
