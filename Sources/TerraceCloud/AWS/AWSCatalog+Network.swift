extension AWSCatalog {
    /// Network resource types.
    static let networkResources: [any AWSResource] = [VPCResource(), SubnetResource()]
}
