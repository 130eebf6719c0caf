/// `aws_secretsmanager_secret`: $0.40 a secret a month, and API requests from usage.
struct SecretsManagerSecretEstimator: ResourceEstimator {
    let types = ["aws_secretsmanager_secret"]
    let service = Service.secretsManager
    let usageKeys = ["monthly_requests"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        ResourceCost(name: r.address, resourceType: r.type, components: [
            ctx.monthly("Secret", key: "secretsmanager/secret", region: r.region, quantity: 1, unit: "months"),
            ctx.usage("API requests", key: "secretsmanager/api-requests", region: r.region, unit: "10k requests",
                      quantity: ctx.usage(for: r).number("monthly_requests"), scale: 1.0 / 10_000),
        ])
    }
}
