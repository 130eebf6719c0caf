resource "null_resource" "a" {
  trigers = {}
}
