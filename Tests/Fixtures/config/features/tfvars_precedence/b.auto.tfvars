from_auto_b   = "b.auto.tfvars"
from_var_file = "b.auto.tfvars"
from_var      = "b.auto.tfvars"
