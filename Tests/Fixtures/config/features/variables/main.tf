resource "null_resource" "app" {
  count = var.enabled ? var.replicas : 0

  triggers = {
    name     = var.name
    zone     = var.zones[count.index % length(var.zones)]
    team     = lookup(var.tags, "team", "none")
    tier     = var.settings.tier
    backup   = var.settings.backup
    anything = var.anything == null ? "unset" : var.anything
  }
}

output "zones" {
  value = var.zones
}

output "tier" {
  value = var.settings.tier
}

output "password" {
  value     = var.password
  sensitive = true
}
