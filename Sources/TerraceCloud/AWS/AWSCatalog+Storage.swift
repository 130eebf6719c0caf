extension AWSCatalog {
    /// Storage and delivery resource types.
    static let storageResources: [any AWSResource] = [
        S3BucketResource(), S3BucketVersioningResource(), S3BucketEncryptionResource(), S3BucketLifecycleResource(),
        S3BucketPublicAccessBlockResource(), S3BucketCORSResource(), S3BucketPolicyResource(),
        CloudFrontDistributionResource(), CloudFrontOriginAccessIdentityResource(), CloudFrontOriginAccessControlResource(),
    ]
}
