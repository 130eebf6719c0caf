# A data source whose configuration is known reads while planning, even when what it refers to
# has changes pending; only depends_on on a changed resource defers it to apply.
resource "null_resource" "a" {
  triggers = {
    v = "2"
  }
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

output "reference" {
  value = data.null_data_source.reference.outputs["v"]
}
