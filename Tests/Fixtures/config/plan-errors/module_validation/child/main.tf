variable "port" {
  type = number

  validation {
    condition     = var.port < 65536
    error_message = "The port must be below 65536."
  }
}
