variable "replicas" {
  type = number

  validation {
    condition     = var.replicas <= 5
    error_message = "At most five replicas are supported."
  }
}

variable "required" {
  type = string
}

variable "zones" {
  type = list(string)
}
