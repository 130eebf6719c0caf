variable {}

resource "null_resource" {}

output "a" "b" {
  value = 1
}

resorce "null_resource" "c" {}

locals {
  a = 1
  b {}
}

output "novalue" {
  description = "no value"
}
