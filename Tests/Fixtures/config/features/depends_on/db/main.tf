resource "null_resource" "db" {}

output "id" {
  value = null_resource.db.id
}
