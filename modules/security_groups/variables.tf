variable "name" {
  description = "Name prefix of every object, e.g. \"social-flow-dev\"."
  type        = string
}

variable "vpc_id" {
  description = "VPC the security groups belong to."
  type        = string
}

variable "app_port" {
  description = "Port the application containers listen on."
  type        = number
  default     = 8000
}

variable "db_port" {
  description = "PostgreSQL port."
  type        = number
  default     = 5432
}

variable "redis_port" {
  description = "Redis port."
  type        = number
  default     = 6379
}

variable "alb_ingress_cidrs" {
  description = "IPv4 ranges allowed to reach the load balancer on 80 and 443."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for c in var.alb_ingress_cidrs : can(cidrnetmask(c))])
    error_message = "Every alb_ingress_cidrs entry must be an IPv4 CIDR block such as \"0.0.0.0/0\"."
  }
}

variable "tags" {
  description = "Extra tags for every object."
  type        = map(string)
  default     = {}
}
