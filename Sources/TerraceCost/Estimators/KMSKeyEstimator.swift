/// `aws_kms_key`: $1 a customer managed key a month, and requests from usage (symmetric or
/// asymmetric by `customer_master_key_spec`).
struct KMSKeyEstimator: ResourceEstimator {
    let types = ["aws_kms_key"]
    let service = Service.kms
    let usageKeys = ["monthly_requests"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        let spec = r.string("customer_master_key_spec") ?? "SYMMETRIC_DEFAULT"
        let symmetric = spec == "SYMMETRIC_DEFAULT" || spec.hasPrefix("HMAC")
        return ResourceCost(name: r.address, resourceType: r.type, components: [
            ctx.monthly("Customer master key", key: "kms/key", region: r.region, quantity: 1, unit: "months"),
            ctx.usage(symmetric ? "Requests" : "Requests (asymmetric)", key: symmetric ? "kms/requests/symmetric" : "kms/requests/asymmetric",
                      region: r.region, unit: "10k requests", quantity: ctx.usage(for: r).number("monthly_requests"), scale: 1.0 / 10_000),
        ])
    }
}
