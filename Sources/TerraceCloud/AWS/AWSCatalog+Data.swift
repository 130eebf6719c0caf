extension AWSCatalog {
    /// Data resource types.
    static let dataResources: [any AWSResource] = []
}
