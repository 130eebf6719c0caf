# Seed 003's CloudWatch: log groups with their retention, the alarms (to an SNS
# topic) and five dashboards.

locals {
  log_groups = {
    ecs    = { name = "/aws/ecs/${local.name}-backend", retention = 30 }
    rds    = { name = "/aws/rds/instance/${local.name}-postgres/postgresql", retention = 7 } # the name RDS exports to
    redis  = { name = "/aws/elasticache/${local.name}-redis", retention = 3 }
    lambda = { name = "/aws/lambda/${local.name}-functions", retention = 14 }
  }

  alb_dimension = { LoadBalancer = aws_lb.main.arn_suffix }
  ecs_dimensions = {
    ClusterName = aws_ecs_cluster.main.name
    ServiceName = aws_ecs_service.backend.name
  }
  db_dimension = { DBInstanceIdentifier = aws_db_instance.main.identifier }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = local.log_groups

  name              = each.value.name
  retention_in_days = each.value.retention
  kms_key_id        = aws_kms_key.master.arn
}

resource "aws_sns_topic" "alarms" {
  name              = "${local.name}-alarms"
  kms_master_key_id = aws_kms_key.master.arn
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alert_email != "" ? 1 : 0

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alert_email
}

# --- Alarms ------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "ecs_cpu" {
  alarm_name          = "${local.name}-backend-cpu-high"
  alarm_description   = "Backend CPU above 80 %"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = local.ecs_dimensions
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "ecs_memory" {
  alarm_name          = "${local.name}-backend-memory-high"
  alarm_description   = "Backend memory above 85 %"
  namespace           = "AWS/ECS"
  metric_name         = "MemoryUtilization"
  dimensions          = local.ecs_dimensions
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 85
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "db_connections" {
  alarm_name          = "${local.name}-db-connections-high"
  alarm_description   = "PostgreSQL connections above 80 % of max_connections"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = local.db_dimension
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = local.env.db_connections_max
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "db_storage" {
  alarm_name          = "${local.name}-db-storage-high"
  alarm_description   = "PostgreSQL storage above 80 % of the allocated 100 GiB"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = local.db_dimension
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = 0.2 * aws_db_instance.main.allocated_storage * 1073741824
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_metric_alarm" "alb_unhealthy" {
  alarm_name          = "${local.name}-alb-unhealthy-targets"
  alarm_description   = "The ALB sees unhealthy backend tasks"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = merge(local.alb_dimension, { TargetGroup = aws_lb_target_group.backend.arn_suffix })
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
}

# Error rate above 1 %: 5xx responses over all requests, by metric math.
resource "aws_cloudwatch_metric_alarm" "error_rate" {
  alarm_name          = "${local.name}-error-rate-high"
  alarm_description   = "More than 1 % of API requests fail with 5xx"
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "error_rate"
    expression  = "IF(requests > 0, 100 * errors / requests, 0)"
    label       = "5xx error rate (%)"
    return_data = true
  }

  metric_query {
    id = "errors"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = local.alb_dimension
      stat        = "Sum"
      period      = 300
    }
  }

  metric_query {
    id = "requests"

    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = local.alb_dimension
      stat        = "Sum"
      period      = 300
    }
  }
}

# --- Dashboards --------------------------------------------------------------------------

locals {
  alb_metric = ["LoadBalancer", aws_lb.main.arn_suffix]
  ecs_metric = ["ClusterName", aws_ecs_cluster.main.name, "ServiceName", aws_ecs_service.backend.name]
  db_metric  = ["DBInstanceIdentifier", aws_db_instance.main.identifier]
  redis_metric = [
    for i in range(local.env.redis_nodes) : format("%s-redis-%03d", local.name, i + 1)
  ]

  dashboards = {
    "application-overview" = [
      { title = "Requests", stat = "Sum", metrics = [concat(["AWS/ApplicationELB", "RequestCount"], local.alb_metric)] },
      { title = "Running tasks", stat = "Average", metrics = [concat(["ECS/ContainerInsights", "RunningTaskCount"], local.ecs_metric)] },
      { title = "CloudFront requests", stat = "Sum", metrics = [["AWS/CloudFront", "Requests", "DistributionId", aws_cloudfront_distribution.frontend.id, "Region", "Global"]] },
    ]
    "backend-performance" = [
      { title = "CPU and memory (%)", stat = "Average", metrics = [concat(["AWS/ECS", "CPUUtilization"], local.ecs_metric), concat(["AWS/ECS", "MemoryUtilization"], local.ecs_metric)] },
      { title = "Response time p95 (s)", stat = "p95", metrics = [concat(["AWS/ApplicationELB", "TargetResponseTime"], local.alb_metric)] },
    ]
    "database-health" = [
      { title = "CPU (%)", stat = "Average", metrics = [concat(["AWS/RDS", "CPUUtilization"], local.db_metric)] },
      { title = "Connections", stat = "Maximum", metrics = [concat(["AWS/RDS", "DatabaseConnections"], local.db_metric)] },
      { title = "Free storage (bytes)", stat = "Minimum", metrics = [concat(["AWS/RDS", "FreeStorageSpace"], local.db_metric)] },
    ]
    "cache-statistics" = [
      { title = "Hit rate (%)", stat = "Average", metrics = [for n in local.redis_metric : ["AWS/ElastiCache", "CacheHitRate", "CacheClusterId", n]] },
      { title = "Evictions", stat = "Sum", metrics = [for n in local.redis_metric : ["AWS/ElastiCache", "Evictions", "CacheClusterId", n]] },
    ]
    "error-tracking" = [
      { title = "5xx responses", stat = "Sum", metrics = [concat(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"], local.alb_metric), concat(["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"], local.alb_metric)] },
      { title = "4xx responses", stat = "Sum", metrics = [concat(["AWS/ApplicationELB", "HTTPCode_Target_4XX_Count"], local.alb_metric)] },
    ]
  }
}

resource "aws_cloudwatch_dashboard" "this" {
  for_each = toset(keys(local.dashboards))

  dashboard_name = "${local.name}-${each.key}"
  dashboard_body = jsonencode({
    widgets = [
      for i, w in local.dashboards[each.key] : {
        type       = "metric"
        x          = (i % 2) * 12
        y          = floor(i / 2) * 6
        width      = 12
        height     = 6
        properties = { title = w.title, stat = w.stat, period = 300, region = var.aws_region, metrics = w.metrics }
      }
    ]
  })
}
