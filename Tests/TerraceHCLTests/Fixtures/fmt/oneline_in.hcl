resource "a" "b" { x = 1 }
resource "c" "d" {}
resource "e" "f" {
  lifecycle { create_before_destroy = true }
  timeouts {   }
  nested { a = "${var.x}" }
}
