resource "null_resource" "negative" {
  count = -1
}

resource "null_resource" "fraction" {
  count = 1.5
}

resource "null_resource" "null" {
  count = null
}
