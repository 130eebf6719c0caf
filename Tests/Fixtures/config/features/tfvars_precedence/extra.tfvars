from_var_file = "extra.tfvars"
last_flag     = "extra.tfvars"
