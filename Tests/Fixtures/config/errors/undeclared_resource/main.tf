resource "null_resource" "web" {}

output "a" {
  value = null_resource.wbe.id
}

output "b" {
  value = null_resource.other.id
}
