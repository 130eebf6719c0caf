terraform {
  required_version = ">= 1.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    random = {
      source  = "hashicorp/random"
      version = "~> 3.5"
    }
  }

  # The seed's design keeps state in S3 with a DynamoDB lock table; state_backend.tf
  # creates both. The example itself uses local state so that it runs anywhere.
  backend "local" {}
}
