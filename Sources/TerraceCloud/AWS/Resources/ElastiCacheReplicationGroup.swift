import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_elasticache_replication_group`: a Redis or Valkey primary with replicas (or shards,
/// in cluster mode). Automatic failover needs at least two clusters; an AUTH token needs
/// encryption in transit. Its member clusters are `aws_elasticache_cluster` objects.
public struct ElastiCacheReplicationGroupResource: StoredResource {
    public static let typeName = "aws_elasticache_replication_group"
    public let serviceName = "ElastiCache Replication Group"
    public init() {}

    static let nodeGroupBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "node_group_id": .optionalComputed(.string),
        "primary_availability_zone": .optionalComputed(.string),
        "primary_outpost_arn": .optionalComputed(.string),
        "replica_availability_zones": .optionalComputed(.list(.string)),
        "replica_outpost_arns": .optionalComputed(.list(.string)),
        "replica_count": .optional(.number),
        "slots": .optional(.string),
    ]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "apply_immediately": .optionalComputed(.bool),
        "at_rest_encryption_enabled": .optional(.bool, forceNew: true, default: .bool(false)),
        "auth_token": .optional(.string, sensitive: true),
        "auth_token_update_strategy": .optional(.string, default: .string("ROTATE")),
        "auto_minor_version_upgrade": .optionalComputed(.string),
        "automatic_failover_enabled": .optional(.bool, default: .bool(false)),
        "cluster_enabled": .computed(.bool),
        "cluster_mode": .optionalComputed(.string),
        "configuration_endpoint_address": .computed(.string),
        "data_tiering_enabled": .optionalComputed(.bool, forceNew: true),
        "description": .required(.string),
        "engine": .optional(.string, forceNew: true, default: .string("redis")),
        "engine_version": .optionalComputed(.string),
        "engine_version_actual": .computed(.string),
        "final_snapshot_identifier": .optional(.string),
        "global_replication_group_id": .optionalComputed(.string, forceNew: true),
        "ip_discovery": .optionalComputed(.string),
        "kms_key_id": .optional(.string, forceNew: true),
        "maintenance_window": .optionalComputed(.string),
        "member_clusters": .computed(.set(.string)),
        "multi_az_enabled": .optional(.bool, default: .bool(false)),
        "network_type": .optionalComputed(.string, forceNew: true),
        "node_type": .optionalComputed(.string),
        "notification_topic_arn": .optional(.string),
        "num_cache_clusters": .optionalComputed(.number),
        "num_node_groups": .optionalComputed(.number),
        "parameter_group_name": .optionalComputed(.string),
        "port": .optional(.number, forceNew: true),
        "preferred_cache_cluster_azs": .optional(.list(.string)),
        "primary_endpoint_address": .computed(.string),
        "reader_endpoint_address": .computed(.string),
        "replicas_per_node_group": .optionalComputed(.number),
        "replication_group_id": .required(.string, forceNew: true),
        "security_group_ids": .optionalComputed(.set(.string)),
        "security_group_names": .optionalComputed(.set(.string), forceNew: true),
        "snapshot_arns": .optional(.set(.string), forceNew: true),
        "snapshot_name": .optional(.string, forceNew: true),
        "snapshot_retention_limit": .optional(.number),
        "snapshot_window": .optionalComputed(.string),
        "subnet_group_name": .optionalComputed(.string, forceNew: true),
        "transit_encryption_enabled": .optionalComputed(.bool),
        "transit_encryption_mode": .optionalComputed(.string),
        "user_group_ids": .optional(.set(.string)),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "log_delivery_configuration": ElastiCacheClusterResource.logBlock,
        "node_group_configuration": nodeGroupBlock,
    ]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        let f = Fields(config)
        v.length("replication_group_id", 1...40)
        v.matches("replication_group_id", "^[0-9A-Za-z-]+$", "must contain only alphanumeric characters and hyphens")
        v.matches("replication_group_id", "^[A-Za-z]", "must begin with a letter")
        v.doesNotMatch("replication_group_id", "--", "cannot contain two consecutive hyphens")
        v.doesNotMatch("replication_group_id", "-$", "cannot end with a hyphen")
        if let t = f.string("auth_token") {
            if !(16...128).contains(t.count) {
                v.fail("\"auth_token\" must contain from 16 to 128 alphanumeric characters or symbols (excluding @, \", and /)")
            }
            if !Validation.matches(t, "^[^@\"/]+$") {
                v.fail("only alphanumeric characters or symbols (excluding @, \", and /) allowed in \"auth_token\"")
            }
        }
        v.conflicts("auth_token", "user_group_ids")
        v.conflicts("num_cache_clusters", "num_node_groups")
        v.conflicts("num_cache_clusters", "replicas_per_node_group")
        v.oneOf("engine", ["redis", "valkey"])
        v.oneOf("auth_token_update_strategy", ["SET", "ROTATE", "DELETE"])
        v.oneOf("transit_encryption_mode", ["preferred", "required"])
        v.atMost("snapshot_retention_limit", 35)
        v.atLeast("replicas_per_node_group", 0)
        if f.bool("multi_az_enabled") == true && f.bool("automatic_failover_enabled") == false {
            v.fail("automatic_failover_enabled must be true if multi_az_enabled is true")
        }
        if f.bool("automatic_failover_enabled") == true, let n = f.int("num_cache_clusters"), n < 2 {
            v.fail("\"num_cache_clusters\": must be at least 2 if automatic_failover_enabled is true")
        }
        for r in ["7.x", "7.x.y"] where f.string("engine_version") == r {
            v.fail("engine_version: Redis versions must match <major>.<minor> when using version 6 or higher, or <major>.<minor>.<patch>")
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var request = ElastiCacheNames.lowercased(req, ["replication_group_id"])
        // An unset port is the engine's default, not a change (the provider's DiffSuppressFunc).
        if let prior = req.prior, request.config["port"]?.isNull ?? true, let port = prior["port"], var c = request.config.attributes {
            c["port"] = port
            request.config = .object(c)
        }
        var r = basePlan(request, context: context)
        guard let prior = req.prior, !prior.isNull, r.requiresReplace.isEmpty, var attrs = r.planned.attributes else { return r }
        if ["num_cache_clusters", "num_node_groups", "replicas_per_node_group"].contains(where: { attrs[$0] != prior[$0] }) {
            attrs["member_clusters"] = .unknown(.set(.string))
        }
        if attrs["engine_version"] != prior["engine_version"] { attrs["engine_version_actual"] = .unknown(.string) }
        if attrs["transit_encryption_enabled"] != prior["transit_encryption_enabled"] {
            for k in ["primary_endpoint_address", "reader_endpoint_address", "configuration_endpoint_address", "transit_encryption_mode"] {
                attrs[k] = .unknown(.string)
            }
        }
        r.planned = Value(.object(attrs), sensitive: r.planned.sensitive)
        return r
    }

    static func notFound(_ id: String) -> CloudError {
        CloudError.notFound("ReplicationGroupNotFoundFault", "Replication group \(id) not found.")
    }

    /// The shape of a group: shards and replicas per shard.
    struct Shape {
        var clusterEnabled: Bool
        var shards: Int
        var replicas: Int
        var members: Int { shards * (replicas + 1) }

        func memberIDs(_ id: String) -> [String] {
            if !clusterEnabled { return (1...max(1, members)).map { String(format: "\(id)-%03d", $0) } }
            return (1...shards).flatMap { s in (1...(replicas + 1)).map { String(format: "\(id)-%04d-%03d", s, $0) } }
        }
    }

    static func shape(_ f: Fields, prior: Fields? = nil) throws -> Shape {
        let clusterEnabled = (f.int("num_node_groups") ?? 1) > 1 || f.string("cluster_mode") == "enabled"
            || (f.string("parameter_group_name") ?? "").contains("cluster.on") || prior?.bool("cluster_enabled") == true
        if clusterEnabled {
            let shards = f.int("num_node_groups") ?? 1, replicas = f.int("replicas_per_node_group") ?? 1
            guard (1...500).contains(shards), (0...5).contains(replicas) else {
                throw CloudError("InvalidParameterValue", "A cluster mode enabled replication group can have 1 to 500 node groups with 0 to 5 replicas each.")
            }
            return Shape(clusterEnabled: true, shards: shards, replicas: replicas)
        }
        let count = f.int("num_cache_clusters") ?? f.int("replicas_per_node_group").map { $0 + 1 } ?? 1
        guard (1...6).contains(count) else {
            throw CloudError("InvalidParameterValue", "The number of cache clusters in a replication group must be between 1 and 6.")
        }
        return Shape(clusterEnabled: false, shards: 1, replicas: count - 1)
    }

    /// Failover, Multi-AZ, AUTH and encryption rules.
    static func checkSettings(_ f: Fields, _ shape: Shape) throws {
        let failover = f.bool("automatic_failover_enabled") == true
        if shape.clusterEnabled && !failover {
            throw CloudError("InvalidParameterCombination", "Redis with cluster mode enabled cannot be created with auto failover turned off.")
        }
        if failover && !shape.clusterEnabled && shape.members < 2 {
            throw CloudError("InvalidParameterCombination", "When using automatic failover, there must be at least 2 cache clusters in the replication group.")
        }
        if f.bool("multi_az_enabled") == true && !failover {
            throw CloudError("InvalidParameterCombination", "Multi-AZ is only supported when automatic failover is enabled.")
        }
        if let token = f.nonEmpty("auth_token") {
            if f.bool("transit_encryption_enabled") != true {
                throw CloudError("InvalidParameterValue", "The AUTH token is only supported when encryption-in-transit is enabled")
            }
            let printable = token.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7e && !"@\"/".unicodeScalars.contains($0) }
            if !(16...128).contains(token.count) || !printable {
                throw CloudError("InvalidParameterValue", "Invalid AuthToken provided.")
            }
        }
        if f.nonEmpty("kms_key_id") != nil && f.bool("at_rest_encryption_enabled") != true {
            throw CloudError("InvalidParameterCombination", "KmsKeyId can only be specified when AtRestEncryptionEnabled is true.")
        }
        for l in f.blocks("log_delivery_configuration") {
            guard ["slow-log", "engine-log"].contains(l.string("log_type") ?? ""), ["cloudwatch-logs", "kinesis-firehose"].contains(l.string("destination_type") ?? ""),
                  ["json", "text"].contains(l.string("log_format") ?? "") else {
                throw CloudError("InvalidParameterValue", "Invalid log delivery configuration: log_type, destination_type or log_format is not valid.")
            }
        }
        if f.bool("data_tiering_enabled") == true && !(f.string("node_type") ?? "").hasPrefix("cache.r6gd.") {
            throw CloudError("InvalidParameterCombination", "Data tiering is only supported for r6gd node types.")
        }
    }

    /// CloudWatch Logs destinations must exist: ElastiCache delivers to a log group, it does
    /// not create one.
    static func checkLogDestinations(_ f: Fields, _ tx: CloudTransaction, _ context: AWSContext) throws {
        for l in f.blocks("log_delivery_configuration") where l.string("destination_type") == "cloudwatch-logs" {
            let group = l.string("destination") ?? ""
            if tx.fetch(CloudWatchLogGroupResource.typeName, group, context) == nil {
                throw CloudError("InvalidParameterValue", "The CloudWatch Logs log group \(group) does not exist.")
            }
        }
    }

    static func endpoints(_ id: String, _ shape: Shape, transit: Bool, _ context: AWSContext) -> [String: Value] {
        let token = RegionCodes.endpointToken(context, length: 6, salt: "elasticache")
        let region = RegionCodes.short[context.region] ?? context.region
        if shape.clusterEnabled {
            let cfg = transit ? "clustercfg.\(id).\(token).\(region).cache.amazonaws.com" : "\(id).\(token).clustercfg.\(region).cache.amazonaws.com"
            return ["configuration_endpoint_address": .string(cfg), "primary_endpoint_address": .string(""), "reader_endpoint_address": .string("")]
        }
        let primary = transit ? "master.\(id).\(token).\(region).cache.amazonaws.com" : "\(id).\(token).ng.0001.\(region).cache.amazonaws.com"
        let reader = transit ? "replica.\(id).\(token).\(region).cache.amazonaws.com" : "\(id)-ro.\(token).ng.0001.\(region).cache.amazonaws.com"
        return ["configuration_endpoint_address": .string(""), "primary_endpoint_address": .string(primary), "reader_endpoint_address": .string(reader)]
    }

    /// Creates the member clusters of a group (after removing ones it no longer has).
    static func syncMembers(_ id: String, _ shape: Shape, group: Value, zones: [String], _ tx: CloudTransaction, _ context: AWSContext) throws -> [String] {
        let wanted = shape.memberIDs(id)
        let cluster = ElastiCacheClusterResource()
        for o in Usage.users(tx, ElastiCacheClusterResource.typeName, "replication_group_id", id, context) where !wanted.contains(o.id) {
            tx.delete(o)
        }
        for (i, m) in wanted.enumerated() {
            if let existing = tx.fetch(ElastiCacheClusterResource.typeName, m, context) {
                if existing["replication_group_id"]?.stringValue != id {
                    throw CloudError("CacheClusterAlreadyExists", "Cache cluster \(m) already exists.")
                }
            }
            let zone = zones.isEmpty ? "\(context.region)a" : zones[i % zones.count]
            try cluster.save(cluster.member(m, of: Fields(group), zone: zone, context), id: m, token: nil, tx: tx, context: context)
        }
        return wanted
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let id = (f.string("replication_group_id") ?? "").lowercased()
        try ElastiCacheEngines.checkIdentifier(id, parameter: "ReplicationGroupId", max: 40)
        let engine = f.nonEmpty("engine") ?? "redis"
        guard engine == "redis" || engine == "valkey" else {
            throw CloudError("InvalidParameterValue", "Replication groups support the redis and valkey engines, not \(engine).")
        }
        let version = try ElastiCacheEngines.checkVersion(engine, f.nonEmpty("engine_version"))
        try ElastiCacheEngines.checkNodeType(f.string("node_type"))
        let shape = try Self.shape(f)
        try Self.checkSettings(f, shape)
        return try creating(token, context) { tx in
            if object(id, tx, context) != nil {
                throw CloudError("ReplicationGroupAlreadyExists", "Replication group \(id) already exists.")
            }
            try Self.checkLogDestinations(f, tx, context)
            let groupName = f.nonEmpty("subnet_group_name") ?? "default"
            let subnets = try ElastiCacheEngines.subnetGroup(groupName, tx, context)
            var securityGroups = f.strings("security_group_ids")
            try ElastiCacheEngines.securityGroups(securityGroups, vpc: subnets.vpc, tx, context)
            if securityGroups.isEmpty, !subnets.vpc.isEmpty,
               let sg = tx.fetch("aws_vpc", subnets.vpc, context)?["default_security_group_id"]?.stringValue {
                securityGroups = [sg]
            }
            let family = ElastiCacheEngines.family(engine, version)
            let parameterGroup = f.nonEmpty("parameter_group_name") ?? "default.\(family)\(shape.clusterEnabled ? ".cluster.on" : "")"
            try ElastiCacheEngines.parameterGroup(parameterGroup, family: family, engine: engine, version: version, tx, context)
            var kmsKey = ""
            if let k = f.nonEmpty("kms_key_id") { kmsKey = try RDSRules.kmsKey(k, tx, context) }
            let transit = f.bool("transit_encryption_enabled") ?? false
            var fill = Self.endpoints(id, shape, transit: transit, context)
            fill.merge([
                "id": .string(id), "arn": .string(context.arn("elasticache", "replicationgroup:\(id)")),
                "engine_version": .string(f.nonEmpty("engine_version") ?? version), "engine_version_actual": .string(version),
                "cluster_enabled": .bool(shape.clusterEnabled), "cluster_mode": .string(shape.clusterEnabled ? "enabled" : "disabled"),
                "num_cache_clusters": .number(shape.members), "num_node_groups": .number(shape.shards),
                "replicas_per_node_group": .number(shape.replicas), "port": .number(ElastiCacheEngines.ports[engine] ?? 6379),
                "subnet_group_name": .string(groupName), "security_group_ids": Build.stringSet(securityGroups),
                "parameter_group_name": .string(parameterGroup), "auto_minor_version_upgrade": .string("true"),
                "transit_encryption_enabled": .bool(transit), "transit_encryption_mode": .string(transit ? "required" : ""),
                "maintenance_window": .string("sun:05:00-sun:06:00"), "snapshot_window": .string("03:00-04:00"),
                "ip_discovery": .string("ipv4"), "network_type": .string("ipv4"), "kms_key_id": .string(kmsKey),
                "tags_all": tagsAll(planned, context),
            ]) { a, _ in a }
            var v = Build.with(filled(planned, fill), ["replication_group_id": .string(id)])
            if v["port"]?.isNull ?? true { v = Build.with(v, ["port": .number(ElastiCacheEngines.ports[engine] ?? 6379)]) }
            let preferred = f.strings("preferred_cache_cluster_azs")
            let members = try Self.syncMembers(id, shape, group: Build.settled(v), zones: preferred.isEmpty ? subnets.zones : preferred, tx, context)
            v = Build.with(v, ["member_clusters": Build.stringSet(members)])
            return try save(v, id: id, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: Self.notFound) { tx, _, v in
            let old = Fields(prior), f = Fields(v)
            let id = old.string("id") ?? ""
            let engine = f.string("engine") ?? "redis"
            try ElastiCacheEngines.checkNodeType(f.string("node_type"))
            var changes: [String: Value] = ["tags_all": tagsAll(planned, context)]
            var version = old.string("engine_version_actual") ?? ""
            if let requested = f.nonEmpty("engine_version"), requested != old.string("engine_version") {
                let target = try ElastiCacheEngines.checkVersion(engine, requested)
                let all = ElastiCacheEngines.versions[engine] ?? []
                if (all.firstIndex(of: target) ?? 0) < (all.firstIndex(of: version) ?? 0) {
                    throw CloudError("InvalidParameterCombination", "Cannot downgrade \(engine) from \(version) to \(target).")
                }
                version = target
                changes["engine_version_actual"] = .string(target)
            }
            // A count the plan left unknown follows from the other settings.
            var shapeInput = f
            if planned["num_cache_clusters"]?.isKnown == false { shapeInput = Fields(Build.with(v, ["num_cache_clusters": .null(.number)])) }
            let shape = try Self.shape(shapeInput, prior: old)
            try Self.checkSettings(f, shape)
            try Self.checkLogDestinations(f, tx, context)
            let subnets = try ElastiCacheEngines.subnetGroup(f.nonEmpty("subnet_group_name") ?? "default", tx, context)
            try ElastiCacheEngines.securityGroups(f.strings("security_group_ids"), vpc: subnets.vpc, tx, context)
            let family = ElastiCacheEngines.family(engine, version)
            var parameterGroup = f.nonEmpty("parameter_group_name") ?? "default.\(family)"
            if parameterGroup.hasPrefix("default.") { parameterGroup = "default.\(family)\(shape.clusterEnabled ? ".cluster.on" : "")" }
            try ElastiCacheEngines.parameterGroup(parameterGroup, family: family, engine: engine, version: version, tx, context)
            changes["parameter_group_name"] = .string(parameterGroup)
            let transit = f.bool("transit_encryption_enabled") ?? false
            changes.merge(Self.endpoints(id, shape, transit: transit, context)) { a, _ in a }
            changes["transit_encryption_mode"] = .string(transit ? (f.nonEmpty("transit_encryption_mode") ?? "required") : "")
            changes["num_cache_clusters"] = .number(shape.members)
            changes["num_node_groups"] = .number(shape.shards)
            changes["replicas_per_node_group"] = .number(shape.replicas)
            let merged = Build.with(v, changes)
            let preferred = f.strings("preferred_cache_cluster_azs")
            let members = try Self.syncMembers(id, shape, group: Build.settled(merged), zones: preferred.isEmpty ? subnets.zones : preferred, tx, context)
            return Build.with(merged, ["member_clusters": Build.stringSet(members)])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx, context) else { return }
            for m in Usage.users(tx, ElastiCacheClusterResource.typeName, "replication_group_id", id, context) { tx.delete(m) }
            tx.delete(o)
        }
    }
}
