/// ElastiCache node hours, priced by engine: Redis OSS, Valkey and Memcached are separate SKUs
/// per node type, and Terrace selects the plain on-demand `NodeUsage` price of the engine the
/// resource runs (Infracost prices every engine as Redis).
enum ElastiCacheNodes {
    static func engine(_ r: PlannedResource, default d: String) -> String {
        (r.string("engine") ?? d).lowercased()
    }

    static func component(_ r: PlannedResource, _ ctx: EstimateContext, nodeType: String, engine: String, nodes: Double) -> CostComponent {
        ctx.hourly("ElastiCache (on-demand, \(nodeType))", key: "elasticache/node/\(engine)/\(nodeType)",
                   region: r.region, perHour: nodes)
    }

    static func backup(_ r: PlannedResource, _ ctx: EstimateContext) -> CostComponent? {
        // Infracost (and AWS) charge backups beyond the one free snapshot.
        guard let keep = r.number("snapshot_retention_limit"), keep > 1 else { return nil }
        return ctx.usage("Backup storage", key: "elasticache/backup-storage", region: r.region, unit: "GB",
                         quantity: ctx.usage(for: r).number("snapshot_storage_size_gb"))
    }

    static func engineNote(_ engine: String) -> String {
        "priced as \(engine == "redis" ? "Redis OSS" : engine == "valkey" ? "Valkey" : engine) nodes"
    }
}

/// `aws_elasticache_replication_group`: num_cache_clusters nodes, or num_node_groups ×
/// (replicas_per_node_group + 1) in cluster mode.
struct ElastiCacheReplicationGroupEstimator: ResourceEstimator {
    let types = ["aws_elasticache_replication_group"]
    let service = Service.elastiCache
    let usageKeys = ["snapshot_storage_size_gb"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let nodeType = r.string("node_type") ?? "unknown"
        let engine = ElastiCacheNodes.engine(r, default: "redis")
        var nodes: Double
        if let groups = r.number("num_node_groups"), groups > 0 {
            nodes = groups * ((r.number("replicas_per_node_group") ?? 0) + 1)
        } else {
            nodes = r.number("num_cache_clusters") ?? r.number("number_cache_clusters") ?? 1
        }
        if nodes < 1 { nodes = 1 }
        out.components.append(ElastiCacheNodes.component(r, ctx, nodeType: nodeType, engine: engine, nodes: nodes))
        if let b = ElastiCacheNodes.backup(r, ctx) { out.components.append(b) }
        out.notes.append("\(Money.quantity(nodes)) node\(nodes == 1 ? "" : "s"), \(ElastiCacheNodes.engineNote(engine))")
        return out
    }
}

/// `aws_elasticache_cluster`: num_cache_nodes nodes; a member of a replication group costs
/// nothing itself (the group is priced).
struct ElastiCacheClusterEstimator: ResourceEstimator {
    let types = ["aws_elasticache_cluster"]
    let service = Service.elastiCache
    let usageKeys = ["snapshot_storage_size_gb"]

    func estimate(_ r: PlannedResource, _ ctx: EstimateContext) -> ResourceCost {
        if r.string("replication_group_id") != nil || r.isUnknown("replication_group_id") && r.references["replication_group_id"] != nil {
            return ResourceCost(name: r.address, resourceType: r.type, status: .free,
                                notes: ["a member of a replication group, which is priced instead"])
        }
        var out = ResourceCost(name: r.address, resourceType: r.type)
        let engine = ElastiCacheNodes.engine(r, default: "redis")
        let nodes = max(r.number("num_cache_nodes") ?? 1, 1)
        out.components.append(ElastiCacheNodes.component(r, ctx, nodeType: r.string("node_type") ?? "unknown", engine: engine, nodes: nodes))
        if let b = ElastiCacheNodes.backup(r, ctx) { out.components.append(b) }
        out.notes.append(ElastiCacheNodes.engineNote(engine))
        return out
    }
}
