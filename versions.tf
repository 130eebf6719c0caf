terraform {
  # Terraform 1.0 language only: no optional() attributes, no preconditions, no
  # moved blocks, so the same code runs on Terraform 1.0+ and on Terrace.
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

  # State stays on the machine that runs the plan. Each environment is its own
  # workspace (`terrace plan -env=dev` selects workspace `dev`), so its state lives
  # under terraform.tfstate.d/<env>/ (Terrace: terrace.tfstate.d/<env>/) and the
  # three environments never share a state file.
  backend "local" {}
}
