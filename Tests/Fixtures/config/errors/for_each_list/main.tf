resource "null_resource" "tuple" {
  for_each = ["a", "b"]
}

variable "names" {
  type = list(string)
}

resource "null_resource" "list" {
  for_each = var.names
}

resource "null_resource" "numbers" {
  for_each = toset([1, 2])
}
