resource "null_resource" "a" {
  triggers = {
    version = "1"
    keep    = "same"
  }
}

resource "null_resource" "b" {
  triggers = {
    a = null_resource.a.id
  }
}

output "a" {
  value = null_resource.a.id
}
