# leading comment, indented by mistake
// slash comment
/* block comment */
/*
 * multi-line block comment
 *   keeps its own layout
 */
resource "a" "b" {
  # comment inside a block
  x = 1 /* inline */ + 2
  y = [ # comment after bracket
    1,  # one
    2   # two
  ]
  /* before */ z = 3
  w = {
    # comment in object
    k = "v" // trailing
  }
}
# comment at end without newline after it
