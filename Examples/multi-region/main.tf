# Seed 000's topology: four regions, each with the four VPCs platform, data,
# security and management spread over three availability zones.
#
# Provider configurations cannot be chosen by for_each, so each region is its own
# module call with its own provider alias.

module "us_east_1" {
  source = "./modules/region"
  providers = {
    aws = aws.us_east_1
  }

  name         = "${var.project}-${var.environment}"
  region_index = 0
  supernet     = var.supernet
}

module "us_west_2" {
  source = "./modules/region"
  providers = {
    aws = aws.us_west_2
  }

  name         = "${var.project}-${var.environment}"
  region_index = 1
  supernet     = var.supernet
}

module "eu_west_1" {
  source = "./modules/region"
  providers = {
    aws = aws.eu_west_1
  }

  name         = "${var.project}-${var.environment}"
  region_index = 2
  supernet     = var.supernet
}

module "ap_southeast_1" {
  source = "./modules/region"
  providers = {
    aws = aws.ap_southeast_1
  }

  name         = "${var.project}-${var.environment}"
  region_index = 3
  supernet     = var.supernet
}

locals {
  regions = {
    "us-east-1"      = module.us_east_1
    "us-west-2"      = module.us_west_2
    "eu-west-1"      = module.eu_west_1
    "ap-southeast-1" = module.ap_southeast_1
  }
}
