provider "null" {
  alias  = "east"
  region = "us-east-1"
}

provider "nul" {}

resource "null_resource" "a" {
  provider = null.west
}

resource "null_resource" "b" {
  provider = null.east.extra
}
