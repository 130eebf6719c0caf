output "sns_topic_arn" {
  description = "Topic every alarm notifies."
  value       = aws_sns_topic.alerts.arn
}

output "alarm_names" {
  description = "Alarm names by key."
  value       = { for k, a in aws_cloudwatch_metric_alarm.this : k => a.alarm_name }
}

output "dashboard_names" {
  description = "Dashboard names: infrastructure, application, database, cache."
  value       = { for k, d in aws_cloudwatch_dashboard.this : k => d.dashboard_name }
}
