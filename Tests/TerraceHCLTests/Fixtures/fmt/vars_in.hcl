region="eu-west-1"
instance_count=3
tags={
Owner="team"
  CostCenter = "1234"
}
subnets = ["10.0.1.0/24","10.0.2.0/24"]
