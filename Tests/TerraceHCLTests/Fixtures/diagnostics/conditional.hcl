a = var.x ? 1
b = 2
