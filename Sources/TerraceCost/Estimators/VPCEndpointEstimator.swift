/// `aws_vpc_endpoint`: gateway endpoints (S3, DynamoDB) are free; interface endpoints are
/// billed per AZ (one network interface per subnet) and per GB processed.
struct VPCEndpointEstimator: ResourceEstimator {
    let types = ["aws_vpc_endpoint"]
    let service = Service.vpc
    let usageKeys = ["monthly_data_processed_gb"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        let kind = r.string("vpc_endpoint_type") ?? "Gateway"
        guard kind != "Gateway" else {
            return ResourceCost(name: r.address, resourceType: r.type, status: .free, notes: ["gateway endpoints are free"])
        }
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let azs = Double(r.values["subnet_ids"]?.elements?.count ?? 1)
        let key = kind.lowercased()
        out.components.append(ctx.hourly("Endpoint (\(kind))", key: "vpc/endpoint/\(key)", region: r.region, perHour: max(azs, 1)))
        out.components.append(ctx.usage("Data processed", key: "vpc/endpoint/\(key)/data-processed", region: r.region, unit: "GB",
                                        quantity: ctx.usage(for: r).number("monthly_data_processed_gb")))
        return out
    }
}
