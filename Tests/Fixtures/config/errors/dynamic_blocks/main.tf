resource "null_resource" "a" {
  dynamic "trigger" {
    for_each = [1]
    content {}
  }
}

resource "null_resource" "b" {
  dynamic "triggers" {
    for_each = [1]
    content {}
  }
}
