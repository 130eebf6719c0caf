resource "random_string" "a" {
  special = false
}

module "m" {
  source = "./m"
}

resource "random_string" "b" {
  length  = 8
  specail = true
}
