extension AWSCatalog {
    /// DNS resource types.
    static let dnsResources: [any AWSResource] = []
}
