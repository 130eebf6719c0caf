locals {
  café       = 1
  naïve_name = 2
  ключ       = 3
  e          = "é is e + combining acute"
  emoji      = "🚀"
}
resource "x" "y" {
  名前    = "name"
  x     = 1
  label = { "äöü" = 1, b = 2 }
}
