import TerraceLang
import TerraceProviders

/// The schema of `aws_cloudfront_distribution`, as the AWS provider v5 declares it.
extension CloudFrontDistributionResource {
    static func cacheBehavior(pathPattern: Bool) -> SchemaBlock {
        let cookies = NestedBlock(.list, SchemaBlock(attributes: [
            "forward": .required(.string), "whitelisted_names": .optionalComputed(.set(.string)),
        ]), minItems: 1, maxItems: 1)
        let forwarded = NestedBlock(.list, SchemaBlock(attributes: [
            "headers": .optionalComputed(.set(.string)),
            "query_string": .required(.bool),
            "query_string_cache_keys": .optionalComputed(.list(.string)),
        ], blockTypes: ["cookies": cookies]), maxItems: 1)
        var attributes: [String: SchemaAttribute] = [
            "allowed_methods": .required(.set(.string)),
            "cache_policy_id": .optional(.string),
            "cached_methods": .required(.set(.string)),
            "compress": .optional(.bool, default: .bool(false)),
            "default_ttl": .optionalComputed(.number),
            "field_level_encryption_id": .optional(.string),
            "max_ttl": .optionalComputed(.number),
            "min_ttl": .optional(.number, default: .number(0)),
            "origin_request_policy_id": .optional(.string),
            "realtime_log_config_arn": .optional(.string),
            "response_headers_policy_id": .optional(.string),
            "smooth_streaming": .optional(.bool),
            "target_origin_id": .required(.string),
            "trusted_key_groups": .optionalComputed(.list(.string)),
            "trusted_signers": .optionalComputed(.list(.string)),
            "viewer_protocol_policy": .required(.string),
        ]
        if pathPattern { attributes["path_pattern"] = .required(.string) }
        return SchemaBlock(attributes: attributes, blockTypes: [
            "forwarded_values": forwarded,
            "function_association": NestedBlock(.set, SchemaBlock(attributes: ["event_type": .required(.string), "function_arn": .required(.string)]), maxItems: 2),
            "lambda_function_association": NestedBlock(.set, SchemaBlock(attributes: [
                "event_type": .required(.string), "include_body": .optional(.bool, default: .bool(false)), "lambda_arn": .required(.string),
            ]), maxItems: 4),
        ])
    }

    static let originBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "connection_attempts": .optional(.number, default: .number(3)),
        "connection_timeout": .optional(.number, default: .number(10)),
        "domain_name": .required(.string),
        "origin_access_control_id": .optional(.string),
        "origin_id": .required(.string),
        "origin_path": .optional(.string, default: .string("")),
    ], blockTypes: [
        "custom_header": NestedBlock(.set, SchemaBlock(attributes: ["name": .required(.string), "value": .required(.string)])),
        "custom_origin_config": NestedBlock(.list, SchemaBlock(attributes: [
            "http_port": .required(.number), "https_port": .required(.number),
            "origin_keepalive_timeout": .optional(.number, default: .number(5)),
            "origin_protocol_policy": .required(.string),
            "origin_read_timeout": .optional(.number, default: .number(30)),
            "origin_ssl_protocols": .required(.set(.string)),
        ]), maxItems: 1),
        "origin_shield": NestedBlock(.list, SchemaBlock(attributes: [
            "enabled": .required(.bool), "origin_shield_region": .optional(.string),
        ]), maxItems: 1),
        "s3_origin_config": NestedBlock(.list, SchemaBlock(attributes: ["origin_access_identity": .required(.string)]), maxItems: 1),
    ]), minItems: 1)

    static let trustedType = ValueType.object(["enabled": .bool, "items": .list(.object(["key_group_id": .string, "key_pair_ids": .set(.string)]))])
    static let signersType = ValueType.object(["enabled": .bool, "items": .list(.object(["aws_account_number": .string, "key_pair_ids": .set(.string)]))])

    static let distributionSchema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "aliases": .optional(.set(.string)),
        "arn": .computed(.string),
        "caller_reference": .computed(.string),
        "comment": .optional(.string),
        "continuous_deployment_policy_id": .optional(.string),
        "default_root_object": .optional(.string),
        "domain_name": .computed(.string),
        "enabled": .required(.bool),
        "etag": .computed(.string),
        "hosted_zone_id": .computed(.string),
        "http_version": .optional(.string, default: .string("http2")),
        "in_progress_validation_batches": .computed(.number),
        "is_ipv6_enabled": .optional(.bool),
        "last_modified_time": .computed(.string),
        "price_class": .optional(.string, default: .string("PriceClass_All")),
        "retain_on_delete": .optional(.bool, default: .bool(false)),
        "staging": .optional(.bool, forceNew: true, default: .bool(false)),
        "status": .computed(.string),
        "trusted_key_groups": .computed(.list(trustedType)),
        "trusted_signers": .computed(.list(signersType)),
        "wait_for_deployment": .optional(.bool, default: .bool(true)),
        "web_acl_id": .optional(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "custom_error_response": NestedBlock(.set, SchemaBlock(attributes: [
            "error_caching_min_ttl": .optional(.number), "error_code": .required(.number),
            "response_code": .optional(.number), "response_page_path": .optional(.string),
        ])),
        "default_cache_behavior": NestedBlock(.list, cacheBehavior(pathPattern: false), minItems: 1, maxItems: 1),
        "logging_config": NestedBlock(.list, SchemaBlock(attributes: [
            "bucket": .required(.string), "include_cookies": .optional(.bool, default: .bool(false)), "prefix": .optional(.string, default: .string("")),
        ]), maxItems: 1),
        "ordered_cache_behavior": NestedBlock(.list, cacheBehavior(pathPattern: true)),
        "origin": originBlock,
        "origin_group": NestedBlock(.set, SchemaBlock(attributes: ["origin_id": .required(.string)], blockTypes: [
            "failover_criteria": NestedBlock(.list, SchemaBlock(attributes: ["status_codes": .required(.set(.number))]), minItems: 1, maxItems: 1),
            "member": NestedBlock(.list, SchemaBlock(attributes: ["origin_id": .required(.string)]), minItems: 2, maxItems: 2),
        ])),
        "restrictions": NestedBlock(.list, SchemaBlock(blockTypes: [
            "geo_restriction": NestedBlock(.list, SchemaBlock(attributes: [
                "locations": .optionalComputed(.set(.string)), "restriction_type": .required(.string),
            ]), minItems: 1, maxItems: 1),
        ]), minItems: 1, maxItems: 1),
        "viewer_certificate": NestedBlock(.list, SchemaBlock(attributes: [
            "acm_certificate_arn": .optional(.string),
            "cloudfront_default_certificate": .optional(.bool),
            "iam_certificate_id": .optional(.string),
            "minimum_protocol_version": .optional(.string, default: .string("TLSv1")),
            "ssl_support_method": .optional(.string),
        ]), minItems: 1, maxItems: 1),
    ]))
}
