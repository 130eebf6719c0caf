# Compute layer: an ECS Fargate cluster running the application behind an
# Application Load Balancer, Celery workers and Celery beat — all from one image —
# with target-tracking autoscaling of the application where enabled.

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  image       = var.container_image != "" ? var.container_image : "${aws_ecr_repository.app.repository_url}:${var.image_tag}"
  api_domain  = "api.${var.domain_name}"
  environment = [for k, v in var.environment_variables : { name = k, value = v }]
  secrets     = [for k, v in var.secrets : { name = k, valueFrom = v }]

  services = {
    app    = { cpu = var.app_cpu, memory = var.app_memory }
    worker = { cpu = var.worker_cpu, memory = var.worker_memory }
    beat   = { cpu = var.beat_cpu, memory = var.beat_memory }
  }

  base_container = {
    for name in keys(local.services) : name => {
      name        = name
      image       = local.image
      essential   = true
      environment = local.environment
      secrets     = local.secrets
      logConfiguration = {
        logDriver = "awslogs"
        options = {
          "awslogs-group"         = aws_cloudwatch_log_group.service[name].name
          "awslogs-region"        = data.aws_region.current.name
          "awslogs-stream-prefix" = name
        }
      }
    }
  }

  containers = {
    app = merge(local.base_container["app"], {
      portMappings = [{ containerPort = var.app_port, hostPort = var.app_port, protocol = "tcp" }]
      healthCheck = {
        command     = ["CMD-SHELL", "curl -fsS http://localhost:${var.app_port}${var.health_check_path} || exit 1"]
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 60
      }
    })
    # Celery finishes the task in hand on SIGTERM; give it two minutes.
    worker = merge(local.base_container["worker"], { command = var.worker_command, stopTimeout = 120 })
    beat   = merge(local.base_container["beat"], { command = var.beat_command })
  }

  scaling_policies = {
    cpu      = { metric = "ECSServiceAverageCPUUtilization", target = var.autoscaling_cpu_target, label = "" }
    memory   = { metric = "ECSServiceAverageMemoryUtilization", target = var.autoscaling_memory_target, label = "" }
    requests = { metric = "ALBRequestCountPerTarget", target = var.autoscaling_requests_per_target, label = "${aws_lb.this.arn_suffix}/${aws_lb_target_group.app.arn_suffix}" }
  }
}

# --- Cluster and image repository -------------------------------------------------------

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  tags = var.tags
}

resource "aws_ecr_repository" "app" {
  name                 = "${var.name}/app"
  image_tag_mutability = "MUTABLE" # "latest" and the environment tags move with each deployment
  force_delete         = var.force_delete

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }

  tags = var.tags
}

# --- Logs -------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "service" {
  for_each = local.services

  name              = "/ecs/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

# AWS delivers ALB access logs to S3 only; this group is where the design wants
# them, filled by a log forwarder outside this stack.
resource "aws_cloudwatch_log_group" "alb" {
  name              = "/aws/alb/${var.name}"
  retention_in_days = var.log_retention_days

  tags = var.tags
}

