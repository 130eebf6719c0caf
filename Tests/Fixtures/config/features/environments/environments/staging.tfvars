environment = "staging"
instances   = 2
tags = {
  tier = "staging"
}
