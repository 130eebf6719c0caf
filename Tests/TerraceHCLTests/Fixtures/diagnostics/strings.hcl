a = "unterminated
b = 2
resource "x" "${interp}" {
}
