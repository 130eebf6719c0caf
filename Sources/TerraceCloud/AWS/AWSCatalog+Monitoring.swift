extension AWSCatalog {
    /// Monitoring resource types.
    static let monitoringResources: [any AWSResource] = [
        CloudWatchLogGroupResource(), CloudWatchMetricAlarmResource(), CloudWatchDashboardResource(),
        SNSTopicResource(), SNSTopicSubscriptionResource(),
    ]
}
