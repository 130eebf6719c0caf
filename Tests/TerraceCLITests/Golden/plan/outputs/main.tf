resource "null_resource" "a" {}

output "changing" {
  value = "two"
}

output "new" {
  value = [1, 2]
}
