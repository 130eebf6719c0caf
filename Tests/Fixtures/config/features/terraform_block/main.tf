terraform {
  required_version = ">= 0.15, < 2.0.0"

  required_providers {
    null = {
      source  = "hashicorp/null"
      version = "~> 2.1"
    }
  }

  backend "local" {
    path = "state/app.tfstate"
  }
}

resource "null_resource" "a" {}
