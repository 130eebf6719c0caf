resource "aws_ecs_cluster" "main" {
  name = "app"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}
