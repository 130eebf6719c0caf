variable "a" {
  type = string

  validation {
    condition     = true
    error_message = "Must be ok."
  }
}

variable "b" {
  type = string

  validation {
    condition     = length(var.b) > 1 && var.a != ""
    error_message = "must be longer"
  }
}

variable "c" {
  type    = number
  default = "many"
}

variable "count" {}

variable "d" {
  type = lst(string)
}

variable "e" {
  type = "list(string)"
}

variable "f" {
  default = upper("x")
}
