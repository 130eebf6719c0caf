variable "name" {
  type = string
}

variable "size" {
  type    = number
  default = 1
}

module "shared" {
  source = "../shared"
  prefix = var.name
}

resource "null_resource" "this" {
  triggers = {
    name  = var.name
    size  = var.size
    label = module.shared.label
  }
}

output "name" {
  value = var.name
}

output "size" {
  value = var.size
}

output "label" {
  value = module.shared.label
}
