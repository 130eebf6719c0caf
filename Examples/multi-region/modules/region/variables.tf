variable "name" {
  description = "Name prefix, e.g. \"social-prod\"."
  type        = string
}

variable "region_index" {
  description = "Position of the region (0-15): picks its block of four /16s in the supernet."
  type        = number

  validation {
    condition     = var.region_index >= 0 && var.region_index <= 15 && floor(var.region_index) == var.region_index
    error_message = "The region_index must be a whole number from 0 to 15."
  }
}

variable "supernet" {
  description = "IPv4 /8 shared by all regions."
  type        = string
  default     = "10.0.0.0/8"
}

variable "vpc_names" {
  description = "The VPCs of every region, in address order (seed 000)."
  type        = list(string)
  default     = ["platform", "data", "security", "management"]

  validation {
    condition     = length(var.vpc_names) <= 4
    error_message = "A region has room for four VPCs."
  }
}
