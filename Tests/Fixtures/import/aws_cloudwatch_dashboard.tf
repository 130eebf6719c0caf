resource "aws_cloudwatch_dashboard" "main" {
  dashboard_name = "main"
  dashboard_body = jsonencode({
    widgets = [{
      type       = "text"
      x          = 0
      y          = 0
      width      = 6
      height     = 3
      properties = { markdown = "hello" }
    }]
  })
}
