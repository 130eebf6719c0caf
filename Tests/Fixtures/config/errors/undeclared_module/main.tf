module "network" {
  source = "./network"
}

output "a" {
  value = module.netwrok.id
}
