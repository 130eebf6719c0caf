/// Every aws resource type the simulated cloud carries, gathered from the per-family lists
/// (`AWSCatalog+Network.swift`, `AWSCatalog+Data.swift`, …).
public enum AWSCatalog {
    public static var resources: [any AWSResource] {
        networkResources + computeResources + dataResources + storageResources + secretsResources
            + monitoringResources + dnsResources
    }

    /// Object kinds that belong to a VPC (by their `vpc_id`) and block its deletion.
    public static let vpcDependents = ["aws_subnet"]
}
