resource "null_resource" "a" {
  lifecycle {
    create_before_destroy = "sometimes"
    prevent_destory       = true
    ignore_changes        = [trigers]
  }
}
