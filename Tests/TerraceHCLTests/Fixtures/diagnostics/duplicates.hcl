a = 1
a = 2
resource "x" "y" {
  name = "first"
  name = "second"
}
