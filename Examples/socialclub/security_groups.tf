# Seed 003's rules. The ALB group has its rules inline; the other three reference
# each other (ECS → RDS and RDS ← ECS), so their rules are separate resources.

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "ALB: HTTP and HTTPS from the internet"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTP"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "All traffic"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = { Name = "${local.name}-alb" }
}

resource "aws_security_group" "ecs" {
  name        = "${local.name}-ecs"
  description = "ECS tasks: the backend port from the ALB"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-ecs" }
}

resource "aws_security_group" "rds" {
  name        = "${local.name}-rds"
  description = "RDS: PostgreSQL from the ECS tasks"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-rds" }
}

resource "aws_security_group" "redis" {
  name        = "${local.name}-redis"
  description = "ElastiCache: Redis from the ECS tasks"
  vpc_id      = aws_vpc.main.id

  tags = { Name = "${local.name}-redis" }
}

locals {
  sg_rules = {
    ecs_from_alb   = { type = "ingress", sg = aws_security_group.ecs.id, port = local.backend_port, peer = aws_security_group.alb.id, description = "Backend port from the ALB" }
    ecs_to_rds     = { type = "egress", sg = aws_security_group.ecs.id, port = 5432, peer = aws_security_group.rds.id, description = "PostgreSQL" }
    ecs_to_redis   = { type = "egress", sg = aws_security_group.ecs.id, port = 6379, peer = aws_security_group.redis.id, description = "Redis" }
    rds_from_ecs   = { type = "ingress", sg = aws_security_group.rds.id, port = 5432, peer = aws_security_group.ecs.id, description = "PostgreSQL from ECS" }
    redis_from_ecs = { type = "ingress", sg = aws_security_group.redis.id, port = 6379, peer = aws_security_group.ecs.id, description = "Redis from ECS" }
  }
}

resource "aws_security_group_rule" "between_groups" {
  for_each = local.sg_rules

  type                     = each.value.type
  security_group_id        = each.value.sg
  description              = each.value.description
  protocol                 = "tcp"
  from_port                = each.value.port
  to_port                  = each.value.port
  source_security_group_id = each.value.peer
}

# HTTPS out of the tasks: AWS APIs (ECR, Secrets Manager, DynamoDB, CloudWatch) and
# the integrations (Stripe, Twilio, SendGrid).
resource "aws_security_group_rule" "ecs_https_out" {
  type              = "egress"
  security_group_id = aws_security_group.ecs.id
  description       = "HTTPS to AWS APIs and external APIs"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "all_out" {
  for_each = {
    rds   = aws_security_group.rds.id
    redis = aws_security_group.redis.id
  }

  type              = "egress"
  security_group_id = each.value
  description       = "All traffic"
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"]
}
