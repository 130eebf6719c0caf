# CDN layer: one CloudFront distribution in front of everything users fetch.
#
#   /api/*     → the load balancer (api.<domain>) over HTTPS, never cached
#   /videos/*  → the videos bucket, cached 1 hour
#   *          → the static bucket, cached 24 hours
#
# HTTPS only, compressed, the S3 origins read through an origin access identity;
# the bucket policies granting that identity are written here because this is
# where the identity is known.

locals {
  custom_certificate = var.acm_certificate_arn != ""

  s3_origins = {
    static = var.static_bucket
    videos = var.videos_bucket
  }

  # Headers the API needs to see. Not Host: CloudFront would then ask the origin for
  # the distribution's host name, which the API's certificate does not cover.
  api_forwarded_headers = [
    "Accept",
    "Accept-Language",
    "Authorization",
    "Content-Type",
    "Origin",
    "Referer",
    "User-Agent",
    "X-Requested-With",
  ]

  cors_headers = ["Origin", "Access-Control-Request-Headers", "Access-Control-Request-Method"]
}

resource "aws_cloudfront_origin_access_identity" "this" {
  comment = "${var.name}: reads the static and videos buckets"
}

resource "aws_cloudfront_distribution" "this" {
  enabled         = true
  is_ipv6_enabled = true
  http_version    = "http2and3"
  comment         = "Social Flow ${var.name}"
  price_class     = var.price_class
  aliases         = var.aliases

  dynamic "origin" {
    for_each = local.s3_origins

    content {
      origin_id   = origin.key
      domain_name = origin.value.regional_domain_name

      s3_origin_config {
        origin_access_identity = aws_cloudfront_origin_access_identity.this.cloudfront_access_identity_path
      }
    }
  }

  origin {
    origin_id   = "api"
    domain_name = var.api_domain_name

    custom_origin_config {
      http_port                = 80
      https_port               = 443
      origin_protocol_policy   = "https-only"
      origin_ssl_protocols     = ["TLSv1.2"]
      origin_read_timeout      = 60
      origin_keepalive_timeout = 5
    }
  }

  default_cache_behavior {
    target_origin_id       = "static"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD"]
    compress               = true
    min_ttl                = 0
    default_ttl            = var.static_ttl
    max_ttl                = 31536000

    forwarded_values {
      query_string = false

      cookies {
        forward = "none"
      }
    }
  }

  ordered_cache_behavior {
    path_pattern           = var.api_path_pattern
    target_origin_id       = "api"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods         = ["GET", "HEAD"]
    compress               = true
    min_ttl                = 0
    default_ttl            = 0
    max_ttl                = 0

    forwarded_values {
      query_string = true
      headers      = local.api_forwarded_headers

      cookies {
        forward = "all"
      }
    }
  }

  ordered_cache_behavior {
    path_pattern           = var.videos_path_pattern
    target_origin_id       = "videos"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD", "OPTIONS"]
    compress               = true
    min_ttl                = 0
    default_ttl            = var.videos_ttl
    max_ttl                = 86400

    forwarded_values {
      query_string = false
      headers      = local.cors_headers

      cookies {
        forward = "none"
      }
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = !local.custom_certificate
    acm_certificate_arn            = local.custom_certificate ? var.acm_certificate_arn : null
    ssl_support_method             = local.custom_certificate ? "sni-only" : null
    minimum_protocol_version       = local.custom_certificate ? "TLSv1.2_2021" : "TLSv1"
  }

  tags = merge(var.tags, { Name = var.name })
}

# --- Bucket policies: CloudFront only, TLS only ------------------------------------------

data "aws_iam_policy_document" "origin_bucket" {
  for_each = local.s3_origins

  statement {
    sid       = "CloudFrontRead"
    actions   = ["s3:GetObject"]
    resources = ["${each.value.arn}/*"]

    principals {
      type        = "AWS"
      identifiers = [aws_cloudfront_origin_access_identity.this.iam_arn]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      each.value.arn,
      "${each.value.arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "origin" {
  for_each = local.s3_origins

  bucket = each.value.name
  policy = data.aws_iam_policy_document.origin_bucket[each.key].json
}
