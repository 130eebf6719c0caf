# Lifecycle settings (replace_triggered_by is Terraform 1.2).

resource "null_resource" "config" {
  triggers = {
    version = "1"
  }
}

resource "null_resource" "app" {
  triggers = {
    image = "app:1"
  }

  lifecycle {
    create_before_destroy = true
    prevent_destroy       = true
    ignore_changes        = [triggers]
    replace_triggered_by  = [null_resource.config.id]
  }
}

resource "null_resource" "pinned" {
  lifecycle {
    ignore_changes = all
  }
}
