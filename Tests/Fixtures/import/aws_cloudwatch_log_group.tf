resource "aws_cloudwatch_log_group" "web" {
  name              = "/app/web"
  retention_in_days = 14

  tags = {
    app = "web"
  }
}
