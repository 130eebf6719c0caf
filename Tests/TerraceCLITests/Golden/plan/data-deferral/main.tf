# A data source whose configuration is known reads while planning unless it refers directly
# (or through depends_on) to a resource with changes pending; values that reach it through a
# local value do not defer it.
resource "null_resource" "a" {
  triggers = {
    v = "2"
  }
}

locals {
  v = null_resource.a.triggers["v"]
}

data "null_data_source" "reference" {
  inputs = {
    v = null_resource.a.triggers["v"]
  }
}

data "null_data_source" "explicit" {
  inputs = {
    v = "constant"
  }

  depends_on = [null_resource.a]
}

data "null_data_source" "via_local" {
  inputs = {
    v = local.v
  }
}

output "reference" {
  value = data.null_data_source.reference.outputs["v"]
}

output "via_local" {
  value = data.null_data_source.via_local.outputs["v"]
}
