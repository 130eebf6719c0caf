terraform {
  required_version = ">= 2.0"
}

terraform {
  required_version = "banana"
}
