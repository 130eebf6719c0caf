extension AWSCatalog {
    /// Compute resource types.
    static let computeResources: [any AWSResource] = []
}
