variable "prefix" {
  type = string
}

output "label" {
  value = "${var.prefix}-shared"
}
