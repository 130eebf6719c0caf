resource "null_resource" "a" {
  count    = 2
  for_each = toset(["x"])
}

module "m" {
  source   = "./m"
  count    = 1
  for_each = {}
}
