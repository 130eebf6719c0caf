variable "zones" {
  type    = list(string)
  default = ["a", "b"]
}

locals {
  prefix = "app"
}

provider "fixture" {
  region = "eu"
}

provider "fixture" {
  alias  = "us"
  region = "us-east-1"
}

resource "fixture_server" "web" {
  count = length(var.zones)
  name  = "${local.prefix}-${var.zones[count.index]}"

  disk {
    size = 10
  }

  disk {
    size = 20

    option {
      name = "x"
    }
  }

  dynamic "rule" {
    for_each = [22, 443]

    content {
      port = rule.value
    }
  }

  lifecycle {
    ignore_changes = [tags]
  }

  depends_on = [fixture_server.base]
}

resource "fixture_server" "base" {
  provider = fixture.us
  name     = "base"
}

module "child" {
  source = "./child"
  label  = local.prefix
}

output "names" {
  value = fixture_server.web[*].name
}

output "child" {
  value = module.child.greeting
}
