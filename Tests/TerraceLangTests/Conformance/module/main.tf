# The module every conformance expression is evaluated in, by `terraform console` when
# recording (scripts/oracle/record-console.py) and by ConformanceTests.swift, which builds the
# same values. Variables without a value are unknown, as `terraform console` evaluates them.

variable "unknown_string" { type = string }
variable "unknown_number" { type = number }
variable "unknown_bool" { type = bool }
variable "unknown_list" { type = list(string) }
variable "unknown_map" { type = map(number) }
variable "unknown_object" {
  type = object({ name = string, size = number })
}
variable "unknown_any" {}

variable "secret" {
  default   = "hunter2"
  sensitive = true
}
variable "secret_number" {
  type      = number
  default   = 42
  sensitive = true
}
variable "secret_list" {
  type      = list(string)
  default   = ["a", "b"]
  sensitive = true
}
variable "secret_map" {
  type      = map(string)
  default   = { user = "admin", pass = "s3cr3t" }
  sensitive = true
}

variable "null_string" {
  type    = string
  default = null
}

locals {
  numbers = [1, 2, 3]
  names   = ["alpha", "beta", "gamma"]
  servers = [
    { name = "web", port = 80, tags = ["a", "b"] },
    { name = "db", port = 5432, tags = [] },
  ]
  settings = {
    region = "us-east-1"
    size   = 3
    nested = { enabled = true, list = ["x", "y"] }
  }
  by_name    = { alpha = 1, beta = 2 }
  string_map = tomap({ a = "1", b = "2" })
  set        = toset(["b", "a", "c"])
  mixed      = [var.unknown_string, "known"]
}
