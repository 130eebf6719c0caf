/// Every aws resource type and data source the simulated cloud carries, gathered from the
/// per-family lists (`AWSCatalog+Network.swift`, `AWSCatalog+Data.swift`, …).
public enum AWSCatalog {
    public static var resources: [any AWSResource] {
        networkResources + computeResources + dataResources + storageResources + secretsResources
            + monitoringResources + dnsResources
    }

    public static var dataSources: [any AWSDataSource] { networkDataSources + computeDataSources }

    /// The resource type called `name`.
    public static func resource(_ name: String) -> (any AWSResource)? {
        resources.first { type(of: $0).typeName == name }
    }

    /// Object kinds that belong to a VPC (by their `vpc_id`) and block its deletion. The
    /// objects a VPC manages itself (its default security group, main route table and default
    /// network ACL) do not count.
    public static let vpcDependents = [
        "aws_subnet", "aws_internet_gateway", "aws_security_group", "aws_route_table", "aws_vpc_endpoint",
        "aws_nat_gateway",
    ]
}