# --- IAM -----------------------------------------------------------------------------------

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # Only tasks of this account may assume the roles (confused-deputy guard).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# The execution role is ECS's own: pull the image, write logs, fetch the secrets.
resource "aws_iam_role" "execution" {
  name               = "${var.name}-ecs-execution"
  description        = "ECS agent of ${var.name}: image pull, logs, secrets"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "read_secrets" {
  statement {
    sid       = "ReadSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = var.secret_arns
  }

  statement {
    sid       = "DecryptSecrets"
    actions   = ["kms:Decrypt"]
    resources = [var.secrets_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  name   = "read-secrets"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.read_secrets.json
}

# The task role is the application's: the buckets and its own metrics.
resource "aws_iam_role" "task" {
  name               = "${var.name}-ecs-task"
  description        = "Application containers of ${var.name}"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "task" {
  statement {
    sid       = "ListBuckets"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = var.bucket_arns
  }

  statement {
    sid       = "ReadWriteObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [for arn in var.bucket_arns : "${arn}/*"]
  }

  statement {
    sid       = "PublishMetrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["SocialFlow"]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "application"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# --- Task definitions and services ---------------------------------------------------------

resource "aws_ecs_task_definition" "this" {
  for_each = local.services

  family                   = "${var.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = each.value.cpu
  memory                   = each.value.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.containers[each.key]])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  tags = var.tags
}

resource "aws_ecs_service" "app" {
  name                              = "${var.name}-app"
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.this["app"].arn
  desired_count                     = var.app_desired_count
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 60
  propagate_tags                    = "SERVICE"
  enable_ecs_managed_tags           = true

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [var.app_security_group_id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.app.arn
    container_name   = "app"
    container_port   = var.app_port
  }

  tags = var.tags

  # With autoscaling, Application Auto Scaling moves the count; the configuration
  # only sets it at creation.
  lifecycle {
    ignore_changes = [desired_count]
  }

  # The target group must belong to a load balancer before a service can use it.
  depends_on = [aws_lb_listener.https]
}

# Workers and beat take no traffic; beat must never run twice (duplicate schedules),
# so it is pinned to one task and replaced stop-first.
resource "aws_ecs_service" "background" {
  for_each = {
    worker = { desired_count = var.worker_desired_count, min_healthy = 100, max = 200 }
    beat   = { desired_count = 1, min_healthy = 0, max = 100 }
  }

  name                    = "${var.name}-${each.key}"
  cluster                 = aws_ecs_cluster.this.id
  task_definition         = aws_ecs_task_definition.this[each.key].arn
  desired_count           = each.value.desired_count
  launch_type             = "FARGATE"
  platform_version        = "LATEST"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true

  deployment_minimum_healthy_percent = each.value.min_healthy
  deployment_maximum_percent         = each.value.max

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [var.app_security_group_id]
    assign_public_ip = false
  }

  tags = var.tags
}

# --- Autoscaling of the application ---------------------------------------------------------

resource "aws_appautoscaling_target" "app" {
  count = var.autoscaling_enabled ? 1 : 0

  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.app.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.autoscaling_min_capacity
  max_capacity       = var.autoscaling_max_capacity
}

# Three target-tracking policies: the service scales out when any one is above its
# target and in only when all are below theirs.
resource "aws_appautoscaling_policy" "app" {
  for_each = { for k, p in local.scaling_policies : k => p if var.autoscaling_enabled }

  name               = "${var.name}-app-${each.key}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.app[0].service_namespace
  resource_id        = aws_appautoscaling_target.app[0].resource_id
  scalable_dimension = aws_appautoscaling_target.app[0].scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.target
    scale_out_cooldown = var.scale_out_cooldown
    scale_in_cooldown  = var.scale_in_cooldown

    predefined_metric_specification {
      predefined_metric_type = each.value.metric
      resource_label         = each.value.label != "" ? each.value.label : null
    }
  }
}

# --- Load balancer ------------------------------------------------------------------------------

resource "aws_lb" "this" {
  name                       = "${var.name}-alb"
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [var.alb_security_group_id]
  subnets                    = var.public_subnet_ids
  idle_timeout               = 60
  enable_http2               = true
  drop_invalid_header_fields = true
  enable_deletion_protection = false

  tags = var.tags
}

resource "aws_lb_target_group" "app" {
  name                 = "${var.name}-app"
  port                 = var.app_port
  protocol             = "HTTP"
  target_type          = "ip" # Fargate tasks register by address
  vpc_id               = var.vpc_id
  deregistration_delay = var.deregistration_delay

  health_check {
    enabled             = true
    path                = var.health_check_path
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = var.health_check_interval
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  stickiness {
    enabled         = true
    type            = "lb_cookie"
    cookie_duration = var.stickiness_duration
  }

  tags = var.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = aws_acm_certificate.api.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }

  tags = var.tags

  depends_on = [aws_route53_record.api_validation]
}

# --- Certificate and DNS ----------------------------------------------------------------------

resource "aws_acm_certificate" "api" {
  domain_name       = local.api_domain
  validation_method = "DNS"

  tags = merge(var.tags, { Name = local.api_domain })

  lifecycle {
    create_before_destroy = true
  }
}

# A certificate for one name has one validation record.
resource "aws_route53_record" "api_validation" {
  zone_id         = var.zone_id
  name            = tolist(aws_acm_certificate.api.domain_validation_options)[0].resource_record_name
  type            = tolist(aws_acm_certificate.api.domain_validation_options)[0].resource_record_type
  records         = [tolist(aws_acm_certificate.api.domain_validation_options)[0].resource_record_value]
  ttl             = 60
  allow_overwrite = true
}

resource "aws_route53_record" "api" {
  zone_id = var.zone_id
  name    = local.api_domain
  type    = "A"

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}
