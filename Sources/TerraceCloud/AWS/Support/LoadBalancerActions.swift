import TerraceBasics
import TerraceLang
import TerraceProviders

/// The action blocks shared by `aws_lb_listener` (`default_action`) and `aws_lb_listener_rule`
/// (`action`), and ELBv2's checks of them.
enum LoadBalancerActions {
    static let forwardTargetGroup = SchemaBlock(attributes: [
        "arn": .required(.string),
        "weight": .optional(.number, default: .number(1)),
    ])

    static let forward = SchemaBlock(blockTypes: [
        "target_group": NestedBlock(.set, forwardTargetGroup, minItems: 1, maxItems: 5),
        "stickiness": NestedBlock(.list, SchemaBlock(attributes: [
            "duration": .required(.number),
            "enabled": .optional(.bool, default: .bool(false)),
        ]), maxItems: 1),
    ])

    static let redirect = SchemaBlock(attributes: [
        "host": .optional(.string, default: .string("#{host}")),
        "path": .optional(.string, default: .string("/#{path}")),
        "port": .optional(.string, default: .string("#{port}")),
        "protocol": .optional(.string, default: .string("#{protocol}")),
        "query": .optional(.string, default: .string("#{query}")),
        "status_code": .required(.string),
    ])

    static let fixedResponse = SchemaBlock(attributes: [
        "content_type": .required(.string),
        "message_body": .optional(.string),
        "status_code": .optionalComputed(.string),
    ])

    static let authenticateOIDC = SchemaBlock(attributes: [
        "authentication_request_extra_params": .optional(.map(.string)),
        "authorization_endpoint": .required(.string),
        "client_id": .required(.string),
        "client_secret": .required(.string, sensitive: true),
        "issuer": .required(.string),
        "on_unauthenticated_request": .optionalComputed(.string),
        "scope": .optional(.string, default: .string("openid")),
        "session_cookie_name": .optional(.string, default: .string("AWSELBAuthSessionCookie")),
        "session_timeout": .optional(.number, default: .number(604800)),
        "token_endpoint": .required(.string),
        "user_info_endpoint": .required(.string),
    ])

    static let authenticateCognito = SchemaBlock(attributes: [
        "authentication_request_extra_params": .optional(.map(.string)),
        "on_unauthenticated_request": .optionalComputed(.string),
        "scope": .optional(.string, default: .string("openid")),
        "session_cookie_name": .optional(.string, default: .string("AWSELBAuthSessionCookie")),
        "session_timeout": .optional(.number, default: .number(604800)),
        "user_pool_arn": .required(.string),
        "user_pool_client_id": .required(.string),
        "user_pool_domain": .required(.string),
    ])

    static let action = SchemaBlock(attributes: [
        "order": .optionalComputed(.number),
        "target_group_arn": .optional(.string),
        "type": .required(.string),
    ], blockTypes: [
        "authenticate_cognito": NestedBlock(.list, authenticateCognito, maxItems: 1),
        "authenticate_oidc": NestedBlock(.list, authenticateOIDC, maxItems: 1),
        "fixed_response": NestedBlock(.list, fixedResponse, maxItems: 1),
        "forward": NestedBlock(.list, forward, maxItems: 1),
        "redirect": NestedBlock(.list, redirect, maxItems: 1),
    ])

    static let types = ["forward", "redirect", "fixed-response", "authenticate-cognito", "authenticate-oidc"]

    static func validate(_ actions: [Value], name: String) -> Diagnostics {
        var d = Diagnostics()
        for (i, a) in actions.enumerated() {
            var v = Validate(a)
            v.oneOf("type", types)
            d += v.diags
            guard let t = a.str("type") else { continue }
            let needs: [String: String] = ["redirect": "redirect", "fixed-response": "fixed_response",
                                           "authenticate-cognito": "authenticate_cognito", "authenticate-oidc": "authenticate_oidc"]
            let missing: String?
            if let block = needs[t], a.items(block).isEmpty, a[block]?.isKnown ?? true {
                missing = block
            } else if t == "forward", a["target_group_arn"]?.isNull ?? true, a.items("forward").isEmpty, a["forward"]?.isKnown ?? true {
                missing = "target_group_arn"
            } else {
                missing = nil
            }
            if let missing {
                d += .error("Invalid Attribute Combination",
                            "Attribute \"\(name)[\(i)].\(missing)\" must be specified when \"\(name)[\(i)].type\" is \"\(t)\".")
            }
        }
        return d
    }

    /// Actions as the cloud stores them: `order` numbered from 1, fixed responses with their status.
    static func resolved(_ actions: [Value]) -> [Value] {
        actions.enumerated().map { i, a in
            var v = a
            if !(a["order"]?.isKnown ?? false) || (a["order"]?.isNull ?? true) { v = v.with("order", .number(i + 1)) }
            let fixed = a.items("fixed_response").map { f -> Value in
                f["status_code"]?.isKnown == false || f["status_code"]?.isNull == true ? f.with("status_code", .string("200")) : f
            }
            if !fixed.isEmpty { v = v.with("fixed_response", .blockList(fixed, fixedResponse)) }
            return v
        }
    }

    /// The target groups the actions forward to.
    static func targetGroups(_ actions: [Value]) -> [String] {
        actions.flatMap { a -> [String] in
            var arns = a.str("target_group_arn").map { [$0] } ?? []
            for f in a.items("forward") { arns += f.items("target_group").compactMap { $0.str("arn") } }
            return arns
        }
    }

    /// ELBv2's checks: target groups exist, belong to no other load balancer, and suit it.
    static func check(_ actions: [Value], loadBalancer: String, tx: CloudTransaction, context: AWSContext) throws {
        for arn in targetGroups(actions) {
            guard let tg = tx.list(LBTargetGroupResource.typeName, account: context.account, region: context.region).first(where: { $0.id == arn }) else {
                throw CloudError("TargetGroupNotFound", "One or more target groups not found")
            }
            let attached = LBTargetGroupResource.loadBalancers(of: arn, tx: tx, context: context)
            if attached.contains(where: { $0 != loadBalancer }) {
                throw CloudError("TargetGroupAssociationLimit", "The following target groups cannot be associated with more than one load balancer: \(arn)")
            }
            if tg["target_type"]?.stringValue == "lambda" { continue }
            if let lb = tx.get(LoadBalancerResource.typeName, id: loadBalancer, account: context.account, region: context.region),
               lb["vpc_id"]?.stringValue != tg["vpc_id"]?.stringValue {
                throw CloudError("InvalidConfigurationRequest", "The target group \(arn) is in a different VPC than the load balancer")
            }
        }
        for a in actions where a.str("type") == "redirect" {
            for r in a.items("redirect") where !["HTTP_301", "HTTP_302"].contains(r.str("status_code") ?? "") {
                throw CloudError("ValidationError", "The redirect status code must be HTTP_301 or HTTP_302")
            }
        }
    }
}
