resource "null_resource" "a" {
  triggers = "not a map"
}

resource "null_resource" "b" {
  count = "two"
}

module "m" {
  source = "./m"
  size   = "large"
}
