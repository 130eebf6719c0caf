extension AWSCatalog {
    /// DNS and TLS resource types.
    static let dnsResources: [any AWSResource] = [
        Route53ZoneResource(), Route53RecordResource(), ACMCertificateResource(),
    ]
}
