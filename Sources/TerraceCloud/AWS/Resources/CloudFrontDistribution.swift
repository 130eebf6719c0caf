import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_cloudfront_distribution`: a global distribution whose origins must be buckets or
/// load balancers that exist (by domain name), whose origin access identities and controls
/// exist, whose cache behaviors target its origins, and whose price class CloudFront knows.
/// Deleting one disables it first, as the provider does.
public struct CloudFrontDistributionResource: StoredResource {
    public static let typeName = "aws_cloudfront_distribution"
    public let serviceName = "CloudFront Distribution"
    public init() {}

    public var schema: ResourceSchema { Self.distributionSchema }

    /// CloudFront's own hosted zone, for alias records.
    public static let hostedZoneID = "Z2FDTNDATAQYW2"
    static let priceClasses = ["PriceClass_All", "PriceClass_200", "PriceClass_100"]
    static let methodSets: [Set<String>] = [["GET", "HEAD"], ["GET", "HEAD", "OPTIONS"], ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.oneOf("price_class", Self.priceClasses)
        v.oneOf("http_version", ["http1.1", "http2", "http2and3", "http3"])
        v.length("comment", 0...128)
        let f = Fields(config)
        for b in f.blocks("default_cache_behavior") + f.blocks("ordered_cache_behavior") {
            if let p = b.string("viewer_protocol_policy"), !["allow-all", "https-only", "redirect-to-https"].contains(p) {
                v.fail("expected viewer_protocol_policy to be one of [\"allow-all\" \"https-only\" \"redirect-to-https\"], got \(p)")
            }
        }
        for r in f.blocks("restrictions").flatMap({ $0.blocks("geo_restriction") }) {
            if let t = r.string("restriction_type"), !["none", "whitelist", "blacklist"].contains(t) {
                v.fail("expected restrictions.0.geo_restriction.0.restriction_type to be one of [\"blacklist\" \"none\" \"whitelist\"], got \(t)")
            }
        }
        return v.diagnostics
    }

    static func notFound(_ id: String) -> CloudError {
        CloudError.notFound("NoSuchDistribution", "The specified distribution does not exist.")
    }

    /// Distributions (in the account) with an origin matching `predicate`.
    static func users(_ tx: CloudTransaction, _ global: AWSContext, _ predicate: (Fields) -> Bool) -> [CloudObject] {
        let me = CloudFrontDistributionResource()
        return tx.list(typeName, account: global.account, region: global.region).filter { o in
            Fields(me.decode(o)).blocks("origin").contains(where: predicate)
        }
    }

    /// The bucket an S3 origin domain names (`b.s3.amazonaws.com`, `b.s3.us-west-2.amazonaws.com`,
    /// `b.s3-website-us-east-1.amazonaws.com`), if it is one.
    static func bucket(inDomain domain: String) -> String? {
        let patterns = ["^(.+)\\.s3(\\.[a-z0-9-]+)?\\.amazonaws\\.com$", "^(.+)\\.s3-([a-z0-9-]+)\\.amazonaws\\.com$",
                        "^(.+)\\.s3-website[.-]([a-z0-9-]+)\\.amazonaws\\.com$"]
        for p in patterns {
            if let r = domain.range(of: p, options: .regularExpression), r == domain.startIndex..<domain.endIndex {
                let labels = domain.components(separatedBy: ".s3")
                return labels.dropLast().joined(separator: ".s3")
            }
        }
        return nil
    }

    /// CloudFront's checks of a distribution configuration.
    static func check(_ f: Fields, id: String?, _ tx: CloudTransaction, _ context: AWSContext) throws {
        let global = context.inGlobalRegion
        let price = f.string("price_class") ?? "PriceClass_All"
        guard priceClasses.contains(price) else {
            throw CloudError("InvalidArgument", "The parameter PriceClass has an invalid value: \(price).")
        }
        if (f.string("comment") ?? "").count > 128 {
            throw CloudError("InvalidArgument", "The parameter Comment is too long.")
        }
        var originIDs = Set<String>()
        for o in f.blocks("origin") {
            let originID = o.string("origin_id") ?? ""
            if !originIDs.insert(originID).inserted {
                throw CloudError("InvalidArgument", "The parameter Origin Id must be unique. Origin \(originID) is used more than once.")
            }
            let domain = o.string("domain_name") ?? ""
            if let bucket = bucket(inDomain: domain) {
                guard tx.globalOwner("s3", bucket) != nil else {
                    throw CloudError("InvalidArgument", "The parameter Origin DomainName does not refer to a valid S3 bucket.")
                }
            } else if domain.hasSuffix(".elb.amazonaws.com") {
                let labels = domain.split(separator: ".").map(String.init)
                let region = labels.count >= 4 ? labels[labels.count - 4] : ""
                let name = domain.hasPrefix("dualstack.") ? String(domain.dropFirst("dualstack.".count)) : domain
                guard tx.list("aws_lb", account: context.account, region: region).contains(where: { $0["dns_name"]?.stringValue == name }) else {
                    throw CloudError("InvalidOrigin", "The specified origin server does not exist or is not valid.")
                }
            }
            let oai = o.block("s3_origin_config")?.nonEmpty("origin_access_identity")
            if let oai {
                let oaiID = oai.replacingOccurrences(of: "origin-access-identity/cloudfront/", with: "")
                guard oai.hasPrefix("origin-access-identity/cloudfront/"),
                      tx.fetch(CloudFrontOriginAccessIdentityResource.typeName, oaiID, global) != nil else {
                    throw CloudError("NoSuchCloudFrontOriginAccessIdentity", "The specified origin access identity does not exist.", statusCode: 404)
                }
            }
            if let oac = o.nonEmpty("origin_access_control_id") {
                guard tx.fetch(CloudFrontOriginAccessControlResource.typeName, oac, global) != nil else {
                    throw CloudError("NoSuchOriginAccessControl", "The specified origin access control does not exist.", statusCode: 404)
                }
                if oai != nil {
                    throw CloudError("IllegalOriginAccessConfiguration", "An origin cannot use both an origin access control and an origin access identity.")
                }
            }
            if let c = o.block("custom_origin_config") {
                guard ["http-only", "https-only", "match-viewer"].contains(c.string("origin_protocol_policy") ?? "") else {
                    throw CloudError("InvalidArgument", "The parameter OriginProtocolPolicy is invalid.")
                }
                for p in c.strings("origin_ssl_protocols") where !["SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"].contains(p) {
                    throw CloudError("InvalidArgument", "The parameter OriginSslProtocols contains an invalid value: \(p).")
                }
            }
        }
        var targets = originIDs
        for g in f.blocks("origin_group") {
            for m in g.blocks("member") where !originIDs.contains(m.string("origin_id") ?? "") {
                throw CloudError("NoSuchOrigin", "One or more of your origins or origin groups do not exist.", statusCode: 404)
            }
            targets.insert(g.string("origin_id") ?? "")
        }
        for b in f.blocks("default_cache_behavior") + f.blocks("ordered_cache_behavior") {
            guard targets.contains(b.string("target_origin_id") ?? "") else {
                throw CloudError("NoSuchOrigin", "One or more of your origins or origin groups do not exist.", statusCode: 404)
            }
            let allowed = Set(b.strings("allowed_methods")), cached = Set(b.strings("cached_methods"))
            guard methodSets.contains(allowed) else { throw CloudError("InvalidArgument", "The parameter AllowedMethods is invalid.") }
            guard methodSets.prefix(2).contains(cached), cached.isSubset(of: allowed) else {
                throw CloudError("InvalidArgument", "The parameter CachedMethods is invalid.")
            }
            let hasPolicy = b.nonEmpty("cache_policy_id") != nil, hasForwarded = !b.blocks("forwarded_values").isEmpty
            if hasPolicy && hasForwarded {
                throw CloudError("InvalidArgument", "The parameter ForwardedValues cannot be used when a cache policy is associated to the cache behavior.")
            }
            if !hasPolicy && !hasForwarded {
                throw CloudError("InvalidArgument", "The parameter ForwardedValues is required.")
            }
            if let min = b.int("min_ttl"), let def = b.int("default_ttl"), let max = b.int("max_ttl"), !hasPolicy, !(min <= def && def <= max) {
                throw CloudError("InvalidTTLOrder", "Your request contains one or more invalid TTL values: MinTTL \(min), DefaultTTL \(def), MaxTTL \(max).")
            }
        }
        for r in f.blocks("restrictions").flatMap({ $0.blocks("geo_restriction") }) {
            let type = r.string("restriction_type") ?? "none"
            if type != "none" && r.strings("locations").isEmpty {
                throw CloudError("InvalidArgument", "You must specify at least one location when the geo restriction type is \(type).")
            }
        }
        if let logging = f.block("logging_config") {
            let b = logging.string("bucket") ?? ""
            guard let name = bucket(inDomain: b), tx.globalOwner("s3", name) != nil else {
                throw CloudError("InvalidArgument", "The S3 bucket that you specified for CloudFront logs doesn't exist: \(b)")
            }
        }
        try checkCertificate(f, id: id, tx, context)
    }

    static func checkCertificate(_ f: Fields, id: String?, _ tx: CloudTransaction, _ context: AWSContext) throws {
        let cert = f.block("viewer_certificate")
        let acm = cert?.nonEmpty("acm_certificate_arn"), iam = cert?.nonEmpty("iam_certificate_id")
        let usesDefault = cert?.bool("cloudfront_default_certificate") == true
        if [acm != nil, iam != nil, usesDefault].filter({ $0 }).count != 1 {
            throw CloudError("InvalidViewerCertificate", "You must specify exactly one of CloudFrontDefaultCertificate, ACMCertificateArn or IAMCertificateId.")
        }
        if (acm != nil || iam != nil) && cert?.nonEmpty("ssl_support_method") == nil {
            throw CloudError("InvalidViewerCertificate", "You must specify the SSLSupportMethod when you specify a certificate.")
        }
        let aliases = f.strings("aliases")
        var names: [String] = []
        if let acm {
            var useast = context
            useast.region = "us-east-1"
            guard acm.hasPrefix("arn:aws:acm:us-east-1:"), let c = tx.fetch(ACMCertificateResource.typeName, acm, useast) else {
                throw CloudError("InvalidViewerCertificate", "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't include a valid certificate chain.")
            }
            names = ([c["domain_name"]?.stringValue] + (c["subject_alternative_names"]?.arrayValue ?? []).map(\.stringValue)).compactMap { $0 }
        }
        for alias in aliases {
            if usesDefault || (acm != nil && !names.contains(where: { ACMCertificateResource.covers($0, alias) })) {
                throw CloudError("InvalidViewerCertificate", usesDefault
                    ? "To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted certificate that validates your authorization to use the domain name. For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements"
                    : "The certificate that is attached to your distribution doesn't cover the alternate domain name (CNAME) that you're trying to add. For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements")
            }
            let global = context.inGlobalRegion
            if tx.list(typeName, account: global.account, region: global.region).contains(where: { o in
                o.id != id && (o["aliases"]?.arrayValue ?? []).contains(.string(alias))
            }) {
                throw CloudError("CNAMEAlreadyExists", "One or more of the CNAMEs you provided are already associated with a different resource.", statusCode: 409)
            }
        }
    }

    /// Cache behaviors with the TTLs and lists CloudFront fills in.
    func settleBehaviors(_ v: Value) -> Value {
        var changes: [String: Value] = [:]
        for (name, nb) in [("default_cache_behavior", schema.block.blockTypes["default_cache_behavior"]), ("ordered_cache_behavior", schema.block.blockTypes["ordered_cache_behavior"])] {
            guard let nb else { continue }
            let items: [[String: Value]] = Fields(v).blocks(name).map { b in
                var a = b.value.attributes ?? [:]
                let policy = b.nonEmpty("cache_policy_id") != nil
                if a["default_ttl"]?.isKnown != true || a["default_ttl"]?.isNull == true { a["default_ttl"] = .number(policy ? 0 : 86400) }
                if a["max_ttl"]?.isKnown != true || a["max_ttl"]?.isNull == true { a["max_ttl"] = .number(policy ? 0 : 31_536_000) }
                return a
            }
            changes[name] = Build.blocks(nb, items)
        }
        return Build.with(v, changes)
    }

    static func unsigned(_ type: ValueType) -> Value {
        guard case .object(let attrs, _) = type else { return .null(type) }
        return Value(.list([.object(["enabled": .bool(false), "items": .list([], element: attrs["items"]?.elementType ?? .dynamic)])], element: type))
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let global = context.inGlobalRegion
        return try creating(token, global) { tx in
            try Self.check(Fields(planned), id: nil, tx, context)
            let id = "E" + DataIDs.upper(13)
            let v = filled(planned, [
                "id": .string(id), "arn": .string("arn:aws:cloudfront::\(context.account):distribution/\(id)"),
                "caller_reference": .string(DataIDs.prefixed("terraform-")),
                "domain_name": .string("d" + DataIDs.lower(13) + ".cloudfront.net"),
                "etag": .string("E" + DataIDs.upper(13)), "hosted_zone_id": .string(Self.hostedZoneID),
                "in_progress_validation_batches": .number(0), "last_modified_time": .string(DataIDs.timestamp()),
                "status": .string("Deployed"),
                "trusted_key_groups": Self.unsigned(Self.trustedType), "trusted_signers": Self.unsigned(Self.signersType),
                "tags_all": tagsAll(planned, context),
            ])
            return try save(settleBehaviors(v), id: id, token: token, tx: tx, context: global)
        }
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue else { return nil }
        return try importByID(id, context: context).map { keepingConfigOnly($0, from: state, ["retain_on_delete", "wait_for_deployment"]) }
    }

    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        guard let o = context.store.fetch(Self.typeName, id, context.inGlobalRegion), o["deleted"] == nil else { return nil }
        return Build.with(decode(o), ["retain_on_delete": .bool(false), "wait_for_deployment": .bool(true)])
    }

    public func findByToken(_ token: String, context: AWSContext) -> Value? {
        context.store.list(Self.typeName, account: context.account, region: "us-east-1").first { $0.token == token }.map(decode)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context.inGlobalRegion, missing: Self.notFound) { tx, o, v in
            try Self.check(Fields(v), id: o.id, tx, context)
            return settleBehaviors(Build.with(v, ["etag": .string("E" + DataIDs.upper(13)), "last_modified_time": .string(DataIDs.timestamp()),
                                                  "status": .string("Deployed"), "tags_all": tagsAll(planned, context)]))
        }
    }

    /// Disables the distribution, then deletes it (or, with `retain_on_delete`, leaves it disabled).
    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        let global = context.inGlobalRegion
        try global.store.mutate { tx in
            guard var o = object(id, tx, global) else { return }
            if state["retain_on_delete"]?.boolValue == true {
                o.attributes = o.attributes.setting("enabled", .bool(false)).setting("etag", .string("E" + DataIDs.upper(13)))
                try tx.put(o)
                return
            }
            tx.delete(o)
        }
    }
}
