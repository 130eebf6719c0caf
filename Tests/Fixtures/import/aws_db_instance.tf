resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "us-east-1b"
}

resource "aws_db_subnet_group" "db" {
  name        = "db-subnets"
  description = "database subnets"
  subnet_ids  = [aws_subnet.a.id, aws_subnet.b.id]
}

resource "aws_db_instance" "app" {
  identifier           = "app-db"
  engine               = "postgres"
  engine_version       = "15.4"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  storage_type         = "gp3"
  username             = "app"
  password             = "correct-horse-9"
  db_subnet_group_name = aws_db_subnet_group.db.name

  # AWS never returns the password, so an imported instance has none in state.
  lifecycle {
    ignore_changes = [password]
  }
}
