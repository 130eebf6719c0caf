resource "null_resource" "a" {}

module "m" {
  source = "./m"
}

moved {
  from = null_resource.old
  to   = module.m
}

moved {
  from = random_id.old
  to   = null_resource.a
}

moved {
  from = null_resource.a
}
