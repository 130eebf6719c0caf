extension AWSCatalog {
    /// Data resource types.
    static let dataResources: [any AWSResource] = [
        RDSSubnetGroupResource(), RDSParameterGroupResource(), RDSInstanceResource(),
        ElastiCacheSubnetGroupResource(), ElastiCacheParameterGroupResource(),
        ElastiCacheReplicationGroupResource(), ElastiCacheClusterResource(),
        DynamoDBTableResource(),
    ]

    /// The data resources with network interfaces in a subnet: a DB instance or cache node in
    /// the subnet's zone, placed by a subnet group holding the subnet. AWS refuses to delete
    /// such a subnet (`DependencyViolation`); the network family's subnet delete can ask here.
    public static func dataUsers(ofSubnet subnet: String, _ tx: CloudTransaction, _ context: AWSContext) -> [String] {
        guard let zone = tx.fetch("aws_subnet", subnet, context)?["availability_zone"]?.stringValue else { return [] }
        var out: [String] = []
        let dbGroups = Usage.users(tx, RDSSubnetGroupResource.typeName, "subnet_ids", subnet, context).map(\.id)
        for db in tx.list(RDSInstanceResource.typeName, account: context.account, region: context.region)
        where dbGroups.contains(db["db_subnet_group_name"]?.stringValue ?? "") && db["availability_zone"]?.stringValue == zone {
            out.append("\(RDSInstanceResource.typeName) \(db["identifier"]?.stringValue ?? db.id)")
        }
        let cacheGroups = Usage.users(tx, ElastiCacheSubnetGroupResource.typeName, "subnet_ids", subnet, context).map(\.id)
        for c in tx.list(ElastiCacheClusterResource.typeName, account: context.account, region: context.region)
        where cacheGroups.contains(c["subnet_group_name"]?.stringValue ?? "")
            && (c["cache_nodes"]?.arrayValue ?? []).contains(where: { $0["availability_zone"]?.stringValue == zone }) {
            out.append("\(ElastiCacheClusterResource.typeName) \(c.id)")
        }
        return out.sorted()
    }

    /// The data resources using a security group; AWS refuses to delete it while they do
    /// (`DependencyViolation`).
    public static func dataUsers(ofSecurityGroup group: String, _ tx: CloudTransaction, _ context: AWSContext) -> [String] {
        let uses = [(RDSInstanceResource.typeName, "vpc_security_group_ids"),
                    (ElastiCacheReplicationGroupResource.typeName, "security_group_ids"),
                    (ElastiCacheClusterResource.typeName, "security_group_ids")]
        return uses.flatMap { kind, attribute in
            Usage.users(tx, kind, attribute, group, context).map { "\(kind) \($0.id)" }
        }.sorted()
    }
}
