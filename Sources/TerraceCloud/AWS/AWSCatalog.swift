/// Every aws resource type the simulated cloud carries.
public enum AWSCatalog {
    public static let resources: [any AWSResource] = [
        VPCResource(),
        SubnetResource(),
        S3BucketResource(),
    ]

    /// Object kinds that belong to a VPC and block its deletion.
    public static let vpcDependents = ["aws_subnet"]
}
