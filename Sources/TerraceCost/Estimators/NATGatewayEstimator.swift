/// `aws_nat_gateway`: gateway hours and data processed (usage). A public NAT gateway's
/// address is an Elastic IP: its $0.005/h public IPv4 charge is shown on the `aws_eip` when
/// the configuration manages that EIP, and on the gateway otherwise — never dropped, as
/// Infracost drops it by calling attached EIPs free.
struct NATGatewayEstimator: ResourceEstimator {
    let types = ["aws_nat_gateway"]
    let service = Service.vpc
    let usageKeys = ["monthly_data_processed_gb"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        out.components.append(ctx.hourly("NAT gateway", key: "vpc/nat-gateway", region: r.region))
        out.components.append(ctx.usage("Data processed", key: "vpc/nat-gateway/data-processed", region: r.region, unit: "GB",
                                        quantity: ctx.usage(for: r).number("monthly_data_processed_gb")))
        guard (r.string("connectivity_type") ?? "public") == "public" else { return out }
        let eips = ctx.referenced(from: r, attr: "allocation_id", type: "aws_eip", matchingValueOf: ["allocation_id", "id"])
        if let eip = eips.first {
            out.notes.append("its public IPv4 address is charged on \(eip.address)")
        } else {
            out.components.append(ctx.hourly("Public IPv4 address", key: "vpc/public-ipv4/in-use", region: r.region))
            out.notes.append("public IPv4 address not managed by this configuration; charged here")
        }
        let secondary = r.list("secondary_allocation_ids")?.count ?? 0
        if secondary > 0 { out.notes.append("\(secondary) secondary EIP\(secondary == 1 ? "" : "s") charged on their aws_eip resources") }
        return out
    }
}
