variable "a" {}
variable "a" {}

resource "null_resource" "a" {}
resource "null_resource" "a" {}

output "o" {
  value = 1
}
output "o" {
  value = 2
}

locals {
  x = 1
}
locals {
  x = 2
}

module "m" {
  source = "./m"
}
module "m" {
  source = "./m"
}

provider "null" {}
provider "null" {}
