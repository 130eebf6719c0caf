locals {
  a = 1, b = 2
}
x = 1 y = 2
z
