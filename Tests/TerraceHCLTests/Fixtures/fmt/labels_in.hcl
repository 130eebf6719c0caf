resource aws_instance web {
  ami = "x"
}
resource "a" /* dropped */ "b" {
}
resource "esc\"aped" "uni\u00e9" {
}
resource "dollar$sign" "kept" {
}
block_without_labels {
}
provider aws {
  alias = "east"
}
