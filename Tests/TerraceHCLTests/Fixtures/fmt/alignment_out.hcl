locals {
  a      = 1
  bbbbbb = 2
  cc     = 3

  # a comment breaks nothing but a blank line does
  long_name_here = "x"
  s              = "y"
  # comment line in the middle of a run
  t = "z"
  nested = {
    x     = 1
    yyyyy = 2
    zz = {
      deep       = true
      deeper_key = false
    }
  }
  list = [
    1,
    2,
  ]
  after_list = 3
  multi = {
  one = 1 }
  k = 1
}

resource "x" "y" {
  short            = 1 # trailing comment
  much_longer_name = 2 # another one
  mid              = 3 // slash comment
  block {
    a  = 1 # c1
    bb = 2
  }
  z = 4 # after a block
}
