# Local modules: the same module called twice, with count and with for_each, a module that
# calls a sibling through "../", a provider configuration passed in, and depends_on.

provider "null" {
  alias = "alt"
}

resource "null_resource" "first" {}

module "app_a" {
  source = "./modules/app"
  count  = 2

  name = "a${count.index}"
}

module "app_b" {
  source   = "./modules/app"
  for_each = { blue = 1, green = 2 }

  name = "b-${each.key}"
  size = each.value

  providers = {
    null = null.alt
  }

  depends_on = [null_resource.first]
}

output "a_names" {
  value = module.app_a[*].name
}

output "b_sizes" {
  value = { for k, m in module.app_b : k => m.size }
}

output "labels" {
  value = [for m in module.app_a : m.label]
}
