# One configuration, one variables file per environment: `terrace plan -env=staging`.

variable "environment" {
  type = string
}

variable "instances" {
  type    = number
  default = 1
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "null_resource" "instance" {
  count = var.instances

  triggers = {
    name = "${var.environment}-${count.index}"
    tier = lookup(var.tags, "tier", "none")
  }
}

output "workspace" {
  value = terraform.workspace
}
