resource "null_resource" "in_child" {}
