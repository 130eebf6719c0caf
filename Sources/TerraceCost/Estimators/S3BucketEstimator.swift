/// `aws_s3_bucket`: storage and requests per storage class, all from usage (Infracost's keys:
/// `standard: { storage_gb, monthly_tier_1_requests, monthly_tier_2_requests }`, and the same
/// under `intelligent_tiering`, `standard_infrequent_access`, `one_zone_infrequent_access`,
/// `glacier_flexible_retrieval`, `glacier_instant_retrieval`, `glacier_deep_archive`).
struct S3BucketEstimator: ResourceEstimator {
    let types = ["aws_s3_bucket"]
    let service = Service.s3
    let usageKeys = ["standard", "intelligent_tiering", "standard_infrequent_access", "one_zone_infrequent_access",
                     "glacier_flexible_retrieval", "glacier_instant_retrieval", "glacier_deep_archive", "object_tags"]

    static let classes: [(key: String, label: String, catalogue: String)] = [
        ("standard", "Standard", "standard"),
        ("intelligent_tiering", "Intelligent tiering", "intelligent-tiering"),
        ("standard_infrequent_access", "Standard - infrequent access", "standard-ia"),
        ("one_zone_infrequent_access", "One zone - infrequent access", "one-zone-ia"),
        ("glacier_instant_retrieval", "Glacier instant retrieval", "glacier-instant-retrieval"),
        ("glacier_flexible_retrieval", "Glacier flexible retrieval", "glacier-flexible-retrieval"),
        ("glacier_deep_archive", "Glacier deep archive", "glacier-deep-archive"),
    ]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let u = ctx.usage(for: r)
        for (key, label, cat) in Self.classes where key == "standard" || u.map(key) != nil {
            let cu = u.map(key)
            var sub = ResourceCost(name: label, resourceType: r.type)
            sub.components.append(ctx.usage("Storage", key: "s3/\(cat)/storage", region: r.region, unit: "GB", quantity: cu?.number("storage_gb")))
            sub.components.append(ctx.usage("PUT, COPY, POST, LIST requests", key: "s3/\(cat)/tier-1-requests", region: r.region,
                                            unit: "1k requests", quantity: cu?.number("monthly_tier_1_requests"), scale: 1.0 / 1_000))
            sub.components.append(ctx.usage("GET, SELECT, and all other requests", key: "s3/\(cat)/tier-2-requests", region: r.region,
                                            unit: "1k requests", quantity: cu?.number("monthly_tier_2_requests"), scale: 1.0 / 1_000))
            if let scanned = cu?.number("monthly_select_data_scanned_gb") {
                sub.components.append(ctx.usage("Select data scanned", key: "s3/\(cat)/select-scanned", region: r.region, unit: "GB", quantity: scanned))
            }
            if let returned = cu?.number("monthly_select_data_returned_gb") {
                sub.components.append(ctx.usage("Select data returned", key: "s3/\(cat)/select-returned", region: r.region, unit: "GB", quantity: returned))
            }
            out.subresources.append(sub)
        }
        return out
    }
}
