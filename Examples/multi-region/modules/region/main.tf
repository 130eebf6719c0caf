# One region of the platform: four VPCs over three availability zones. Every VPC
# has a private subnet per zone; the platform VPC also has public subnets and an
# internet gateway. A versioned, encrypted bucket per region holds backups.

terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  region = data.aws_region.current.name
  zones  = slice(sort(data.aws_availability_zones.available.names), 0, 3)

  # Subnet keys use the zone's position, known before anything is read, so plans
  # never wait for the zone names.
  zone_keys = ["a", "b", "c"]

  vpc_cidrs = {
    for i, vpc in var.vpc_names : vpc => cidrsubnet(var.supernet, 8, var.region_index * 4 + i)
  }

  # /20s: private 0-2, public 8-10.
  private_subnets = merge([
    for vpc in var.vpc_names : {
      for i, key in local.zone_keys : "${vpc}-${key}" => { vpc = vpc, zone = i, cidr = cidrsubnet(local.vpc_cidrs[vpc], 4, i) }
    }
  ]...)
  public_subnets = {
    for i, key in local.zone_keys : key => { zone = i, cidr = cidrsubnet(local.vpc_cidrs["platform"], 4, 8 + i) }
  }
}

resource "aws_vpc" "this" {
  for_each = local.vpc_cidrs

  cidr_block           = each.value
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "${var.name}-${local.region}-${each.key}", Purpose = each.key }
}

resource "aws_subnet" "private" {
  for_each = local.private_subnets

  vpc_id            = aws_vpc.this[each.value.vpc].id
  cidr_block        = each.value.cidr
  availability_zone = local.zones[each.value.zone]

  tags = { Name = "${var.name}-${local.region}-${each.value.vpc}-private-${local.zone_keys[each.value.zone]}" }
}

# --- The platform VPC's public tier -------------------------------------------------

resource "aws_internet_gateway" "platform" {
  vpc_id = aws_vpc.this["platform"].id

  tags = { Name = "${var.name}-${local.region}-platform" }
}

resource "aws_subnet" "public" {
  for_each = local.public_subnets

  vpc_id                  = aws_vpc.this["platform"].id
  cidr_block              = each.value.cidr
  availability_zone       = local.zones[each.value.zone]
  map_public_ip_on_launch = false

  tags = { Name = "${var.name}-${local.region}-platform-public-${each.key}" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this["platform"].id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.platform.id
  }

  tags = { Name = "${var.name}-${local.region}-platform-public" }
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

# --- Backups -------------------------------------------------------------------------

resource "aws_s3_bucket" "backups" {
  bucket = "${var.name}-backups-${local.region}-${data.aws_caller_identity.current.account_id}"

  tags = { Name = "${var.name}-backups-${local.region}" }
}

resource "aws_s3_bucket_versioning" "backups" {
  bucket = aws_s3_bucket.backups.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "backups" {
  bucket                  = aws_s3_bucket.backups.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
