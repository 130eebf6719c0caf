extension AWSCatalog {
    /// Storage resource types.
    static let storageResources: [any AWSResource] = [S3BucketResource()]
}
