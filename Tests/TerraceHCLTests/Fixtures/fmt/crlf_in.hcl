a = 1
bb = 2
# comment
resource "x" "y" {
  z = <<EOT
line
EOT
}
