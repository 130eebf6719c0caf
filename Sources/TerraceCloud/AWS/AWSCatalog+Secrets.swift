extension AWSCatalog {
    /// Secrets resource types.
    static let secretsResources: [any AWSResource] = [
        KMSKeyResource(), KMSAliasResource(),
        SecretsManagerSecretResource(), SecretsManagerSecretVersionResource(), SecretsManagerSecretRotationResource(),
    ]
}
