# Three tiers in three zones: public (ALB, NAT), private (ECS) and data (RDS,
# Redis). The data tier has no route out of the VPC.

resource "aws_vpc" "main" {
  cidr_block           = local.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = local.name }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id

  tags = { Name = local.name }
}

resource "aws_subnet" "public" {
  for_each = local.azs

  vpc_id            = aws_vpc.main.id
  cidr_block        = local.public_cidrs[each.value]
  availability_zone = each.key

  tags = { Name = "${local.name}-public-${each.key}", Tier = "public" }
}

resource "aws_subnet" "private" {
  for_each = local.azs

  vpc_id            = aws_vpc.main.id
  cidr_block        = local.private_cidrs[each.value]
  availability_zone = each.key

  tags = { Name = "${local.name}-private-${each.key}", Tier = "private" }
}

resource "aws_subnet" "data" {
  for_each = local.azs

  vpc_id            = aws_vpc.main.id
  cidr_block        = local.data_cidrs[each.value]
  availability_zone = each.key

  tags = { Name = "${local.name}-data-${each.key}", Tier = "data" }
}

# --- Public tier ----------------------------------------------------------------

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }

  tags = { Name = "${local.name}-public" }
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

# --- NAT: one in staging, one per zone in production -------------------------------

locals {
  nat_azs = { for az, i in local.azs : az => i if i == 0 || !local.env.single_nat_gateway }
}

resource "aws_eip" "nat" {
  for_each = local.nat_azs

  domain = "vpc"

  tags = { Name = "${local.name}-nat-${each.key}" }

  depends_on = [aws_internet_gateway.main]
}

resource "aws_nat_gateway" "main" {
  for_each = local.nat_azs

  allocation_id = aws_eip.nat[each.key].id
  subnet_id     = aws_subnet.public[each.key].id

  tags = { Name = "${local.name}-${each.key}" }
}

# --- Private tier -----------------------------------------------------------------

resource "aws_route_table" "private" {
  for_each = local.azs

  vpc_id = aws_vpc.main.id

  tags = { Name = "${local.name}-private-${each.key}" }
}

resource "aws_route" "private_nat" {
  for_each = local.azs

  route_table_id         = aws_route_table.private[each.key].id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main[local.env.single_nat_gateway ? keys(local.nat_azs)[0] : each.key].id
}

resource "aws_route_table_association" "private" {
  for_each = aws_subnet.private

  subnet_id      = each.value.id
  route_table_id = aws_route_table.private[each.key].id
}

# --- Data tier: local routes only ---------------------------------------------------

resource "aws_route_table" "data" {
  vpc_id = aws_vpc.main.id

  tags = { Name = "${local.name}-data" }
}

resource "aws_route_table_association" "data" {
  for_each = aws_subnet.data

  subnet_id      = each.value.id
  route_table_id = aws_route_table.data.id
}
