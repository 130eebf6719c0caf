variable "name" {
  description = "Name prefix of every alarm, dashboard and topic, e.g. \"social-flow-dev\"."
  type        = string
}

variable "alert_email_addresses" {
  description = "Addresses subscribed to the alert topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.alert_email_addresses : can(regex("^[^@ ]+@[^@ ]+\\.[^@ ]+$", a))])
    error_message = "Every alert_email_addresses entry must be an e-mail address."
  }
}

# --- What is watched -------------------------------------------------------------------

variable "ecs_cluster_name" {
  description = "ECS cluster of the services."
  type        = string
}

variable "ecs_service_names" {
  description = "ECS service names by role (app, worker, beat)."
  type        = map(string)
}

variable "ecs_expected_task_counts" {
  description = "Tasks each service should be running, by role; fewer for 5 minutes raises the task-failure alarm."
  type        = map(number)
}

variable "alb_arn_suffix" {
  description = "ARN suffix of the load balancer."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "ARN suffix of the application target group."
  type        = string
}

variable "db_instance_id" {
  description = "Identifier of the RDS instance."
  type        = string
}

variable "redis_node_ids" {
  description = "Cache cluster IDs of the Redis nodes (<group>-001, …)."
  type        = list(string)
}

# --- Thresholds ------------------------------------------------------------------------

variable "cpu_threshold" {
  description = "CPU utilisation (%) above which ECS, RDS and Redis alarm."
  type        = number
  default     = 75
}

variable "memory_threshold" {
  description = "Memory utilisation (%) above which the ECS services alarm."
  type        = number
  default     = 80
}

variable "db_connections_threshold" {
  description = "Open PostgreSQL connections above which the database alarms (about 80 % of the instance class's max_connections)."
  type        = number
}

variable "redis_memory_threshold" {
  description = "Redis memory use (% of maxmemory) above which a node alarms."
  type        = number
  default     = 80
}

variable "app_errors_per_minute_threshold" {
  description = "5xx responses from the application per minute above which it alarms."
  type        = number
  default     = 100
}

variable "tags" {
  description = "Extra tags for every object."
  type        = map(string)
  default     = {}
}
