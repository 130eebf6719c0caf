extension AWSCatalog {
    /// Compute resource types.
    static let computeResources: [any AWSResource] = []

    /// Compute and IAM data sources.
    static let computeDataSources: [any AWSDataSource] = []
}
