resource "null_resource" "a" {
  triggers = {
    v = "1"
  }
}
