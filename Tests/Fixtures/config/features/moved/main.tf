# moved blocks (Terraform 1.1): a renamed resource and a resource moved into a module.

resource "null_resource" "current" {}

moved {
  from = null_resource.old
  to   = null_resource.current
}

module "store" {
  source = "./store"
}

moved {
  from = null_resource.bucket
  to   = module.store.null_resource.bucket
}
