resource "null_resource" "a" {
  triggers = {
    index = count.index
    key   = each.key
  }
}

resource "null_resource" "b" {
  count = 1
  triggers = {
    bad = count.idx
  }
}

resource "null_resource" "c" {
  for_each = toset(["k"])
  triggers = {
    bad = each.keys
  }
}

resource "null_resource" "d" {
  triggers = {
    me = self.id
  }
}
