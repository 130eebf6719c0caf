module "network" {
  source = "./network"
}

output "a" {
  value = module.network.vpc_idd
}
