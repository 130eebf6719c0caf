# Monitoring layer: one SNS topic every alarm notifies, the alarms of seed 001, and
# four dashboards (infrastructure, application, database, cache).
#
# Log groups are created by the modules whose resources write them — flow logs in
# vpc, container and ALB logs in ecs, PostgreSQL logs in rds, Redis logs in
# elasticache — so each module owns its retention and the graph has no cycles.

data "aws_region" "current" {}

locals {
  region = data.aws_region.current.name

  ecs_alarms = merge(
    {
      for role, service in var.ecs_service_names : "ecs-${role}-cpu" => {
        description = "CPU of the ${role} service above ${var.cpu_threshold} %"
        namespace   = "AWS/ECS"
        metric      = "CPUUtilization"
        statistic   = "Average"
        dimensions  = tomap({ ClusterName = var.ecs_cluster_name, ServiceName = service })
        comparison  = "GreaterThanThreshold"
        threshold   = var.cpu_threshold
        periods     = 3
        missing     = "missing"
      }
    },
    {
      for role, service in var.ecs_service_names : "ecs-${role}-memory" => {
        description = "Memory of the ${role} service above ${var.memory_threshold} %"
        namespace   = "AWS/ECS"
        metric      = "MemoryUtilization"
        statistic   = "Average"
        dimensions  = tomap({ ClusterName = var.ecs_cluster_name, ServiceName = service })
        comparison  = "GreaterThanThreshold"
        threshold   = var.memory_threshold
        periods     = 3
        missing     = "missing"
      }
    },
    {
      # Container Insights counts running tasks; tasks that crash or fail their
      # health checks bring the count below the expected one.
      for role, service in var.ecs_service_names : "ecs-${role}-task-failures" => {
        description = "Fewer than ${var.ecs_expected_task_counts[role]} ${role} tasks running for 5 minutes"
        namespace   = "ECS/ContainerInsights"
        metric      = "RunningTaskCount"
        statistic   = "Minimum"
        dimensions  = tomap({ ClusterName = var.ecs_cluster_name, ServiceName = service })
        comparison  = "LessThanThreshold"
        threshold   = var.ecs_expected_task_counts[role]
        periods     = 5
        missing     = "breaching"
      }
    },
  )

  data_alarms = merge(
    {
      "rds-cpu" = {
        description = "CPU of ${var.db_instance_id} above ${var.cpu_threshold} %"
        namespace   = "AWS/RDS"
        metric      = "CPUUtilization"
        statistic   = "Average"
        dimensions  = tomap({ DBInstanceIdentifier = var.db_instance_id })
        comparison  = "GreaterThanThreshold"
        threshold   = var.cpu_threshold
        periods     = 3
        missing     = "missing"
      }
      "rds-connections" = {
        description = "More than ${var.db_connections_threshold} connections to ${var.db_instance_id}"
        namespace   = "AWS/RDS"
        metric      = "DatabaseConnections"
        statistic   = "Maximum"
        dimensions  = tomap({ DBInstanceIdentifier = var.db_instance_id })
        comparison  = "GreaterThanThreshold"
        threshold   = var.db_connections_threshold
        periods     = 3
        missing     = "missing"
      }
    },
    {
      for i, node in var.redis_node_ids : format("redis-%03d-cpu", i + 1) => {
        description = "Redis engine CPU of ${node} above ${var.cpu_threshold} %"
        namespace   = "AWS/ElastiCache"
        metric      = "EngineCPUUtilization"
        statistic   = "Average"
        dimensions  = tomap({ CacheClusterId = node })
        comparison  = "GreaterThanThreshold"
        threshold   = var.cpu_threshold
        periods     = 3
        missing     = "missing"
      }
    },
    {
      for i, node in var.redis_node_ids : format("redis-%03d-memory", i + 1) => {
        description = "Redis memory of ${node} above ${var.redis_memory_threshold} % of maxmemory"
        namespace   = "AWS/ElastiCache"
        metric      = "DatabaseMemoryUsagePercentage"
        statistic   = "Average"
        dimensions  = tomap({ CacheClusterId = node })
        comparison  = "GreaterThanThreshold"
        threshold   = var.redis_memory_threshold
        periods     = 3
        missing     = "missing"
      }
    },
  )

  edge_alarms = {
    "alb-unhealthy-targets" = {
      description = "The load balancer sees unhealthy application tasks"
      namespace   = "AWS/ApplicationELB"
      metric      = "UnHealthyHostCount"
      statistic   = "Maximum"
      dimensions  = tomap({ LoadBalancer = var.alb_arn_suffix, TargetGroup = var.target_group_arn_suffix })
      comparison  = "GreaterThanThreshold"
      threshold   = 0
      periods     = 2
      missing     = "notBreaching"
    }
    "app-errors" = {
      description = "More than ${var.app_errors_per_minute_threshold} application errors (HTTP 5xx) per minute"
      namespace   = "AWS/ApplicationELB"
      metric      = "HTTPCode_Target_5XX_Count"
      statistic   = "Sum"
      dimensions  = tomap({ LoadBalancer = var.alb_arn_suffix })
      comparison  = "GreaterThanThreshold"
      threshold   = var.app_errors_per_minute_threshold
      periods     = 1
      missing     = "notBreaching"
    }
  }

  alarms = merge(local.ecs_alarms, local.data_alarms, local.edge_alarms)
}

# --- Alerts --------------------------------------------------------------------------------

resource "aws_sns_topic" "alerts" {
  name = "${var.name}-alerts"

  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alert_email_addresses)

  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = each.value.statistic
  dimensions          = each.value.dimensions
  period              = 60
  evaluation_periods  = each.value.periods
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  treat_missing_data  = each.value.missing
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]

  tags = var.tags
}

