import TerraceLang

/// `aws_lb` / `aws_alb`: load balancer hours, capacity units from usage, and — which Infracost
/// leaves out — the public IPv4 address of every AZ node of an internet-facing load balancer
/// ($0.005 per address-hour since 2024-02-01; one node per subnet).
struct LoadBalancerEstimator: ResourceEstimator {
    let types = ["aws_lb", "aws_alb"]
    let service = Service.elb
    let usageKeys = ["new_connections", "active_connections", "processed_bytes_gb", "rule_evaluations", "capacity_units"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let kind = (r.string("load_balancer_type") ?? "application").lowercased()
        let label = kind == "network" ? "Network" : kind == "gateway" ? "Gateway" : "Application"
        out.components.append(ctx.hourly("\(label) load balancer", key: "elb/\(kind)", region: r.region))
        out.components.append(ctx.usage("Load balancer capacity units", key: "elb/\(kind)/lcu", region: r.region, unit: "LCU",
                                        quantity: Self.capacityUnits(ctx.usage(for: r), network: kind == "network").map { $0 * ctx.hours },
                                        unitMultiplier: ctx.hours))
        if r.bool("internal") != true, kind != "gateway", r.string("ip_address_type") != "dualstack-without-public-ipv4" {
            let (nodes, note) = Self.publicNodes(r, ctx)
            if nodes > 0 {
                out.components.append(ctx.hourly("Public IPv4 addresses", key: "vpc/public-ipv4/in-use", region: r.region, perHour: nodes))
                out.notes.append(note)
            }
        }
        return out
    }

    /// Average LCUs from Infracost's usage keys, with AWS's LCU dimensions: per ALB LCU 25 new
    /// connections/s, 3,000 active connections/min, 1 GB processed/hour, 1,000 rule
    /// evaluations/s (NLB: 800 new flows/s, 100,000 active flows, 1 GB/hour). The highest
    /// dimension is billed. `capacity_units` gives the average LCU count directly.
    static func capacityUnits(_ u: UsageValues, network: Bool) -> Double? {
        if let direct = u.number("capacity_units") { return direct }
        var dims: [Double] = []
        if let n = u.number("new_connections") { dims.append(n / (network ? 800 : 25)) }
        if let a = u.number("active_connections") { dims.append(a / (network ? 100_000 : 3_000)) }
        if let g = u.number("processed_bytes_gb") { dims.append(g) }
        if !network, let e = u.number("rule_evaluations") { dims.append(e / 1_000) }
        return dims.max()
    }

    /// The number of AZ nodes, each with a public IPv4 address: one per subnet, except subnet
    /// mappings that bring their own EIP (charged on the aws_eip).
    static func publicNodes(_ r: PlannedResource, _ ctx: EstimateContext) -> (Double, String) {
        if let mappings = r.list("subnet_mapping"), !mappings.isEmpty {
            let own = mappings.filter { PlannedResource.string($0["allocation_id"]) == nil && !($0["allocation_id"]?.isUnknown ?? false) }
            return (Double(own.count), "\(own.count) AZ node\(own.count == 1 ? "" : "s") with an AWS-assigned public IPv4 address each")
        }
        // A set of unknown subnet IDs has no known size (unknowns may turn out equal), so only a
        // wholly known set, or a list, is counted directly.
        if let v = r.values["subnets"], let subnets = v.elements, !subnets.isEmpty, v.isWhollyKnown || !Self.isSet(v) {
            return (Double(subnets.count), "internet-facing: \(subnets.count) AZ node\(subnets.count == 1 ? "" : "s") (one per subnet), each with a public IPv4 address")
        }
        let referenced = (r.references["subnets"] ?? []).filter { ctx.resource($0)?.type == "aws_subnet" }
        if !referenced.isEmpty {
            return (Double(referenced.count), "internet-facing: \(referenced.count) AZ nodes (subnets referenced), each with a public IPv4 address")
        }
        return (2, "internet-facing; subnets not known at plan time, priced at the minimum of 2 AZ nodes with a public IPv4 address each")
    }

    static func isSet(_ v: Value) -> Bool {
        if case .set = v.kind { return true }
        return false
    }
}
