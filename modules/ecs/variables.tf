variable "name" {
  description = "Name prefix of every object, e.g. \"social-flow-dev\" (at most 24 characters: load balancer names are limited to 32)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,22}[a-z0-9]$", var.name))
    error_message = "The name must be 2-24 lowercase letters, digits and hyphens, starting with a letter."
  }
}

# --- Network --------------------------------------------------------------------------

variable "vpc_id" {
  description = "VPC of the target group."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets of the load balancer (one per availability zone)."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets of the ECS tasks."
  type        = list(string)
}

variable "alb_security_group_id" {
  description = "Security group of the load balancer."
  type        = string
}

variable "app_security_group_id" {
  description = "Security group of every ECS task."
  type        = string
}

variable "domain_name" {
  description = "Domain of the environment's hosted zone; the API is served at api.<domain_name>."
  type        = string
}

variable "zone_id" {
  description = "Route 53 hosted zone of domain_name: certificate validation and the api record go there."
  type        = string
}

# --- Image and runtime ----------------------------------------------------------------

variable "container_image" {
  description = "Image of every container. Empty: this module's ECR repository at image_tag."
  type        = string
  default     = ""
}

variable "image_tag" {
  description = "Tag of the ECR image when container_image is empty."
  type        = string
  default     = "latest"
}

variable "cpu_architecture" {
  description = "Fargate CPU architecture of the tasks: X86_64 or ARM64 (the image must match)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "The cpu_architecture must be X86_64 or ARM64."
  }
}

variable "app_port" {
  description = "Port the application container listens on."
  type        = number
  default     = 8000
}

variable "health_check_path" {
  description = "HTTP path answering 200 when the application is healthy."
  type        = string
  default     = "/health"
}

variable "environment_variables" {
  description = "Plain environment variables of every container."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables read from Secrets Manager at start-up: name => secret ARN, optionally followed by \":json-key::\"."
  type        = map(string)
  default     = {}
}

variable "secret_arns" {
  description = "Secrets the tasks may read (the ARNs behind var.secrets)."
  type        = list(string)

  validation {
    condition     = length(var.secret_arns) > 0
    error_message = "Give at least one secret ARN: the execution role's policy cannot be empty."
  }
}

variable "secrets_kms_key_arn" {
  description = "KMS key encrypting those secrets."
  type        = string
}

variable "bucket_arns" {
  description = "S3 buckets the application reads and writes."
  type        = list(string)

  validation {
    condition     = length(var.bucket_arns) > 0
    error_message = "Give at least one bucket ARN: the task role's policy cannot be empty."
  }
}

# --- Sizes ------------------------------------------------------------------------------

variable "app_cpu" {
  description = "CPU units of an application task (1024 = 1 vCPU)."
  type        = number

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.app_cpu)
    error_message = "The app_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "app_memory" {
  description = "Memory of an application task in MiB (within Fargate's range for app_cpu)."
  type        = number
}

variable "app_desired_count" {
  description = "Application tasks at creation. With autoscaling, Application Auto Scaling owns the count afterwards."
  type        = number
  default     = 1
}

variable "worker_cpu" {
  description = "CPU units of a Celery worker task."
  type        = number

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.worker_cpu)
    error_message = "The worker_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "worker_memory" {
  description = "Memory of a Celery worker task in MiB."
  type        = number
}

variable "worker_desired_count" {
  description = "Number of Celery worker tasks."
  type        = number
  default     = 1
}

variable "beat_cpu" {
  description = "CPU units of the Celery beat task (there is always exactly one)."
  type        = number
  default     = 256

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.beat_cpu)
    error_message = "The beat_cpu must be a Fargate CPU size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "beat_memory" {
  description = "Memory of the Celery beat task in MiB."
  type        = number
  default     = 512
}

variable "worker_command" {
  description = "Command of the Celery worker containers."
  type        = list(string)
  default     = ["celery", "-A", "app.worker", "worker", "--loglevel=INFO"]
}

variable "beat_command" {
  description = "Command of the Celery beat container."
  type        = list(string)
  default     = ["celery", "-A", "app.worker", "beat", "--loglevel=INFO"]
}

# --- Autoscaling --------------------------------------------------------------------------

variable "autoscaling_enabled" {
  description = "Scale the application service between autoscaling_min_capacity and autoscaling_max_capacity."
  type        = bool
  default     = false
}

variable "autoscaling_min_capacity" {
  description = "Fewest application tasks when autoscaling."
  type        = number
  default     = 1
}

variable "autoscaling_max_capacity" {
  description = "Most application tasks when autoscaling."
  type        = number
  default     = 1
}

variable "autoscaling_cpu_target" {
  description = "Average CPU utilisation (%) the application service is scaled to."
  type        = number
  default     = 70
}

variable "autoscaling_memory_target" {
  description = "Average memory utilisation (%) the application service is scaled to."
  type        = number
  default     = 75
}

variable "autoscaling_requests_per_target" {
  description = "Load balancer requests per task and minute the application service is scaled to."
  type        = number
  default     = 1000
}

variable "scale_out_cooldown" {
  description = "Seconds after a scale-out before the next one."
  type        = number
  default     = 60
}

variable "scale_in_cooldown" {
  description = "Seconds after a scale-in before the next one."
  type        = number
  default     = 300
}

# --- Load balancer --------------------------------------------------------------------------

variable "health_check_interval" {
  description = "Seconds between target health checks."
  type        = number
  default     = 30
}

variable "deregistration_delay" {
  description = "Seconds the load balancer lets in-flight requests finish on a deregistering task (connection draining)."
  type        = number
  default     = 300
}

variable "stickiness_duration" {
  description = "Seconds a client sticks to the same task (load balancer cookie)."
  type        = number
  default     = 86400
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

# --- Housekeeping ---------------------------------------------------------------------------

variable "log_retention_days" {
  description = "Days CloudWatch keeps container and load balancer logs."
  type        = number
  default     = 30
}

variable "force_delete" {
  description = "Let destroy delete the ECR repository while it still holds images (dev, staging)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags for every object."
  type        = map(string)
  default     = {}
}
