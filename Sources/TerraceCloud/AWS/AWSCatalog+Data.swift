extension AWSCatalog {
    /// Data resource types.
    static let dataResources: [any AWSResource] = [
        RDSSubnetGroupResource(), RDSParameterGroupResource(), RDSInstanceResource(),
        ElastiCacheSubnetGroupResource(), ElastiCacheParameterGroupResource(),
        ElastiCacheReplicationGroupResource(), ElastiCacheClusterResource(),
        DynamoDBTableResource(),
    ]
}
