data "aws_caller_identity" "current" {}

locals {
  name       = "socialclub-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  production = var.environment == "production"

  # Seed 003's sizes per environment.
  settings = {
    staging = {
      db_instance_class   = "db.t3.small"
      redis_node_type     = "cache.t3.small"
      redis_nodes         = 1
      task_cpu            = 512
      task_memory         = 1024
      tasks_min           = 2
      tasks_max           = 5
      frontend_ttl        = 3600
      dynamodb_billing    = "PAY_PER_REQUEST"
      single_nat_gateway  = true
      deletion_protection = false
      price_class         = "PriceClass_100"
      db_connections_max  = 180 # 80 % of db.t3.small's max_connections
    }
    production = {
      db_instance_class   = "db.r6g.xlarge"
      redis_node_type     = "cache.r6g.xlarge"
      redis_nodes         = 3
      task_cpu            = 1024
      task_memory         = 2048
      tasks_min           = 3
      tasks_max           = 10
      frontend_ttl        = 86400
      dynamodb_billing    = "PROVISIONED"
      single_nat_gateway  = false
      deletion_protection = true
      price_class         = "PriceClass_All"
      db_connections_max  = 2880 # 80 % of db.r6g.xlarge's max_connections
    }
  }
  env = local.settings[var.environment]

  # Host names: production owns app., api. and cdn.; staging prefixes them.
  host_prefix = local.production ? "" : "staging-"
  app_host    = "${local.host_prefix}app.${var.domain_name}"
  api_host    = "${local.host_prefix}api.${var.domain_name}"
  cdn_host    = "${local.host_prefix}cdn.${var.domain_name}"

  # Three availability zones, named from the region so that every for_each key is
  # known before anything exists.
  azs = { for i, letter in ["a", "b", "c"] : "${var.aws_region}${letter}" => i }

  # Seed 003's address plan.
  vpc_cidr      = "10.0.0.0/16"
  public_cidrs  = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  private_cidrs = ["10.0.11.0/24", "10.0.12.0/24", "10.0.13.0/24"]
  data_cidrs    = ["10.0.21.0/24", "10.0.22.0/24", "10.0.23.0/24"]

  backend_port = 3001
}
