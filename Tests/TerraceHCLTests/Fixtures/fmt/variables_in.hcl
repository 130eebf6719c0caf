variable "s" {
  type = "string"
}
variable "l" {
  type = "list"
}
variable "m" {
  type = "map"
}
variable "bare_list" {
  type = list
}
variable "bare_map" {
  type = map
}
variable "bare_set" {
  type = set
}
variable "fine" {
  type = list(object({ a = string }))
}
variable "quoted_set_untouched" {
  type = "set"
}
resource "not_a_variable" "x" {
  type = "string"
  other = list
}
