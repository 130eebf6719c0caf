resource "x" "y" {
  value = {
    a = 1

    b = 2 3
  }
}
