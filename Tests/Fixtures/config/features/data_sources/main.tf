data "fixture_image" "base" {
  name = "base"
}

data "fixture_image" "by_arch" {
  for_each = toset(["x86", "arm"])
  name     = "base-${each.key}"
}

resource "fixture_server" "app" {
  count = 2
  name  = "app-${count.index}-${data.fixture_image.base.id}"
  tags = {
    arm_image = data.fixture_image.by_arch["arm"].id
  }
}

output "arch" {
  value = { for k, img in data.fixture_image.by_arch : k => img.arch }
}
