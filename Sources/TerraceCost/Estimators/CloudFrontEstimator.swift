/// `aws_cloudfront_distribution`: data transfer out to the internet and to origins, and
/// requests, per viewer region group — honouring `price_class`, which Infracost ignores. A
/// distribution restricted to PriceClass_100 or _200 does not serve from the excluded edge
/// locations: viewers there are served (and billed) by the nearest included group, so their
/// traffic is priced at that group's rate.
struct CloudFrontEstimator: ResourceEstimator {
    let types = ["aws_cloudfront_distribution"]
    let service = Service.cloudFront
    let usageKeys = ["monthly_data_transfer_to_internet_gb", "monthly_data_transfer_to_origin_gb", "monthly_http_requests",
                     "monthly_https_requests", "monthly_invalidation_requests", "custom_ssl_certificates"]

    /// Infracost's region groups and labels, in its order.
    static let regions: [(key: String, label: String)] = [
        ("us", "US, Mexico, Canada"), ("europe", "Europe, Israel"), ("south_africa", "South Africa, Kenya, Middle East"),
        ("south_america", "South America"), ("japan", "Japan"), ("australia", "Australia, New Zealand"),
        ("asia_pacific", "Hong Kong, Philippines, Asia Pacific"), ("india", "India"),
    ]

    /// The region groups whose edge locations each price class uses (AWS CloudFront pricing:
    /// PriceClass_100 = North America and Europe; PriceClass_200 adds Africa, the Middle East,
    /// Japan, India and the rest of Asia; PriceClass_All adds South America and Oceania).
    static func included(_ priceClass: String) -> Set<String> {
        switch priceClass {
        case "PriceClass_100": return ["us", "europe"]
        case "PriceClass_200": return ["us", "europe", "south_africa", "japan", "asia_pacific", "india"]
        default: return Set(regions.map(\.key))
        }
    }

    /// Where viewers of an excluded region group are served from under a price class: the
    /// nearest included group (Terrace's documented assumption; AWS bills the serving edge).
    static func servedFrom(_ region: String, priceClass: String) -> String {
        let inc = included(priceClass)
        if inc.contains(region) { return region }
        switch region {
        case "south_africa", "india": return inc.contains("europe") ? "europe" : "us"
        case "australia": return inc.contains("asia_pacific") ? "asia_pacific" : "us"
        default: return "us"
        }
    }

    static func label(_ key: String) -> String { regions.first { $0.key == key }?.label ?? key }

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let priceClass = r.string("price_class") ?? "PriceClass_All"
        let u = ctx.usage(for: r)
        out.notes.append("\(priceClass): edge locations in " + Self.regions.map(\.key).filter { Self.included(priceClass).contains($0) }
            .map(Self.label).joined(separator: "; "))
        out.subresources.append(regional("Data transfer out to internet", tier: " (first 10TB)", usage: u.map("monthly_data_transfer_to_internet_gb"),
                                         keyPrefix: "cloudfront/data-out", unit: "GB", scale: 1, priceClass: priceClass, r, ctx))
        out.subresources.append(regional("Data transfer out to origin", tier: "", usage: u.map("monthly_data_transfer_to_origin_gb"),
                                         keyPrefix: "cloudfront/origin-out", unit: "GB", scale: 1, priceClass: priceClass, r, ctx))
        out.subresources.append(regional("HTTP requests", tier: "", usage: u.map("monthly_http_requests"),
                                         keyPrefix: "cloudfront/http-requests", unit: "10k requests", scale: 1.0 / 10_000, priceClass: priceClass, r, ctx))
        out.subresources.append(regional("HTTPS requests", tier: "", usage: u.map("monthly_https_requests"),
                                         keyPrefix: "cloudfront/https-requests", unit: "10k requests", scale: 1.0 / 10_000, priceClass: priceClass, r, ctx))
        // The first 1,000 invalidation paths a month are free.
        let paths = u.number("monthly_invalidation_requests").map { max($0 - 1_000, 0) }
        out.components.append(ctx.usage("Invalidation requests (over 1k)", key: "cloudfront/invalidations", region: r.region,
                                        unit: "paths", quantity: paths))
        if let cert = r.block("viewer_certificate"), PlannedResource.string(cert["ssl_support_method"]) == "vip" {
            out.components.append(ctx.monthly("Dedicated IP custom SSLs", key: "cloudfront/dedicated-ip-ssl", region: r.region,
                                              quantity: u.number("custom_ssl_certificates") ?? 1, unit: "certificates"))
        }
        return out
    }

    /// One subresource with a component per viewer region group of the price class; usage for an
    /// excluded group is priced at the group serving it, on its own line saying so.
    func regional(_ name: String, tier: String, usage: UsageValues?, keyPrefix: String, unit: String, scale: Double,
                  priceClass: String, _ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var sub = ResourceCost(name: name, resourceType: r.type)
        let inc = Self.included(priceClass)
        for (key, label) in Self.regions {
            let q = usage?.number(key)
            if inc.contains(key) {
                sub.components.append(ctx.usage("\(label)\(tier)", key: "\(keyPrefix)/\(key)", region: r.region, unit: unit,
                                                quantity: q, scale: scale))
            } else if let q {
                let from = Self.servedFrom(key, priceClass: priceClass)
                sub.components.append(ctx.usage("\(label), served from \(Self.label(from))\(tier)", key: "\(keyPrefix)/\(from)",
                                                region: r.region, unit: unit, quantity: q, scale: scale))
            }
        }
        return sub
    }
}