# --- Dashboards -----------------------------------------------------------------------------

locals {
  ecs_metric = {
    for role, service in var.ecs_service_names :
    role => ["ClusterName", var.ecs_cluster_name, "ServiceName", service]
  }
  alb = ["LoadBalancer", var.alb_arn_suffix]
  db  = ["DBInstanceIdentifier", var.db_instance_id]

  # Each widget: a title, a statistic and its metric lines
  # ([namespace, metric, dimension name, value, …]).
  dashboard_widgets = {
    infrastructure = [
      { title = "ECS CPU (%)", stat = "Average", metrics = [for role, d in local.ecs_metric : concat(["AWS/ECS", "CPUUtilization"], d)] },
      { title = "ECS memory (%)", stat = "Average", metrics = [for role, d in local.ecs_metric : concat(["AWS/ECS", "MemoryUtilization"], d)] },
      { title = "ECS running tasks", stat = "Minimum", metrics = [for role, d in local.ecs_metric : concat(["ECS/ContainerInsights", "RunningTaskCount"], d)] },
      { title = "Load balancer requests", stat = "Sum", metrics = [concat(["AWS/ApplicationELB", "RequestCount"], local.alb)] },
      { title = "PostgreSQL CPU (%)", stat = "Average", metrics = [concat(["AWS/RDS", "CPUUtilization"], local.db)] },
      { title = "Redis engine CPU (%)", stat = "Average", metrics = [for n in var.redis_node_ids : ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", n]] },
    ]
    application = [
      { title = "Requests per minute", stat = "Sum", metrics = [concat(["AWS/ApplicationELB", "RequestCount"], local.alb)] },
      { title = "Response time p95 (s)", stat = "p95", metrics = [concat(["AWS/ApplicationELB", "TargetResponseTime"], local.alb)] },
      { title = "HTTP errors per minute", stat = "Sum", metrics = [concat(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"], local.alb), concat(["AWS/ApplicationELB", "HTTPCode_Target_4XX_Count"], local.alb), concat(["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"], local.alb)] },
      { title = "Healthy and unhealthy tasks", stat = "Maximum", metrics = [["AWS/ApplicationELB", "HealthyHostCount", "TargetGroup", var.target_group_arn_suffix, "LoadBalancer", var.alb_arn_suffix], ["AWS/ApplicationELB", "UnHealthyHostCount", "TargetGroup", var.target_group_arn_suffix, "LoadBalancer", var.alb_arn_suffix]] },
      { title = "Application tasks", stat = "Average", metrics = [concat(["ECS/ContainerInsights", "RunningTaskCount"], local.ecs_metric["app"]), concat(["ECS/ContainerInsights", "DesiredTaskCount"], local.ecs_metric["app"])] },
      { title = "Worker and beat tasks", stat = "Average", metrics = [for role in ["worker", "beat"] : concat(["ECS/ContainerInsights", "RunningTaskCount"], local.ecs_metric[role])] },
    ]
    database = [
      { title = "CPU (%)", stat = "Average", metrics = [concat(["AWS/RDS", "CPUUtilization"], local.db)] },
      { title = "Connections", stat = "Maximum", metrics = [concat(["AWS/RDS", "DatabaseConnections"], local.db)] },
      { title = "Freeable memory (bytes)", stat = "Minimum", metrics = [concat(["AWS/RDS", "FreeableMemory"], local.db)] },
      { title = "Free storage (bytes)", stat = "Minimum", metrics = [concat(["AWS/RDS", "FreeStorageSpace"], local.db)] },
      { title = "IOPS", stat = "Average", metrics = [concat(["AWS/RDS", "ReadIOPS"], local.db), concat(["AWS/RDS", "WriteIOPS"], local.db)] },
      { title = "Latency (s)", stat = "Average", metrics = [concat(["AWS/RDS", "ReadLatency"], local.db), concat(["AWS/RDS", "WriteLatency"], local.db)] },
    ]
    cache = [
      { title = "Engine CPU (%)", stat = "Average", metrics = [for n in var.redis_node_ids : ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", n]] },
      { title = "Memory (% of maxmemory)", stat = "Average", metrics = [for n in var.redis_node_ids : ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", n]] },
      { title = "Connections", stat = "Maximum", metrics = [for n in var.redis_node_ids : ["AWS/ElastiCache", "CurrConnections", "CacheClusterId", n]] },
      { title = "Hit rate (%)", stat = "Average", metrics = [for n in var.redis_node_ids : ["AWS/ElastiCache", "CacheHitRate", "CacheClusterId", n]] },
      { title = "Evictions", stat = "Sum", metrics = [for n in var.redis_node_ids : ["AWS/ElastiCache", "Evictions", "CacheClusterId", n]] },
      { title = "Replication lag (s)", stat = "Maximum", metrics = [for n in var.redis_node_ids : ["AWS/ElastiCache", "ReplicationLag", "CacheClusterId", n]] },
    ]
  }

  # Two widgets per row, 12 columns by 6 rows each.
  dashboard_bodies = {
    for name, widgets in local.dashboard_widgets : name => jsonencode({
      widgets = [
        for i, w in widgets : {
          type   = "metric"
          x      = (i % 2) * 12
          y      = floor(i / 2) * 6
          width  = 12
          height = 6
          properties = {
            title   = w.title
            region  = local.region
            stat    = w.stat
            period  = 60
            view    = "timeSeries"
            stacked = false
            metrics = w.metrics
          }
        }
      ]
    })
  }
}

resource "aws_cloudwatch_dashboard" "this" {
  for_each = local.dashboard_bodies

  dashboard_name = "${var.name}-${each.key}"
  dashboard_body = each.value
}
