variable "s" {
  type = string
}
variable "l" {
  type = list(string)
}
variable "m" {
  type = map(string)
}
variable "bare_list" {
  type = list(any)
}
variable "bare_map" {
  type = map(any)
}
variable "bare_set" {
  type = set(any)
}
variable "fine" {
  type = list(object({ a = string }))
}
variable "quoted_set_untouched" {
  type = "set"
}
resource "not_a_variable" "x" {
  type  = "string"
  other = list
}
