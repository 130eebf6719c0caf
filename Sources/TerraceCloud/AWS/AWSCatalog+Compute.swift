extension AWSCatalog {
    /// Compute, load balancing, scaling, registry and IAM resource types.
    static let computeResources: [any AWSResource] = [
        ECSClusterResource(), ECSTaskDefinitionResource(), ECSServiceResource(),
        LoadBalancerResource(), LBTargetGroupResource(), LBListenerResource(), LBListenerRuleResource(),
        AppAutoscalingTargetResource(), AppAutoscalingPolicyResource(), ECRRepositoryResource(),
        IAMRoleResource(), IAMPolicyResource(), IAMRolePolicyResource(), IAMRolePolicyAttachmentResource(),
    ]

    /// Compute and IAM data sources.
    static let computeDataSources: [any AWSDataSource] = [CallerIdentityDataSource(), IAMPolicyDocumentDataSource()]
}
