variable "names" {
  default = ["x", "y"]
}

variable "password" {
  default   = "s3cret"
  sensitive = true
}

resource "null_resource" "single" {
  triggers = {
    a    = "1"
    long = "value"
  }
}

resource "null_resource" "counted" {
  count = 2
  triggers = {
    index = count.index
  }
}

resource "null_resource" "each" {
  for_each = toset(var.names)
  triggers = {
    name = each.key
  }
}

resource "null_resource" "after" {
  triggers = {
    dep = null_resource.single.id
  }
}

resource "null_resource" "empty" {}

output "single_id" {
  value = null_resource.single.id
}

output "names" {
  value = var.names
}

output "password" {
  value     = var.password
  sensitive = true
}
