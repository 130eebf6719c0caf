variable "name" {
  type        = string
  description = "Name of the application."
}

variable "replicas" {
  type    = number
  default = 1

  validation {
    condition     = var.replicas > 0 && var.replicas <= 10
    error_message = "Replicas must be between 1 and 10."
  }
}

variable "enabled" {
  type    = bool
  default = true
}

variable "zones" {
  type = list(string)
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "settings" {
  type = object({
    tier   = string
    backup = bool
  })
}

variable "password" {
  type      = string
  sensitive = true
  default   = "s3cr3t"
}

variable "anything" {
  default = null
}
