# Seed 003's real-time tables. Every item carries an expiresAt epoch time that the
# backend sets to now + the table's TTL; DynamoDB deletes expired items itself.

locals {
  tables = {
    "user-sessions"      = { hash_key = "userId", range_key = "sessionId", range_type = "S", ttl = "24 hours", rcu = 20, wcu = 10 }
    "real-time-presence" = { hash_key = "venueId", range_key = "userId", range_type = "S", ttl = "1 hour", rcu = 50, wcu = 50 }
    "message-cache"      = { hash_key = "conversationId", range_key = "timestamp", range_type = "N", ttl = "7 days", rcu = 30, wcu = 20 }
    "activity-log"       = { hash_key = "userId", range_key = "timestamp", range_type = "N", ttl = "30 days", rcu = 10, wcu = 20 }
  }
  provisioned = local.env.dynamodb_billing == "PROVISIONED"
}

resource "aws_dynamodb_table" "this" {
  for_each = local.tables

  name           = "${local.name}-${each.key}"
  billing_mode   = local.env.dynamodb_billing
  hash_key       = each.value.hash_key
  range_key      = each.value.range_key
  read_capacity  = local.provisioned ? each.value.rcu : null
  write_capacity = local.provisioned ? each.value.wcu : null

  attribute {
    name = each.value.hash_key
    type = "S"
  }

  attribute {
    name = each.value.range_key
    type = each.value.range_type
  }

  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.master.arn
  }

  point_in_time_recovery {
    enabled = local.production
  }

  tags = { Name = "${local.name}-${each.key}", TTL = each.value.ttl }
}
