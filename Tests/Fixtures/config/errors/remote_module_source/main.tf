module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "3.0.0"
}

module "local_without_dot" {
  source = "modules/app"
}
