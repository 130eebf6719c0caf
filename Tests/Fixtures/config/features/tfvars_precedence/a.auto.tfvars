from_auto_a   = "a.auto.tfvars"
from_auto_b   = "a.auto.tfvars"
from_var_file = "a.auto.tfvars"
