output "instance_id" {
  description = "Identifier of the instance (the CloudWatch DBInstanceIdentifier dimension)."
  value       = aws_db_instance.this.identifier
}

output "instance_arn" {
  description = "ARN of the instance."
  value       = aws_db_instance.this.arn
}

output "endpoint" {
  description = "Connection endpoint, \"host:port\"."
  value       = aws_db_instance.this.endpoint
}

output "address" {
  description = "Host name of the instance."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_db_instance.this.port
}

output "db_name" {
  description = "Name of the application database."
  value       = aws_db_instance.this.db_name
}

output "username" {
  description = "Master user name."
  value       = aws_db_instance.this.username
  sensitive   = true
}

output "password" {
  description = "Master password, for the secrets module to store; never print it."
  value       = random_password.master.result
  sensitive   = true
}

output "kms_key_arn" {
  description = "KMS key encrypting storage, snapshots and Performance Insights."
  value       = aws_kms_key.this.arn
}

output "parameter_group_name" {
  description = "Name of the parameter group."
  value       = aws_db_parameter_group.this.name
}

output "log_group_names" {
  description = "CloudWatch log groups of the exported logs, by log type."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}
