# Each variable is set by every source up to the one that should win, in Terraform's order:
# TF_VAR_ environment, terraform.tfvars, *.auto.tfvars in lexical order, then -var and
# -var-file in command-line order.

variable "from_env" {}
variable "from_tfvars" {}
variable "from_auto_a" {}
variable "from_auto_b" {}
variable "from_var_file" {}
variable "from_var" {}
variable "last_flag" {}

variable "from_default" {
  default = "default"
}

output "values" {
  value = {
    from_env      = var.from_env
    from_tfvars   = var.from_tfvars
    from_auto_a   = var.from_auto_a
    from_auto_b   = var.from_auto_b
    from_var_file = var.from_var_file
    from_var      = var.from_var
    last_flag     = var.last_flag
    from_default  = var.from_default
  }
}
