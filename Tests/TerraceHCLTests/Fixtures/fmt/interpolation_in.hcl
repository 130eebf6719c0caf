variable "name" {
  default = "${var.other}"
}

resource "x" "y" {
  a = "${var.name}"
  b = "${var.a}-${var.b}"
  c = "prefix-${var.c}"
  d = "${lookup(var.m, "key", "${var.fallback}")}"
  e = "${
    var.e
  }"
  f = "${var.cond
    ? "a"
    : "b"}"
  g = "${(var.cond
    ? "a"
  : "b")}"
  h = "${~ var.h ~}"
  i = { k = "${var.not_unwrapped_in_objects}" }
  j = ["${var.nor_in_lists}"]
  k = "$${not_an_interpolation}"
  l = "${var.l}" # comment stays
  nested {
    m = "${var.m}"
  }
  n = "${{a = 1}}"
}
