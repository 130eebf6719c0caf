/// `aws_db_instance`: the instance hours (Single-AZ or Multi-AZ, by engine and class), its
/// storage and provisioned IOPS, and backup storage beyond the free allowance (usage).
struct DBInstanceEstimator: ResourceEstimator {
    let types = ["aws_db_instance"]
    let service = Service.rds
    let usageKeys = ["additional_backup_storage_gb", "monthly_cpu_credit_hrs", "monthly_standard_io_requests"]

    /// Catalogue engine names: PostgreSQL and MySQL are priced; other engines look up their own
    /// name and are reported missing until the catalogue has them.
    static func engineKey(_ engine: String?) -> String {
        switch engine ?? "" {
        case "postgres": return "postgres"
        case "mysql": return "mysql"
        case "": return "postgres"
        case let e: return e
        }
    }

    static func storageLabel(_ type: String) -> String {
        switch type {
        case "gp2", "gp3": return "general purpose SSD, \(type)"
        case "io1", "io2": return "provisioned IOPS SSD, \(type)"
        case "standard": return "magnetic"
        default: return type
        }
    }

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let multiAZ = r.bool("multi_az") ?? false
        let az = multiAZ ? "multi-az" : "single-az"
        let azLabel = multiAZ ? "Multi-AZ" : "Single-AZ"
        let engine = Self.engineKey(r.string("engine"))
        if r.string("engine") == nil { out.notes.append("engine not known at plan time; priced as PostgreSQL") }
        let cls = r.string("instance_class") ?? "unknown"
        out.components.append(ctx.hourly("Database instance (on-demand, \(azLabel), \(cls))",
                                         key: "rds/instance/\(engine)/\(cls)/\(az)", region: r.region))

        let iops = r.number("iops")
        let storageType = r.string("storage_type") ?? (iops != nil && iops! > 0 ? "io1" : "gp2")
        if let gb = r.number("allocated_storage"), gb > 0 {
            out.components.append(ctx.monthly("Storage (\(Self.storageLabel(storageType)))",
                                              key: "rds/storage/\(storageType)/\(az)", region: r.region, quantity: gb, unit: "GB"))
            if let max = r.number("max_allocated_storage"), max > gb {
                out.notes.append("storage autoscaling up to \(Money.quantity(max)) GB; priced at the allocated \(Money.quantity(gb)) GB")
            }
            if storageType == "gp3", let iops {
                // gp3 includes 3,000 IOPS below 400 GB and 12,000 from 400 GB (PostgreSQL, MySQL, MariaDB).
                let baseline: Double = gb >= 400 ? 12_000 : 3_000
                if iops > baseline {
                    out.components.append(ctx.monthly("Provisioned GP3 IOPS (above \(Money.quantity(baseline)))",
                                                      key: "rds/iops/gp3/\(az)", region: r.region, quantity: iops - baseline, unit: "IOPS"))
                }
            } else if storageType == "io1" || storageType == "io2", let iops, iops > 0 {
                out.components.append(ctx.monthly("Provisioned IOPS", key: "rds/iops/\(storageType)/\(az)", region: r.region,
                                                  quantity: iops, unit: "IOPS"))
            }
        } else if r.string("replicate_source_db") == nil {
            out.notes.append("allocated_storage not known; storage not priced")
        }

        let usage = ctx.usage(for: r)
        out.components.append(ctx.usage("Additional backup storage", key: "rds/backup-storage", region: r.region, unit: "GB",
                                        quantity: usage.number("additional_backup_storage_gb")))
        if cls.hasPrefix("db.t3.") || cls.hasPrefix("db.t4g."), let credits = usage.number("monthly_cpu_credit_hrs") {
            out.components.append(ctx.usage("CPU credits", key: "rds/cpu-credits", region: r.region, unit: "vCPU-hours", quantity: credits))
        }
        if r.bool("performance_insights_enabled") == true, let days = r.number("performance_insights_retention_period"), days > 7 {
            out.components.append(ctx.hourly("Performance Insights Long Term Retention (\(cls))",
                                             key: "rds/performance-insights/long-term-retention/\(cls)", region: r.region,
                                             unit: "vCPU-month", unitMultiplier: ctx.hours))
        }
        return out
    }
}
