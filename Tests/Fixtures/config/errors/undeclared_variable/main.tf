variable "region" {
  default = "us-east-1"
}

resource "null_resource" "a" {
  triggers = {
    region = var.regoin
    zone   = var.zone
  }
}
