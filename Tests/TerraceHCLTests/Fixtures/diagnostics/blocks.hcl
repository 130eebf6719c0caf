resource "a" "b" = {
}
resource "c" "d"
{
}
resource "e" "f" { x = 1, y = 2 }
resource "g" "h" { x = 1
}
resource "i" "j" { nested {} }
"quoted" = 1
