resource "null_resource" "network" {}

module "db" {
  source = "./db"

  depends_on = [null_resource.network]
}

resource "null_resource" "app" {
  depends_on = [module.db, null_resource.network]
}
