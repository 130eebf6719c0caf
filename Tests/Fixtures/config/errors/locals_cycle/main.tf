locals {
  a    = local.b
  b    = local.c
  c    = "${local.a}-c"
  self = local.self
}
