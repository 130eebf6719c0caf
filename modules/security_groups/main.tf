# Security layer: four groups chained so that each tier accepts traffic only from
# the tier in front of it — internet → ALB → app → PostgreSQL / Redis.
#
# Rules are separate aws_vpc_security_group_*_rule resources (one rule, one
# resource): they can reference each other's groups without a cycle, and a change
# to one rule never rewrites the others.

locals {
  groups = {
    alb   = "Application load balancer: HTTP and HTTPS from the internet"
    app   = "ECS tasks: the application port from the load balancer only"
    db    = "PostgreSQL: from the ECS tasks only"
    redis = "Redis: from the ECS tasks only"
  }

  # Every ingress rule of the stack: the source is a CIDR block or another group.
  alb_ingress = {
    for pair in setproduct(["http", "https"], var.alb_ingress_cidrs) :
    "${pair[0]}-${pair[1]}" => {
      port = pair[0] == "http" ? 80 : 443
      cidr = pair[1]
    }
  }
}

resource "aws_security_group" "this" {
  for_each = local.groups

  name        = "${var.name}-${each.key}"
  description = each.value
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-${each.key}" })
}

resource "aws_vpc_security_group_ingress_rule" "alb" {
  for_each = local.alb_ingress

  security_group_id = aws_security_group.this["alb"].id
  description       = upper(split("-", each.key)[0])
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr

  tags = merge(var.tags, { Name = "${var.name}-alb-${split("-", each.key)[0]}" })
}

resource "aws_vpc_security_group_ingress_rule" "app_from_alb" {
  security_group_id            = aws_security_group.this["app"].id
  description                  = "Application port from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.this["alb"].id

  tags = merge(var.tags, { Name = "${var.name}-app-from-alb" })
}

resource "aws_vpc_security_group_ingress_rule" "db_from_app" {
  security_group_id            = aws_security_group.this["db"].id
  description                  = "PostgreSQL from the ECS tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.db_port
  to_port                      = var.db_port
  referenced_security_group_id = aws_security_group.this["app"].id

  tags = merge(var.tags, { Name = "${var.name}-db-from-app" })
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_app" {
  security_group_id            = aws_security_group.this["redis"].id
  description                  = "Redis from the ECS tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.redis_port
  to_port                      = var.redis_port
  referenced_security_group_id = aws_security_group.this["app"].id

  tags = merge(var.tags, { Name = "${var.name}-redis-from-app" })
}

# Egress is open on every group, as seed 001 specifies. AWS adds this rule to a new
# group by itself, but Terraform removes it on creation, so it is declared here.
resource "aws_vpc_security_group_egress_rule" "all" {
  for_each = local.groups

  security_group_id = aws_security_group.this[each.key].id
  description       = "All outbound traffic"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.tags, { Name = "${var.name}-${each.key}-egress" })
}
