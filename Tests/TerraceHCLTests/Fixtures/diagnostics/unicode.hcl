locals {
  naïve = "é"  "🚀"
  名前 = [1 2]
}
