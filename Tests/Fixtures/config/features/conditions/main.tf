# Preconditions and postconditions (Terraform 1.2) on resources, data sources and outputs.

variable "size" {
  type    = number
  default = 2
}

data "fixture_image" "base" {
  name = "base-x86"

  lifecycle {
    postcondition {
      condition     = self.arch == "x86_64"
      error_message = "The base image must be built for x86_64."
    }
  }
}

resource "fixture_server" "web" {
  name = "web"
  size = var.size

  lifecycle {
    precondition {
      condition     = var.size >= 1
      error_message = "A server needs at least one unit of size."
    }
    postcondition {
      condition     = self.name == "web"
      error_message = "The server kept its name."
    }
  }
}

output "image" {
  value = data.fixture_image.base.id

  precondition {
    condition     = data.fixture_image.base.arch != ""
    error_message = "The image has an architecture."
  }
}
