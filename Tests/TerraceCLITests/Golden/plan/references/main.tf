# Plan JSON lists every reference as Terraform 1.0.3 does: the full traversal, each shorter
# prefix down to the referenced address, then the resource an instance belongs to; repeats kept.
variable "obj" {
  default = { a = { b = 1 } }
}

locals {
  l = [1, 2]
}

resource "null_resource" "b" {
  count = 2
  triggers = {
    i = count.index
    p = path.module
    w = terraform.workspace
    v = var.obj.a.b
    l = local.l[0]
    d = "${var.obj.a.b}-${var.obj.a.b}"
  }
}

data "null_data_source" "d" {
  count = 1
  inputs = {
    v = "x"
  }
}

resource "null_resource" "e" {
  for_each = toset(["x"])
  triggers = {
    k  = each.key
    s  = join(",", null_resource.b[*].id)
    i0 = null_resource.b[0].id
    c  = null_resource.b[1].triggers.i
    d  = data.null_data_source.d[0].outputs["v"]
    f  = join(",", [for x in local.l : x + var.obj.a.b if x > var.obj.a.b])
  }
}
