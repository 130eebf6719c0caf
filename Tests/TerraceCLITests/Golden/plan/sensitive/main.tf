variable "pw" {
  default   = "secret"
  sensitive = true
}
resource "null_resource" "a" {
  triggers = { p = var.pw, q = "x" }
}
output "m" {
  value = { a = "1", b = [1, 2] }
}
