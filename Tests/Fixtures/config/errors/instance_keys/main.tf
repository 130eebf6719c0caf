resource "null_resource" "counted" {
  count = 2
}

resource "null_resource" "keyed" {
  for_each = toset(["a"])
}

resource "null_resource" "single" {}

output "a" {
  value = null_resource.counted.id
}

output "b" {
  value = null_resource.keyed.id
}

output "c" {
  value = null_resource.single[0].id
}

output "d" {
  value = null_resource.single.count
}
