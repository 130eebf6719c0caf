locals {
  name = "app"
}

output "o" {
  value = local.nme
}
