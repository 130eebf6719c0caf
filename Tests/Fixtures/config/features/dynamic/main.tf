# dynamic blocks for list, set and single nested blocks, nested dynamic blocks, and iterator.

locals {
  disks = [
    { size = 10, type = "ssd", options = { cache = "on" } },
    { size = 100, type = "hdd", options = { cache = "off", raid = "1" } },
  ]
  ports = [22, 443]
}

resource "fixture_server" "web" {
  name = "web"

  dynamic "disk" {
    for_each = local.disks
    iterator = d

    content {
      size = d.value.size
      type = d.value.type

      dynamic "option" {
        for_each = d.value.options

        content {
          name  = option.key
          value = "${option.value}#${d.key}"
        }
      }
    }
  }

  dynamic "rule" {
    for_each = toset(local.ports)

    content {
      port     = rule.value
      protocol = "tcp"
    }
  }

  dynamic "network" {
    for_each = ["subnet-1"]

    content {
      subnet = network.value
    }
  }
}
