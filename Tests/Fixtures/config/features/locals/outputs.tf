output "summary" {
  value = local.summary
}
