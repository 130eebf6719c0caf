variable "project" {
  description = "Prefix of every name."
  type        = string
  default     = "social"
}

variable "environment" {
  description = "One of seed 000's environments: prod, stg, dev, int or infra."
  type        = string
  default     = "prod"

  validation {
    condition     = contains(["prod", "stg", "dev", "int", "infra"], var.environment)
    error_message = "The environment must be prod, stg, dev, int or infra."
  }
}

variable "supernet" {
  description = "IPv4 range carved into one /16 per VPC: region r, VPC v gets netnum 4r + v, so no two VPCs overlap and any pair can be peered."
  type        = string
  default     = "10.0.0.0/8"
}
