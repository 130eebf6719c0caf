import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_elasticache_cluster`: a Memcached, Redis or Valkey cluster, or a replica joining a
/// replication group. Redis and Valkey clusters have one node; cross-AZ placement needs at
/// least two Memcached nodes.
public struct ElastiCacheClusterResource: StoredResource {
    public static let typeName = "aws_elasticache_cluster"
    public let serviceName = "ElastiCache Cache Cluster"
    public init() {}

    static let nodeType = ValueType.object(["address": .string, "availability_zone": .string, "id": .string, "outpost_arn": .string, "port": .number])
    static let logBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "destination": .required(.string), "destination_type": .required(.string),
        "log_format": .required(.string), "log_type": .required(.string),
    ]), maxItems: 2)

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "apply_immediately": .optionalComputed(.bool),
        "auto_minor_version_upgrade": .optional(.string, default: .string("true")),
        "availability_zone": .optionalComputed(.string, forceNew: true),
        "az_mode": .optionalComputed(.string),
        "cache_nodes": .computed(.list(nodeType)),
        "cluster_address": .computed(.string),
        "cluster_id": .required(.string, forceNew: true),
        "configuration_endpoint": .computed(.string),
        "engine": .optionalComputed(.string, forceNew: true),
        "engine_version": .optionalComputed(.string),
        "engine_version_actual": .computed(.string),
        "final_snapshot_identifier": .optional(.string),
        "ip_discovery": .optionalComputed(.string),
        "maintenance_window": .optionalComputed(.string),
        "network_type": .optionalComputed(.string, forceNew: true),
        "node_type": .optionalComputed(.string),
        "notification_topic_arn": .optional(.string),
        "num_cache_nodes": .optionalComputed(.number),
        "outpost_mode": .optional(.string, forceNew: true),
        "parameter_group_name": .optionalComputed(.string),
        "port": .optionalComputed(.number, forceNew: true),
        "preferred_availability_zones": .optional(.list(.string)),
        "preferred_outpost_arn": .optionalComputed(.string, forceNew: true),
        "replication_group_id": .optionalComputed(.string, forceNew: true),
        "security_group_ids": .optionalComputed(.set(.string)),
        "snapshot_arns": .optional(.list(.string), forceNew: true),
        "snapshot_name": .optional(.string, forceNew: true),
        "snapshot_retention_limit": .optional(.number),
        "snapshot_window": .optionalComputed(.string),
        "subnet_group_name": .optionalComputed(.string, forceNew: true),
        "transit_encryption_enabled": .optionalComputed(.bool, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: ["log_delivery_configuration": logBlock]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.length("cluster_id", 1...50)
        v.matches("cluster_id", "^[0-9a-z-]+$", "must contain only lowercase alphanumeric characters and hyphens")
        v.matches("cluster_id", "^[a-z]", "must begin with a lowercase letter")
        v.doesNotMatch("cluster_id", "--", "cannot contain two consecutive hyphens")
        v.doesNotMatch("cluster_id", "-$", "cannot end with a hyphen")
        v.oneOf("engine", ["memcached", "redis", "valkey"])
        v.oneOf("az_mode", ["single-az", "cross-az"])
        v.atMost("snapshot_retention_limit", 35)
        let f = Fields(config)
        if f.string("engine") == nil && f.string("replication_group_id") == nil && f.isKnown("engine") && f.isKnown("replication_group_id") {
            v.fail("Invalid combination of arguments: \"engine\": one of `engine,replication_group_id` must be specified")
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(ElastiCacheNames.lowercased(req, ["cluster_id"]), context: context)
        guard let prior = req.prior, !prior.isNull, var attrs = r.planned.attributes else { return r }
        // Memcached clusters cannot change node type in place.
        if prior["engine"]?.stringValue == "memcached", attrs["node_type"] != prior["node_type"], r.requiresReplace.isEmpty {
            r = basePlan(PlanRequest(typeName: req.typeName, prior: nil, config: ElastiCacheNames.lowercased(req, ["cluster_id"]).config), context: context)
            r.requiresReplace = [["node_type"]]
            return r
        }
        if r.requiresReplace.isEmpty {
            if attrs["num_cache_nodes"] != prior["num_cache_nodes"] { attrs["cache_nodes"] = .unknown(.list(Self.nodeType)) }
            if attrs["engine_version"] != prior["engine_version"] { attrs["engine_version_actual"] = .unknown(.string) }
            r.planned = .object(attrs)
        }
        return r
    }

    static func notFound(_ id: String) -> CloudError {
        CloudError.notFound("CacheClusterNotFound", "CacheCluster not found: \(id)")
    }

    /// The nodes of a cluster and where they are.
    static func nodes(_ id: String, count: Int, port: Int, zones: [String], _ context: AWSContext) -> Value {
        let items: [Value] = (0..<count).map { i in
            let n = String(format: "%04d", i + 1)
            return .object(["id": .string(n), "address": .string(ElastiCacheEngines.host(id, n, context)),
                            "port": .number(port), "availability_zone": .string(zones.isEmpty ? "" : zones[i % zones.count]),
                            "outpost_arn": .string("")])
        }
        return Value(.list(items, element: nodeType))
    }

    static func checkNodeCount(_ engine: String, _ count: Int, azMode: String?) throws {
        if engine != "memcached" && count != 1 {
            throw CloudError("InvalidParameterValue", "Cannot create a \(engine == "valkey" ? "Valkey" : "Redis") cluster with a NumCacheNodes parameter greater than 1.")
        }
        if !(1...40).contains(count) {
            throw CloudError("InvalidParameterValue", "The number of cache nodes must be between 1 and 40.")
        }
        if azMode == "cross-az" {
            if engine != "memcached" {
                throw CloudError("InvalidParameterCombination", "AZMode is not supported for engine \(engine).")
            }
            if count < 2 {
                throw CloudError("InvalidParameterCombination", "Must specify at least two cache nodes in order to specify AZ Mode of 'cross-az'.")
            }
        }
    }

    /// A member cluster's attributes, from its replication group's.
    func member(_ id: String, of group: Fields, zone: String, _ context: AWSContext) -> Value {
        let port = group.int("port") ?? 6379
        return Build.object(schema.block, [
            "id": .string(id), "cluster_id": .string(id), "arn": .string(context.arn("elasticache", "cluster:\(id)")),
            "replication_group_id": .string(group.string("replication_group_id") ?? ""),
            "engine": .string(group.string("engine") ?? "redis"), "engine_version": .string(group.string("engine_version_actual") ?? ""),
            "engine_version_actual": .string(group.string("engine_version_actual") ?? ""),
            "node_type": .string(group.string("node_type") ?? ""), "num_cache_nodes": .number(1), "port": .number(port),
            "parameter_group_name": .string(group.string("parameter_group_name") ?? ""),
            "subnet_group_name": .string(group.string("subnet_group_name") ?? ""),
            "security_group_ids": Build.stringSet(group.strings("security_group_ids")),
            "availability_zone": .string(zone), "az_mode": .string("single-az"),
            "cache_nodes": Self.nodes(id, count: 1, port: port, zones: [zone], context),
            "cluster_address": .string(""), "configuration_endpoint": .string(""),
            "maintenance_window": .string(group.string("maintenance_window") ?? ""),
            "snapshot_window": .string(group.string("snapshot_window") ?? ""),
            "transit_encryption_enabled": .bool(group.bool("transit_encryption_enabled") ?? false),
            "auto_minor_version_upgrade": .string("true"), "apply_immediately": .bool(false),
            "ip_discovery": .string("ipv4"), "network_type": .string("ipv4"), "preferred_outpost_arn": .string(""),
            "tags": Build.stringMap([:]), "tags_all": Build.stringMap(context.defaultTags),
        ])
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let id = (f.string("cluster_id") ?? "").lowercased()
        try ElastiCacheEngines.checkIdentifier(id, parameter: "CacheClusterId", max: 50)
        return try creating(token, context) { tx in
            if object(id, tx, context) != nil {
                throw CloudError("CacheClusterAlreadyExists", "Cache cluster \(id) already exists.")
            }
            if let groupID = f.nonEmpty("replication_group_id") {
                return try joinGroup(id, groupID.lowercased(), planned, token: token, tx, context)
            }
            guard let engine = f.nonEmpty("engine") else {
                throw CloudError("InvalidParameterValue", "The parameter Engine must be provided and must not be blank.")
            }
            guard ElastiCacheEngines.versions[engine] != nil else {
                throw CloudError("InvalidParameterValue", "Invalid engine: \(engine)")
            }
            let version = try ElastiCacheEngines.checkVersion(engine, f.nonEmpty("engine_version"))
            try ElastiCacheEngines.checkNodeType(f.string("node_type"))
            let count = f.int("num_cache_nodes") ?? 1
            try Self.checkNodeCount(engine, count, azMode: f.nonEmpty("az_mode"))
            let groupName = f.nonEmpty("subnet_group_name") ?? "default"
            let group = try ElastiCacheEngines.subnetGroup(groupName, tx, context)
            var securityGroups = f.strings("security_group_ids")
            try ElastiCacheEngines.securityGroups(securityGroups, vpc: group.vpc, tx, context)
            if securityGroups.isEmpty, !group.vpc.isEmpty,
               let sg = tx.fetch("aws_vpc", group.vpc, context)?["default_security_group_id"]?.stringValue {
                securityGroups = [sg]
            }
            let family = ElastiCacheEngines.family(engine, version)
            let parameterGroup = f.nonEmpty("parameter_group_name") ?? "default.\(family)"
            try ElastiCacheEngines.parameterGroup(parameterGroup, family: family, engine: engine, version: version, tx, context)
            let port = f.int("port") ?? ElastiCacheEngines.ports[engine] ?? 6379
            let azMode = f.nonEmpty("az_mode") ?? "single-az"
            let preferred = f.strings("preferred_availability_zones")
            let zones = !preferred.isEmpty ? preferred : f.nonEmpty("availability_zone").map { [$0] }
                ?? (azMode == "cross-az" ? group.zones : Array(group.zones.prefix(1)))
            let memcached = engine == "memcached"
            let address = memcached ? ElastiCacheEngines.host(id, "cfg", context) : ""
            let v = filled(planned, [
                "id": .string(id), "arn": .string(context.arn("elasticache", "cluster:\(id)")),
                "engine_version": .string(f.nonEmpty("engine_version") ?? version), "engine_version_actual": .string(version),
                "num_cache_nodes": .number(count), "port": .number(port), "az_mode": .string(azMode),
                "availability_zone": .string(azMode == "cross-az" ? "Multiple" : (zones.first ?? "\(context.region)a")),
                "cache_nodes": Self.nodes(id, count: count, port: port, zones: zones.isEmpty ? ["\(context.region)a"] : zones, context),
                "cluster_address": .string(address), "configuration_endpoint": .string(memcached ? "\(address):\(port)" : ""),
                "subnet_group_name": .string(groupName), "security_group_ids": Build.stringSet(securityGroups),
                "parameter_group_name": .string(parameterGroup),
                "maintenance_window": .string("sun:05:00-sun:06:00"), "snapshot_window": .string(memcached ? "" : "03:00-04:00"),
                "ip_discovery": .string("ipv4"), "network_type": .string("ipv4"),
                "tags_all": tagsAll(planned, context),
            ])
            return try save(Build.with(v, ["cluster_id": .string(id)]), id: id, token: token, tx: tx, context: context)
        }
    }

    /// Adds a replica cluster to a replication group.
    func joinGroup(_ id: String, _ groupID: String, _ planned: Value, token: String, _ tx: CloudTransaction, _ context: AWSContext) throws -> Value {
        guard var group = tx.fetch(ElastiCacheReplicationGroupResource.typeName, groupID, context) else {
            throw CloudError.notFound("ReplicationGroupNotFoundFault", "Replication group \(groupID) not found.")
        }
        let members = (group["member_clusters"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard members.count < 6 else {
            throw CloudError("InvalidParameterValue", "A replication group can have at most 6 cache clusters (one primary and 5 replicas).")
        }
        let g = Fields(ElastiCacheReplicationGroupResource().decode(group))
        let zones = AWSRegions.zones[context.region] ?? []
        let zone = Fields(planned).nonEmpty("availability_zone") ?? (zones.isEmpty ? "" : zones[members.count % zones.count])
        var v = member(id, of: g, zone: zone, context)
        var tags = context.defaultTags
        for (k, t) in Fields(planned).map("tags") { tags[k] = t }
        v = Build.with(v, ["tags": planned["tags"].flatMap { $0.isNull ? nil : $0 } ?? Build.stringMap([:]), "tags_all": Build.stringMap(tags)])
        group.attributes = group.attributes.setting("member_clusters", .array(Set(members + [id]).sorted().map(JSON.string)))
            .setting("num_cache_clusters", .int(members.count + 1))
        try tx.put(group)
        return try save(v, id: id, token: token, tx: tx, context: context)
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: Self.notFound) { tx, _, v in
            let old = Fields(prior), new = Fields(v)
            let engine = new.string("engine") ?? "redis"
            var changes: [String: Value] = ["tags_all": tagsAll(planned, context)]
            if new.nonEmpty("replication_group_id") != nil { return Build.with(v, changes) }
            try ElastiCacheEngines.checkNodeType(new.string("node_type"))
            var version = old.string("engine_version_actual") ?? ""
            if let requested = new.nonEmpty("engine_version"), requested != old.string("engine_version") {
                let target = try ElastiCacheEngines.checkVersion(engine, requested)
                let all = ElastiCacheEngines.versions[engine] ?? []
                if (all.firstIndex(of: target) ?? 0) < (all.firstIndex(of: version) ?? 0) {
                    throw CloudError("InvalidParameterCombination", "Cannot downgrade \(engine) from \(version) to \(target).")
                }
                version = target
                changes["engine_version_actual"] = .string(target)
            }
            let count = new.int("num_cache_nodes") ?? 1
            try Self.checkNodeCount(engine, count, azMode: new.nonEmpty("az_mode"))
            let group = try ElastiCacheEngines.subnetGroup(new.nonEmpty("subnet_group_name") ?? "default", tx, context)
            try ElastiCacheEngines.securityGroups(new.strings("security_group_ids"), vpc: group.vpc, tx, context)
            let family = ElastiCacheEngines.family(engine, version)
            var parameterGroup = new.nonEmpty("parameter_group_name") ?? "default.\(family)"
            if parameterGroup.hasPrefix("default.") { parameterGroup = "default.\(family)" }
            try ElastiCacheEngines.parameterGroup(parameterGroup, family: family, engine: engine, version: version, tx, context)
            changes["parameter_group_name"] = .string(parameterGroup)
            if count != old.int("num_cache_nodes") {
                let zones = old.blocks("cache_nodes").compactMap { $0.string("availability_zone") }
                changes["cache_nodes"] = Self.nodes(old.string("id") ?? "", count: count, port: new.int("port") ?? 11211,
                                                    zones: zones.isEmpty ? group.zones : zones, context)
            }
            return Build.with(v, changes)
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx, context) else { return }
            if let groupID = o["replication_group_id"]?.stringValue, !groupID.isEmpty,
               var group = tx.fetch(ElastiCacheReplicationGroupResource.typeName, groupID, context) {
                let members = (group["member_clusters"]?.arrayValue ?? []).compactMap(\.stringValue).filter { $0 != id }
                if members.isEmpty {
                    throw CloudError("InvalidReplicationGroupState", "Cannot delete the last cache cluster of replication group \(groupID); delete the replication group instead.")
                }
                if group["automatic_failover_enabled"]?.boolValue == true && members.count < 2 {
                    throw CloudError("InvalidReplicationGroupState", "Replication group must have at least one read replica to enable autofailover.")
                }
                group.attributes = group.attributes.setting("member_clusters", .array(members.sorted().map(JSON.string)))
                    .setting("num_cache_clusters", .int(members.count))
                try tx.put(group)
            }
            tx.delete(o)
        }
    }
}
