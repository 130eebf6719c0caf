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

resource "aws_elasticache_subnet_group" "cache" {
  name        = "cache-subnets"
  description = "cache subnets"
  subnet_ids  = [aws_subnet.a.id, aws_subnet.b.id]
}

resource "aws_elasticache_cluster" "sessions" {
  cluster_id        = "sessions"
  engine            = "memcached"
  node_type         = "cache.t4g.micro"
  num_cache_nodes   = 2
  subnet_group_name = aws_elasticache_subnet_group.cache.name
}
