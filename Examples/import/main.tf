# Adopting infrastructure that was created by hand. Each block below describes an
# object that already exists in the (simulated) cloud, argument for argument as it
# was created, so that after `terrace import` the plan shows no changes. See
# README.md for the commands that create the objects and import them.

terraform {
  required_version = ">= 1.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  backend "local" {}
}

provider "aws" {
  region = "us-east-1"
}

# terrace cloud create aws_vpc cidr_block=10.20.0.0/16
resource "aws_vpc" "legacy" {
  cidr_block = "10.20.0.0/16"
}

# terrace cloud create aws_subnet vpc_id=<vpc id> cidr_block=10.20.1.0/24 availability_zone=us-east-1a
resource "aws_subnet" "legacy_a" {
  vpc_id            = aws_vpc.legacy.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "us-east-1a"
}

# terrace cloud create aws_security_group vpc_id=<vpc id> name=legacy-web description="Legacy web servers"
resource "aws_security_group" "legacy_web" {
  name        = "legacy-web"
  description = "Legacy web servers"
  vpc_id      = aws_vpc.legacy.id
}

# terrace cloud create aws_s3_bucket bucket=social-flow-legacy-assets-123456789012
resource "aws_s3_bucket" "legacy_assets" {
  bucket = "social-flow-legacy-assets-123456789012"
}

# terrace cloud create aws_cloudwatch_log_group name=/legacy/web retention_in_days=14
resource "aws_cloudwatch_log_group" "legacy_web" {
  name              = "/legacy/web"
  retention_in_days = 14
}
