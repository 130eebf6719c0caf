/// `aws_eip`: every public IPv4 address costs $0.005 per hour since 2024-02-01, attached or
/// idle — including the EIP of a NAT gateway, which Infracost calls free. Customer-owned
/// addresses (`customer_owned_ipv4_pool`) are not Amazon public IPv4 and cost nothing here.
struct EIPEstimator: ResourceEstimator {
    let types = ["aws_eip"]
    let service = Service.vpc

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        if r.string("customer_owned_ipv4_pool") != nil {
            return ResourceCost(name: r.address, resourceType: r.type, status: .free, notes: ["customer-owned IPv4 pool"])
        }
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let users = Self.attachments(r, ctx)
        if users.isEmpty && r.string("instance") == nil && r.string("network_interface") == nil
            && !r.isUnknown("instance") && !r.isUnknown("network_interface") {
            out.components.append(ctx.hourly("Public IPv4 address (idle)", key: "vpc/public-ipv4/idle", region: r.region))
            out.notes.append("not attached to anything in this configuration")
        } else {
            out.components.append(ctx.hourly("Public IPv4 address (in use)", key: "vpc/public-ipv4/in-use", region: r.region))
            if !users.isEmpty { out.notes.append("attached to " + users.map(\.address).joined(separator: ", ")) }
        }
        return out
    }

    /// NAT gateways, EIP associations and load balancer subnet mappings using this address.
    static func attachments(_ r: PlannedResource, _ ctx: EstimateContext) -> [PlannedResource] {
        let keys = ["allocation_id", "id"]
        return ctx.referencing(r, fromType: "aws_nat_gateway", attr: "allocation_id", matchingValueOf: keys)
            + ctx.referencing(r, fromType: "aws_nat_gateway", attr: "secondary_allocation_ids", matchingValueOf: keys)
            + ctx.referencing(r, fromType: "aws_eip_association", attr: "allocation_id", matchingValueOf: keys)
            + ctx.referencing(r, fromType: "aws_lb", attr: "subnet_mapping", matchingValueOf: keys)
    }
}
