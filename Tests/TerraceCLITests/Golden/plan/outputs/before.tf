resource "null_resource" "a" {}

output "old" {
  value = "gone soon"
}

output "changing" {
  value = "one"
}
