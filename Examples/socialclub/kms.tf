# One customer managed key for S3, RDS, ElastiCache, DynamoDB, Secrets Manager and
# CloudWatch Logs (seed 003: "socialclub-master-key").

data "aws_region" "current" {}

data "aws_iam_policy_document" "master_key" {
  statement {
    sid       = "RootAccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${local.account_id}:root"]
    }
  }

  # Services use the key on behalf of principals of this account.
  statement {
    sid       = "ServicesOfThisAccount"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values = [for service in ["s3", "rds", "elasticache", "dynamodb", "secretsmanager", "ecr", "sns"] :
        "${service}.${data.aws_region.current.name}.amazonaws.com"
      ]
    }
  }

  statement {
    sid       = "CloudWatchLogs"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${data.aws_region.current.name}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:${data.aws_region.current.name}:${local.account_id}:log-group:*"]
    }
  }

  # CloudWatch alarms publish to the encrypted SNS topic.
  statement {
    sid       = "CloudWatchAlarms"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "master" {
  description             = "socialclub-master-key (${var.environment})"
  deletion_window_in_days = local.production ? 30 : 7
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.master_key.json

  tags = { Name = "${local.name}-master-key" }
}

resource "aws_kms_alias" "master" {
  name          = "alias/${local.name}-master-key"
  target_key_id = aws_kms_key.master.key_id
}
