# Provider configurations: arguments, a nested block, an alias, and a dynamic block.

locals {
  tags = { project = "shop", owner = "platform" }
}

provider "fixture" {
  region = "eu-west-1"

  default_tags {
    tags = local.tags
  }
}

provider "fixture" {
  alias  = "us"
  region = "us-east-1"

  dynamic "default_tags" {
    for_each = [local.tags]

    content {
      tags = default_tags.value
    }
  }
}

resource "fixture_server" "eu" {
  name = "eu"
}

resource "fixture_server" "us" {
  provider = fixture.us
  name     = "us"
}
