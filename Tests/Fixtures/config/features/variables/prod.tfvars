settings = {
  tier   = "gold"
  backup = true
}
