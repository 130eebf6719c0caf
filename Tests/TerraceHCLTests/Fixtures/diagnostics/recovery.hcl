resource "a" "b" {
  x = [1, 2
}

resource "c" "d" {
  y = {
}

variable "v" {
  default = 1 +
}
