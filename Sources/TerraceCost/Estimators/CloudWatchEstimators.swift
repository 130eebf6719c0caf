/// `aws_cloudwatch_log_group`: ingestion, storage and Insights scans, all from usage.
struct CloudWatchLogGroupEstimator: ResourceEstimator {
    let types = ["aws_cloudwatch_log_group"]
    let service = Service.cloudWatch
    let usageKeys = ["storage_gb", "monthly_data_ingested_gb", "monthly_data_scanned_gb"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        let u = ctx.usage(for: r)
        let infrequent = r.string("log_group_class") == "INFREQUENT_ACCESS"
        var out = ResourceCost(name: r.address, resourceType: r.type, components: [
            ctx.usage("Data ingested", key: infrequent ? "cloudwatch/logs/ingestion-infrequent-access" : "cloudwatch/logs/ingestion",
                      region: r.region, unit: "GB", quantity: u.number("monthly_data_ingested_gb")),
            ctx.usage("Archival Storage", key: "cloudwatch/logs/storage", region: r.region, unit: "GB", quantity: u.number("storage_gb")),
            ctx.usage("Insights queries data scanned", key: "cloudwatch/logs/insights-scanned", region: r.region, unit: "GB",
                      quantity: u.number("monthly_data_scanned_gb")),
        ])
        if let days = r.number("retention_in_days"), days > 0 {
            out.notes.append("retention \(Money.quantity(days)) days")
        }
        return out
    }
}

/// `aws_cloudwatch_metric_alarm`: per alarm metric a month; high resolution below a 60 s
/// period; a metric-math alarm counts each metric it queries, an anomaly-detection band as 3.
struct CloudWatchMetricAlarmEstimator: ResourceEstimator {
    let types = ["aws_cloudwatch_metric_alarm"]
    let service = Service.cloudWatch

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let queries = r.list("metric_query") ?? []
        let anomaly = queries.contains { (PlannedResource.string($0["expression"]) ?? "").contains("ANOMALY_DETECTION_BAND") }
        if anomaly {
            out.components.append(ctx.monthly("Anomaly detection", key: "cloudwatch/alarm/anomaly-detection", region: r.region,
                                              quantity: 1, unit: "alarms"))
            return out
        }
        var metrics = 1.0
        var period = r.number("period") ?? 60
        if !queries.isEmpty {
            let withMetric = queries.filter { q in q["metric"]?.elements.map { !$0.isEmpty } ?? (q["metric"].map { !$0.isNull } ?? false) }
            metrics = Double(max(withMetric.count, 1))
            let periods = withMetric.compactMap { PlannedResource.number($0["metric"]?.elements?.first?["period"]) }
            if let p = periods.min() { period = p }
        }
        let high = period < 60
        out.components.append(ctx.monthly(high ? "High resolution" : "Standard resolution",
                                          key: high ? "cloudwatch/alarm/high-resolution" : "cloudwatch/alarm/standard",
                                          region: r.region, quantity: metrics, unit: "alarm metrics"))
        return out
    }
}

/// `aws_cloudwatch_dashboard`: $3 a dashboard a month (the account's three free dashboards are
/// not subtracted, as Infracost does not: the free tier is per account, not per configuration).
struct CloudWatchDashboardEstimator: ResourceEstimator {
    let types = ["aws_cloudwatch_dashboard"]
    let service = Service.cloudWatch

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        ResourceCost(name: r.address, resourceType: r.type, components: [
            ctx.monthly("Dashboard", key: "cloudwatch/dashboard", region: r.region, quantity: 1, unit: "months"),
        ])
    }
}
