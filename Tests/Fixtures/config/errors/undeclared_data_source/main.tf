data "null_data_source" "values" {}

output "a" {
  value = data.null_data_source.valeus.outputs
}

output "b" {
  value = null_data_source.values.outputs
}
