variable "label" {
  type = string
}

output "greeting" {
  value = "hello ${var.label}"
}
