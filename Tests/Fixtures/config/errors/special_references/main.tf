output "a" {
  value = path.modul
}

output "b" {
  value = terraform.workspac
}

output "d" {
  value = local
}

output "e" {
  value = data.null_data_source
}

output "f" {
  value = lazy.x
}
