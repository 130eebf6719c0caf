extension AWSCatalog {
    /// Network resource types.
    static let networkResources: [any AWSResource] = [
        VPCResource(), SubnetResource(), InternetGatewayResource(), EIPResource(), NATGatewayResource(),
        RouteTableResource(), RouteResource(), RouteTableAssociationResource(),
        SecurityGroupResource(), SecurityGroupRuleResource(), VPCSecurityGroupIngressRuleResource(), VPCSecurityGroupEgressRuleResource(),
        FlowLogResource(), VPCEndpointResource(),
    ]

    /// Network data sources.
    static let networkDataSources: [any AWSDataSource] = [
        AvailabilityZonesDataSource(), RegionDataSource(), VPCDataSource(), SubnetsDataSource(),
    ]
}
