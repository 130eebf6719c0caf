resource "aws_instance" "web" {
  ami = "x"
}
resource "a" "b" {
}
resource "esc\"aped" "unié" {
}
resource "kept" {
}
block_without_labels {
}
provider "aws" {
  alias = "east"
}
