provider "aws" {
  region = var.aws_region

  default_tags {
    tags = {
      Project     = "socialclub"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

# CloudFront only accepts certificates from us-east-1, whatever region the rest of
# the stack is in.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = {
      Project     = "socialclub"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}
