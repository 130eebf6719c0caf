resource "null_resource" "kept" {}

resource "null_resource" "counted" {
  count = 1
}

resource "null_resource" "each" {
  for_each = toset(["a"])
}
