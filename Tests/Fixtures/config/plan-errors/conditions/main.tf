variable "size" {
  type    = number
  default = 0
}

data "fixture_image" "arm" {
  name = "base-arm"

  lifecycle {
    postcondition {
      condition     = self.arch == "x86_64"
      error_message = "The image must be built for x86_64, not ${self.arch}."
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
  }
}

resource "fixture_server" "db" {
  name = "db"

  lifecycle {
    postcondition {
      condition     = self.name == "database"
      error_message = "The database server must be called \"database\"."
    }
  }
}

output "checked" {
  value = var.size

  precondition {
    condition     = var.size > 0
    error_message = "The size must be positive."
  }
}
