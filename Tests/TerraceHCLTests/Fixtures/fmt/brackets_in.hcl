locals {
  a = merge({
    x = 1
  }, {
    y = 2
  })
  b = [
    [1, 2],
    [
      3,
      4,
  ],
  ]
  c = concat(var.a,
    var.b,
  var.c)
  d = { for k, v in var.m :
    k => v
  }
  e = jsonencode({
  a = 1
  })
}
