# The NestJS backend on Fargate: port 3001, 2-5 tasks in staging and 3-10 in
# production, scaled on CPU (70 %) and memory (75 %) with 300 s cooldowns.

resource "aws_ecs_cluster" "main" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

locals {
  # Environment variables read from Secrets Manager when a task starts.
  backend_secrets = {
    DATABASE_URL          = "database/database-url"
    REDIS_URL             = "database/redis-url"
    JWT_SECRET            = "auth/jwt-secret"
    JWT_REFRESH_SECRET    = "auth/jwt-refresh-secret"
    SESSION_SECRET        = "auth/session-secret"
    STRIPE_SECRET_KEY     = "integration/stripe-key"
    STRIPE_WEBHOOK_SECRET = "integration/stripe-webhook-secret"
    TWILIO_API_KEY        = "integration/twilio-key"
    SENDGRID_API_KEY      = "integration/sendgrid-key"
    GOOGLE_MAPS_API_KEY   = "integration/google-maps-key"
    SENTRY_DSN            = "monitoring/sentry-dsn"
  }
}

resource "aws_ecs_task_definition" "backend" {
  family                   = "${local.name}-backend"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = local.env.task_cpu
  memory                   = local.env.task_memory
  execution_role_arn       = aws_iam_role.ecs_execution.arn
  task_role_arn            = aws_iam_role.ecs_task.arn

  container_definitions = jsonencode([{
    name         = "backend"
    image        = "${aws_ecr_repository.backend.repository_url}:${var.environment}"
    essential    = true
    portMappings = [{ containerPort = local.backend_port, hostPort = local.backend_port, protocol = "tcp" }]
    environment = [
      { name = "NODE_ENV", value = "production" },
      { name = "PORT", value = tostring(local.backend_port) },
      { name = "APP_ENV", value = var.environment },
    ]
    secrets = [for name, secret in local.backend_secrets : { name = name, valueFrom = aws_secretsmanager_secret.this[secret].arn }]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.this["ecs"].name
        "awslogs-region"        = var.aws_region
        "awslogs-stream-prefix" = "backend"
      }
    }
  }])
}

resource "aws_ecs_service" "backend" {
  name                              = "backend-service"
  cluster                           = aws_ecs_cluster.main.id
  task_definition                   = aws_ecs_task_definition.backend.arn
  desired_count                     = local.env.tasks_min
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 60

  # Rolling deployment without downtime.
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets         = [for s in aws_subnet.private : s.id]
    security_groups = [aws_security_group.ecs.id]
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.backend.arn
    container_name   = "backend"
    container_port   = local.backend_port
  }

  lifecycle {
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener_rule.api]
}

resource "aws_appautoscaling_target" "backend" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.main.name}/${aws_ecs_service.backend.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = local.env.tasks_min
  max_capacity       = local.env.tasks_max
}

resource "aws_appautoscaling_policy" "backend" {
  for_each = {
    cpu    = { metric = "ECSServiceAverageCPUUtilization", target = 70 }
    memory = { metric = "ECSServiceAverageMemoryUtilization", target = 75 }
  }

  name               = "${local.name}-backend-${each.key}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.backend.service_namespace
  resource_id        = aws_appautoscaling_target.backend.resource_id
  scalable_dimension = aws_appautoscaling_target.backend.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.target
    scale_in_cooldown  = 300
    scale_out_cooldown = 300

    predefined_metric_specification {
      predefined_metric_type = each.value.metric
    }
  }
}
