resource "null_resource" "gone" {}

resource "null_resource" "kept" {}

resource "null_resource" "counted" {
  count = 3
}

resource "null_resource" "each" {
  for_each = toset(["a", "b"])
}
