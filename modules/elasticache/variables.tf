variable "name" {
  description = "Name prefix of every object, e.g. \"social-flow-dev\". The replication group is \"<name>-redis\"."
  type        = string

  validation {
    # Replication group ids: at most 40 lowercase letters, digits and single
    # hyphens, starting with a letter ("-redis" is appended).
    condition     = can(regex("^[a-z][a-z0-9-]{0,33}$", var.name)) && !can(regex("--", var.name)) && !can(regex("-$", var.name))
    error_message = "The name must be lowercase letters, digits and single hyphens, start with a letter, and be at most 34 characters."
  }
}

variable "subnet_ids" {
  description = "Private subnets of the cache subnet group."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the cache nodes."
  type        = list(string)
}

variable "engine_version" {
  description = "Redis version, major and minor (\"7.0\")."
  type        = string
  default     = "7.0"

  validation {
    condition     = can(regex("^[67]\\.[0-9x]+$", var.engine_version))
    error_message = "The engine_version must be a Redis 6 or 7 version such as \"7.0\"."
  }
}

variable "node_type" {
  description = "Node type, e.g. cache.t3.micro, cache.t3.small, cache.r6g.large."
  type        = string

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.node_type))
    error_message = "The node_type must look like \"cache.t3.micro\"."
  }
}

variable "num_cache_clusters" {
  description = "Nodes in the group: one primary plus replicas. Two or more turn on automatic failover and Multi-AZ."
  type        = number
  default     = 1

  validation {
    condition     = var.num_cache_clusters >= 1 && var.num_cache_clusters <= 6 && floor(var.num_cache_clusters) == var.num_cache_clusters
    error_message = "The num_cache_clusters must be a whole number from 1 to 6."
  }
}

variable "port" {
  description = "Redis port."
  type        = number
  default     = 6379
}

variable "parameters" {
  description = "Redis parameters of the group's parameter group."
  type        = map(string)
  default = {
    "maxmemory-policy" = "allkeys-lru"
    "timeout"          = "300"
    "tcp-keepalive"    = "300"
  }
}

variable "snapshot_retention_limit" {
  description = "Days of automatic snapshots (0 turns them off)."
  type        = number
  default     = 7
}

variable "snapshot_window" {
  description = "Daily UTC window of automatic snapshots."
  type        = string
  default     = "05:00-06:00"
}

variable "maintenance_window" {
  description = "Weekly UTC maintenance window."
  type        = string
  default     = "sun:06:30-sun:07:30"
}

variable "apply_immediately" {
  description = "Apply modifications now instead of in the next maintenance window."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the slow and engine logs."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Extra tags for every object."
  type        = map(string)
  default     = {}
}
