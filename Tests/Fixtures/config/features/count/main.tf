variable "names" {
  default = ["alpha", "beta", "gamma"]
}

resource "null_resource" "each_name" {
  count = length(var.names)

  triggers = {
    index = count.index
    name  = var.names[count.index]
  }
}

resource "null_resource" "none" {
  count = 0
}

resource "null_resource" "conditional" {
  count = length(var.names) > 2 ? 1 : 0
}

output "ids" {
  value = null_resource.each_name[*].id
}

output "second" {
  value = null_resource.each_name[1].triggers.name
}
