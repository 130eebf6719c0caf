a = max(var.list..., 1)
