variable "name" {
  description = "Name prefix of every object, e.g. \"social-flow-dev\"."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 range of the VPC. Public subnets take its /24s number 1, 2, 3…; private subnets number 11, 12, 13…"
  type        = string

  validation {
    condition     = can(cidrnetmask(var.cidr_block)) && try(tonumber(split("/", var.cidr_block)[1]) >= 16 && tonumber(split("/", var.cidr_block)[1]) <= 20, false)
    error_message = "The cidr_block must be an IPv4 CIDR block between /16 and /20, e.g. \"10.0.0.0/16\", each subnet is 8 bits longer (a /24 in a /16)."
  }
}

variable "availability_zones" {
  description = "Availability zones to spread the subnets over, one public and one private subnet in each."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 9
    error_message = "Give between 2 and 9 availability zones: the load balancer and the database subnet groups need at least two."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway shared by every private subnet (cheaper) instead of one per availability zone (survives the loss of a zone)."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Days CloudWatch keeps the VPC flow logs."
  type        = number
  default     = 30
}

variable "flow_log_traffic_type" {
  description = "Which traffic the flow log records: ACCEPT, REJECT or ALL."
  type        = string
  default     = "ALL"

  validation {
    condition     = contains(["ACCEPT", "REJECT", "ALL"], var.flow_log_traffic_type)
    error_message = "The flow_log_traffic_type must be ACCEPT, REJECT or ALL."
  }
}

variable "tags" {
  description = "Extra tags for every object (the provider's default_tags carry project and environment)."
  type        = map(string)
  default     = {}
}
