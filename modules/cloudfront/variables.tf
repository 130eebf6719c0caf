variable "name" {
  description = "Name prefix, e.g. \"social-flow-dev\" (used in comments and tags)."
  type        = string
}

variable "price_class" {
  description = "Edge locations served: PriceClass_100 (North America, Europe), PriceClass_200 (adds Asia, Middle East, Africa) or PriceClass_All."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "The price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "static_bucket" {
  description = "Bucket of the static assets, the default origin."
  type = object({
    name                 = string
    arn                  = string
    regional_domain_name = string
  })
}

variable "videos_bucket" {
  description = "Bucket of the processed videos, served under videos_path_pattern."
  type = object({
    name                 = string
    arn                  = string
    regional_domain_name = string
  })
}

variable "api_domain_name" {
  description = "Host name of the API behind the load balancer; CloudFront connects to it over HTTPS, so its certificate must cover it."
  type        = string
}

variable "api_path_pattern" {
  description = "Requests forwarded uncached to the API."
  type        = string
  default     = "/api/*"
}

variable "videos_path_pattern" {
  description = "Requests served from the videos bucket (the object key is the whole path, e.g. videos/123.mp4)."
  type        = string
  default     = "/videos/*"
}

variable "static_ttl" {
  description = "Seconds static assets stay cached when the origin sets no Cache-Control."
  type        = number
  default     = 86400
}

variable "videos_ttl" {
  description = "Seconds videos stay cached when the origin sets no Cache-Control."
  type        = number
  default     = 3600
}

variable "aliases" {
  description = "Extra host names of the distribution (custom domain). Requires acm_certificate_arn."
  type        = list(string)
  default     = []
}

variable "acm_certificate_arn" {
  description = "ACM certificate in us-east-1 covering aliases. Empty: CloudFront's own *.cloudfront.net certificate."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Extra tags for every object."
  type        = map(string)
  default     = {}
}
