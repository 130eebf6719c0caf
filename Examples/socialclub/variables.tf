variable "environment" {
  description = "staging or production; locals.tf holds the sizes of each."
  type        = string
  default     = "staging"

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "The environment must be staging or production."
  }
}

variable "aws_region" {
  description = "Region of the stack (the CloudFront certificate is always in us-east-1)."
  type        = string
  default     = "us-east-1"
}

variable "domain_name" {
  description = "Domain of the Route 53 zone."
  type        = string
  default     = "socialclub.example.com"
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose Actions workflows may deploy."
  type        = string
  default     = "socialclub/client-web"
}

variable "rds_rotation_lambda_arn" {
  description = "Lambda rotating the database password (AWS's SecretsManagerRDSPostgreSQLRotationSingleUser). The default is a well-formed placeholder for the simulated cloud."
  type        = string
  default     = "arn:aws:lambda:us-east-1:123456789012:function:socialclub-rds-rotation-placeholder"
}

variable "key_rotation_lambda_arn" {
  description = "Lambda rotating the application keys (a generic rotation function). The default is a well-formed placeholder for the simulated cloud."
  type        = string
  default     = "arn:aws:lambda:us-east-1:123456789012:function:socialclub-key-rotation-placeholder"
}

variable "alert_email" {
  description = "Address receiving the alarms (empty: none)."
  type        = string
  default     = ""
}
