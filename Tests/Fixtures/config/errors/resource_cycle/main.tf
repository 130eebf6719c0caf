resource "null_resource" "x" {
  triggers = {
    y = null_resource.y.id
  }
}

resource "null_resource" "y" {
  triggers = {
    x = null_resource.x.id
  }
}

resource "null_resource" "z" {
  triggers = {
    z = null_resource.z.id
  }
}
