a = {
  x
}
