/// `aws_route53_zone`: $0.50 a hosted zone a month (the first 25 of an account).
struct Route53ZoneEstimator: ResourceEstimator {
    let types = ["aws_route53_zone"]
    let service = Service.route53

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        ResourceCost(name: r.address, resourceType: r.type, components: [
            ctx.monthly("Hosted zone", key: "route53/hosted-zone", region: r.region, quantity: 1, unit: "months"),
        ])
    }
}

/// `aws_route53_record`: DNS queries from usage, by routing policy; alias records pointing at
/// AWS resources are answered free.
struct Route53RecordEstimator: ResourceEstimator {
    let types = ["aws_route53_record"]
    let service = Service.route53
    let usageKeys = ["monthly_standard_queries", "monthly_latency_based_queries", "monthly_geo_queries"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        if let alias = r.list("alias"), !alias.isEmpty {
            return ResourceCost(name: r.address, resourceType: r.type, status: .free, notes: ["alias queries to AWS resources are free"])
        }
        let u = ctx.usage(for: r)
        let latency = !(r.list("latency_routing_policy") ?? []).isEmpty
        let geo = !(r.list("geolocation_routing_policy") ?? []).isEmpty || !(r.list("geoproximity_routing_policy") ?? []).isEmpty
        let (name, key, usageKey) = latency ? ("Latency based routing queries (first 1B)", "route53/queries/latency", "monthly_latency_based_queries")
            : geo ? ("Geo DNS queries (first 1B)", "route53/queries/geo", "monthly_geo_queries")
            : ("Standard queries (first 1B)", "route53/queries/standard", "monthly_standard_queries")
        return ResourceCost(name: r.address, resourceType: r.type, components: [
            ctx.usage(name, key: key, region: r.region, unit: "1M queries", quantity: u.number(usageKey), scale: 1.0 / 1_000_000),
        ])
    }
}
