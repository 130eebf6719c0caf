resource "null_resource" "a" {
  triggers = {
    value = "a"
  }
}

resource "null_resource" "b" {}

variable "token" {
  type      = string
  default   = "t0k3n"
  sensitive = true
}

output "id" {
  description = "The id of a, known only after apply."
  value       = null_resource.a.id
}

output "static" {
  value = {
    list   = [1, 2, 3]
    nested = { a = "x", b = true }
  }
}

output "token" {
  value     = var.token
  sensitive = true
}

output "after_b" {
  value      = "b is done"
  depends_on = [null_resource.b]
}
