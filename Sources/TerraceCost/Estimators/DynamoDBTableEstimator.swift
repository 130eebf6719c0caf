/// `aws_dynamodb_table`: provisioned read and write capacity by the hour, or on-demand request
/// units from usage; storage and backups from usage.
struct DynamoDBTableEstimator: ResourceEstimator {
    let types = ["aws_dynamodb_table"]
    let service = Service.dynamoDB
    let usageKeys = ["monthly_write_request_units", "monthly_read_request_units", "storage_gb", "pitr_backup_storage_gb",
                     "on_demand_backup_storage_gb", "monthly_streams_read_request_units"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let u = ctx.usage(for: r)
        if (r.string("billing_mode") ?? "PROVISIONED") == "PAY_PER_REQUEST" {
            out.components.append(ctx.usage("Write request unit (WRU)", key: "dynamodb/on-demand/write", region: r.region, unit: "1M WRU",
                                            quantity: u.number("monthly_write_request_units"), scale: 1.0 / 1_000_000))
            out.components.append(ctx.usage("Read request unit (RRU)", key: "dynamodb/on-demand/read", region: r.region, unit: "1M RRU",
                                            quantity: u.number("monthly_read_request_units"), scale: 1.0 / 1_000_000))
        } else {
            out.components.append(ctx.hourly("Write capacity unit (WCU)", key: "dynamodb/provisioned/write", region: r.region,
                                             perHour: r.number("write_capacity") ?? 0, unit: "WCU", unitMultiplier: ctx.hours))
            out.components.append(ctx.hourly("Read capacity unit (RCU)", key: "dynamodb/provisioned/read", region: r.region,
                                             perHour: r.number("read_capacity") ?? 0, unit: "RCU", unitMultiplier: ctx.hours))
        }
        out.components.append(ctx.usage("Data storage", key: "dynamodb/storage", region: r.region, unit: "GB", quantity: u.number("storage_gb")))
        let pitr = r.list("point_in_time_recovery")?.contains { PlannedResource.string($0["enabled"]) == "true" || $0["enabled"]?.boolValue == true } ?? false
        if pitr {
            out.components.append(ctx.usage("Point-In-Time Recovery (PITR) backup storage", key: "dynamodb/pitr-backup", region: r.region,
                                            unit: "GB", quantity: u.number("pitr_backup_storage_gb")))
        }
        out.components.append(ctx.usage("On-demand backup storage", key: "dynamodb/on-demand-backup", region: r.region, unit: "GB",
                                        quantity: u.number("on_demand_backup_storage_gb")))
        if r.bool("stream_enabled") == true {
            out.components.append(ctx.usage("Streams read request unit (sRRU)", key: "dynamodb/streams-read", region: r.region, unit: "1M sRRU",
                                            quantity: u.number("monthly_streams_read_request_units"), scale: 1.0 / 1_000_000))
        }
        return out
    }
}
