provider "null" {}

provider "null" {
  alias = "west"
}

resource "null_resource" "east" {}

resource "null_resource" "west" {
  provider = null.west
}

module "child" {
  source = "./child"

  providers = {
    null = null.west
  }
}
