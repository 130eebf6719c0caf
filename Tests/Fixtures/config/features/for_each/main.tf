locals {
  buckets = {
    logs   = { retention = 30 }
    assets = { retention = 365 }
  }
}

resource "null_resource" "bucket" {
  for_each = local.buckets

  triggers = {
    name      = each.key
    retention = each.value.retention
  }
}

resource "null_resource" "user" {
  for_each = toset(["ann", "bob"])

  triggers = {
    user = each.key
    same = each.value
  }
}

resource "null_resource" "per_bucket" {
  for_each = null_resource.bucket

  triggers = {
    bucket = each.key
  }
}

output "retentions" {
  value = { for k, b in null_resource.bucket : k => b.triggers.retention }
}
