variable "name" {
  description = "Name prefix of every bucket, e.g. \"social-flow-dev\"."
  type        = string

  validation {
    # Bucket names are "<name>-<purpose>-<account id>": at most 63 lowercase
    # letters, digits, hyphens and dots.
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,40}[a-z0-9]$", var.name))
    error_message = "The name must be 2-42 lowercase letters, digits and hyphens, starting and ending with a letter or digit."
  }
}

variable "account_id" {
  description = "AWS account ID, appended to every bucket name: bucket names are global across all accounts."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account_id must be 12 digits."
  }
}

variable "force_destroy" {
  description = "Let destroy delete buckets that still hold objects (dev, staging)."
  type        = bool
  default     = false
}

variable "videos_versioning_enabled" {
  description = "Keep previous versions of videos. Once enabled, S3 can only suspend versioning, never disable it again."
  type        = bool
  default     = true
}

variable "videos_glacier_after_days" {
  description = "Days after which videos move to S3 Glacier Flexible Retrieval."
  type        = number
  default     = 90
}

variable "videos_expire_after_days" {
  description = "Days after which videos are deleted."
  type        = number
  default     = 730
}

variable "uploads_expire_after_days" {
  description = "Days after which raw uploads are deleted (they are transcoded into the videos bucket)."
  type        = number
  default     = 7
}

variable "noncurrent_version_expire_after_days" {
  description = "Days a replaced object version is kept in the versioned buckets."
  type        = number
  default     = 30
}

variable "cors_allowed_origins" {
  description = "Web origins allowed to upload to and read from the videos bucket from a browser."
  type        = list(string)
  default     = ["*"]
}

variable "tags" {
  description = "Extra tags for every object."
  type        = map(string)
  default     = {}
}
