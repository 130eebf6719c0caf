# Nested object types with optional(type, default) (Terraform 1.3), nullable = false, and
# defaults filled at every level of the value, whichever source it came from.

variable "service" {
  type = object({
    name     = string
    replicas = optional(number, 2)
    backup = optional(object({
      enabled = optional(bool, true)
      window  = optional(string, "02:00-03:00")
    }), {})
    ports = optional(list(object({
      port     = number
      protocol = optional(string, "tcp")
    })), [])
  })
}

variable "region" {
  type     = string
  default  = "us-east-1"
  nullable = false
}

resource "null_resource" "service" {
  triggers = {
    name     = var.service.name
    replicas = var.service.replicas
    backup   = "${var.service.backup.enabled}@${var.service.backup.window}"
    ports    = join(",", [for p in var.service.ports : "${p.port}/${p.protocol}"])
    region   = var.region
  }
}

output "service" {
  value = var.service
}
