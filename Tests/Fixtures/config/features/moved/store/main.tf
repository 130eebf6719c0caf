resource "null_resource" "bucket" {}
