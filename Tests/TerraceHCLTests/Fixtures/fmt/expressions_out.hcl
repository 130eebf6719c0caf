locals {
  arith        = 1 + 2 * 3 - 4 / 5 % 6
  neg          = -1
  neg2         = 3 - -1
  neg3         = [-1, -2]
  neg4         = foo(-1)
  cmp          = a >= b && c < d || !e
  eq           = a == b ? x : y
  idx          = var.list[0]
  legacy       = var.list.0
  splat        = var.objs[*].id
  attr_splat   = var.objs.*.id
  nested_splat = var.x[*].y[*].z
  call         = max(1, 2, 3)
  expand       = max(var.nums...)
  fors         = [for x in var.xs : upper(x) if x != ""]
  for_in_tuple = [for x in [1, 2] : x]
  for_obj      = { for k, v in var.m : k => v... }
  obj          = { a = 1, "b" = 2, (var.c) = 3, d : 4 }
  tmpl         = "Hello, ${var.name}! %{if var.x}yes%{else}no%{endif}"
  strip        = "a ${~var.b~} c"
  parens       = (1 + 2) * 3
  cond         = var.a ? var.b : var.c
  get          = var.map["key"]
  not          = !var.b
  unicode      = "héllo wörld"
  empty_obj    = {}
  empty_list   = []
}
