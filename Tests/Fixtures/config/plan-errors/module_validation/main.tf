module "child" {
  source = "./child"
  port   = 70000
}
