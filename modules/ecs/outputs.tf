output "cluster_name" {
  description = "Name of the ECS cluster (the ClusterName dimension)."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "service_names" {
  description = "ECS service names by role: app, worker, beat (the ServiceName dimension)."
  value = {
    app    = aws_ecs_service.app.name
    worker = aws_ecs_service.background["worker"].name
    beat   = aws_ecs_service.background["beat"].name
  }
}

output "task_definition_arns" {
  description = "Task definition ARNs (with revision) by role."
  value       = { for k, t in aws_ecs_task_definition.this : k => t.arn }
}

output "ecr_repository_url" {
  description = "Repository to push the application image to."
  value       = aws_ecr_repository.app.repository_url
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route 53 zone of the load balancer's DNS name (for alias records)."
  value       = aws_lb.this.zone_id
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer (the LoadBalancer dimension)."
  value       = aws_lb.this.arn_suffix
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the application target group (the TargetGroup dimension)."
  value       = aws_lb_target_group.app.arn_suffix
}

output "api_domain_name" {
  description = "Host name of the API (alias of the load balancer, covered by its certificate)."
  value       = aws_route53_record.api.fqdn
}

output "certificate_arn" {
  description = "ACM certificate of the HTTPS listener."
  value       = aws_acm_certificate.api.arn
}

output "task_role_arn" {
  description = "IAM role of the application containers."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "IAM role of the ECS agent (image pull, logs, secrets)."
  value       = aws_iam_role.execution.arn
}

output "log_group_names" {
  description = "CloudWatch log groups by source: app, worker, beat, alb."
  value       = merge({ for k, g in aws_cloudwatch_log_group.service : k => g.name }, { alb = aws_cloudwatch_log_group.alb.name })
}

output "app_min_capacity" {
  description = "Fewest application tasks (the desired count without autoscaling)."
  value       = var.autoscaling_enabled ? var.autoscaling_min_capacity : var.app_desired_count
}
