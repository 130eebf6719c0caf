# Social Flow: the backend's AWS infrastructure, one environment per workspace.
#
#   terraform workspace select dev && terraform plan -var-file=environments/dev.tfvars
#   terrace plan -env=dev                     (the same, in one command)
#
# Dependencies run one way — vpc → security_groups → s3, rds, elasticache →
# secrets → ecs → cloudfront → monitoring — so each module can be read, tested
# and replaced on its own.

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge(var.tags, {
      Project     = var.project
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}

data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

locals {
  # "social-flow-dev": every object of the environment is named from it, so dev,
  # staging and prod live side by side in one account.
  name        = "${var.project}-${var.environment}"
  secret_path = "${var.project}/${var.environment}"

  availability_zones = slice(sort(data.aws_availability_zones.available.names), 0, var.az_count)

  # Disposable environments give their keys the shortest waiting period AWS allows.
  kms_deletion_window_days = var.force_destroy ? 7 : 30
}

# The environment's DNS zone: the API's certificate is validated here and
# api.<domain_name> points at the load balancer.
resource "aws_route53_zone" "this" {
  name          = var.domain_name
  comment       = "Social Flow ${var.environment}"
  force_destroy = var.force_destroy
}

module "vpc" {
  source = "./modules/vpc"

  name                    = local.name
  cidr_block              = var.vpc_cidr
  availability_zones      = local.availability_zones
  single_nat_gateway      = var.single_nat_gateway
  flow_log_retention_days = var.log_retention_days
}

module "security_groups" {
  source = "./modules/security_groups"

  name   = local.name
  vpc_id = module.vpc.vpc_id
}

module "s3" {
  source = "./modules/s3"

  name                      = local.name
  account_id                = data.aws_caller_identity.current.account_id
  videos_versioning_enabled = var.s3_videos_versioning
  cors_allowed_origins      = var.cors_allowed_origins
  force_destroy             = var.force_destroy
}

module "rds" {
  source = "./modules/rds"

  name               = local.name
  subnet_ids         = module.vpc.private_subnet_ids
  security_group_ids = [module.security_groups.db_security_group_id]

  engine_version          = var.db_engine_version
  instance_class          = var.db_instance_class
  allocated_storage       = var.db_allocated_storage
  max_allocated_storage   = var.db_max_allocated_storage
  multi_az                = var.db_multi_az
  backup_retention_period = var.db_backup_retention_days
  deletion_protection     = var.db_deletion_protection
  skip_final_snapshot     = var.force_destroy
  apply_immediately       = var.db_apply_immediately

  log_retention_days       = var.log_retention_days
  kms_deletion_window_days = local.kms_deletion_window_days
}

module "elasticache" {
  source = "./modules/elasticache"

  name               = local.name
  subnet_ids         = module.vpc.private_subnet_ids
  security_group_ids = [module.security_groups.redis_security_group_id]

  engine_version           = var.redis_engine_version
  node_type                = var.redis_node_type
  num_cache_clusters       = var.redis_num_cache_clusters
  snapshot_retention_limit = var.redis_snapshot_retention_days
  apply_immediately        = var.db_apply_immediately

  log_retention_days = var.log_retention_days
}

module "secrets" {
  source = "./modules/secrets"

  name                     = local.name
  secret_path              = local.secret_path
  recovery_window_in_days  = var.force_destroy ? 0 : 30
  kms_deletion_window_days = local.kms_deletion_window_days

  db_instance_id = module.rds.instance_id
  db_host        = module.rds.address
  db_port        = module.rds.port
  db_name        = module.rds.db_name
  db_username    = module.rds.username
  db_password    = module.rds.password

  redis_host       = module.elasticache.primary_endpoint_address
  redis_port       = module.elasticache.port
  redis_auth_token = module.elasticache.auth_token

  rotation_lambda_arn = var.rotation_lambda_arn
  db_rotation_days    = var.db_password_rotation_days
}

module "ecs" {
  source = "./modules/ecs"

  name                  = local.name
  vpc_id                = module.vpc.vpc_id
  public_subnet_ids     = module.vpc.public_subnet_ids
  private_subnet_ids    = module.vpc.private_subnet_ids
  alb_security_group_id = module.security_groups.alb_security_group_id
  app_security_group_id = module.security_groups.app_security_group_id
  domain_name           = var.domain_name
  zone_id               = aws_route53_zone.this.zone_id

  image_tag         = var.app_image_tag
  app_cpu           = var.app_cpu
  app_memory        = var.app_memory
  app_desired_count = var.app_desired_count
  worker_cpu        = var.worker_cpu
  worker_memory     = var.worker_memory
  beat_cpu          = var.beat_cpu
  beat_memory       = var.beat_memory

  worker_desired_count = var.worker_desired_count

  autoscaling_enabled      = var.app_autoscaling_enabled
  autoscaling_min_capacity = var.app_min_count
  autoscaling_max_capacity = var.app_max_count

  environment_variables = {
    ENVIRONMENT       = var.environment
    DB_HOST           = module.rds.address
    DB_PORT           = tostring(module.rds.port)
    DB_NAME           = module.rds.db_name
    REDIS_HOST        = module.elasticache.primary_endpoint_address
    REDIS_PORT        = tostring(module.elasticache.port)
    REDIS_TLS         = "true"
    S3_VIDEOS_BUCKET  = module.s3.videos_bucket_name
    S3_UPLOADS_BUCKET = module.s3.uploads_bucket_name
    S3_STATIC_BUCKET  = module.s3.static_bucket_name
  }

  # name => secret ARN[:json-key::]; ECS resolves them when a task starts.
  secrets = {
    DB_USERNAME           = "${module.secrets.database_secret_arn}:username::"
    DB_PASSWORD           = "${module.secrets.database_secret_arn}:password::"
    REDIS_AUTH_TOKEN      = "${module.secrets.redis_secret_arn}:auth_token::"
    SECRET_KEY            = module.secrets.secret_key_arn
    JWT_SECRET            = module.secrets.jwt_secret_arn
    STRIPE_SECRET_KEY     = "${module.secrets.stripe_secret_arn}:secret_key::"
    STRIPE_WEBHOOK_SECRET = "${module.secrets.stripe_secret_arn}:webhook_secret::"
    SMTP_HOST             = "${module.secrets.smtp_secret_arn}:host::"
    SMTP_PORT             = "${module.secrets.smtp_secret_arn}:port::"
    SMTP_USERNAME         = "${module.secrets.smtp_secret_arn}:username::"
    SMTP_PASSWORD         = "${module.secrets.smtp_secret_arn}:password::"
  }
  secret_arns         = values(module.secrets.secret_arns)
  secrets_kms_key_arn = module.secrets.kms_key_arn
  bucket_arns         = values(module.s3.bucket_arns)

  log_retention_days = var.log_retention_days
  force_delete       = var.force_destroy
}

module "cloudfront" {
  source = "./modules/cloudfront"

  name        = local.name
  price_class = var.cloudfront_price_class

  static_bucket = {
    name                 = module.s3.bucket_names["static"]
    arn                  = module.s3.bucket_arns["static"]
    regional_domain_name = module.s3.bucket_regional_domain_names["static"]
  }
  videos_bucket = {
    name                 = module.s3.bucket_names["videos"]
    arn                  = module.s3.bucket_arns["videos"]
    regional_domain_name = module.s3.bucket_regional_domain_names["videos"]
  }
  api_domain_name = module.ecs.api_domain_name
}

module "monitoring" {
  source = "./modules/monitoring"

  name                  = local.name
  alert_email_addresses = var.alert_email_addresses

  ecs_cluster_name  = module.ecs.cluster_name
  ecs_service_names = module.ecs.service_names
  ecs_expected_task_counts = {
    app    = module.ecs.app_min_capacity
    worker = var.worker_desired_count
    beat   = 1
  }
  alb_arn_suffix          = module.ecs.alb_arn_suffix
  target_group_arn_suffix = module.ecs.target_group_arn_suffix
  db_instance_id          = module.rds.instance_id
  redis_node_ids          = module.elasticache.member_cluster_ids

  db_connections_threshold = var.db_connections_alarm_threshold
}
