# Locals in several blocks and files, each declared before what it uses: they are evaluated
# in dependency order, not in source order.

locals {
  summary = "${local.prefix}: ${join(", ", local.names)} (${local.count} total)"
  count   = length(local.names)
}

locals {
  names  = [for s in local.services : upper(s) if s != "skip"]
  prefix = "${var.project}-${local.env}"
}

locals {
  services = ["api", "web", "skip", "worker"]
  env      = "dev"
}

variable "project" {
  default = "shop"
}

resource "null_resource" "all" {
  for_each = toset(local.names)
  triggers = {
    name = "${local.prefix}-${lower(each.key)}"
  }
}
