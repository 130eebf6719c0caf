locals {
  é = 1
  ee = 2
  obj = {
    "éé" = 3
    x = 4
  }
}
