import TerraceBasics
import TerraceLang
import TerraceProviders

/// Creating, modifying and deleting DB instances, with RDS's rules.
extension RDSInstanceResource {
    /// What an instance starts from: configuration alone, a snapshot, or a source instance.
    struct Origin {
        var engine: String?
        var version: String?
        var allocated: Int?
        var storageType: String?
        var username: String?
        var dbName: String?
        var encrypted: Bool?
        var kmsKey: String?
        var port: Int?
        var fromSource = false
    }

    static func origin(_ f: Fields, _ tx: CloudTransaction, _ context: AWSContext) throws -> Origin {
        if let snap = f.nonEmpty("snapshot_identifier") {
            guard let s = tx.fetch(RDSInstanceResource.snapshotKind, snap, context) else {
                throw CloudError.notFound("DBSnapshotNotFound", "DBSnapshot not found: \(snap)")
            }
            return Origin(engine: s["engine"]?.stringValue, version: s["engine_version"]?.stringValue,
                          allocated: s["allocated_storage"]?.intValue, storageType: s["storage_type"]?.stringValue,
                          username: s["username"]?.stringValue, dbName: s["db_name"]?.stringValue,
                          encrypted: s["encrypted"]?.boolValue, kmsKey: s["kms_key_id"]?.stringValue,
                          port: s["port"]?.intValue, fromSource: true)
        }
        if let src = f.nonEmpty("replicate_source_db") {
            guard let s = source(src, tx, context) else { throw notFound(src) }
            if (s["backup_retention_period"]?.intValue ?? 0) == 0 {
                throw CloudError("InvalidDBInstanceState", "Automated backups are not enabled for this database instance. To enable automated backups, use ModifyDBInstance to set the backup retention period to a non-zero value.")
            }
            return Origin(engine: s["engine"]?.stringValue, version: s["engine_version_actual"]?.stringValue,
                          allocated: s["allocated_storage"]?.intValue, storageType: s["storage_type"]?.stringValue,
                          username: s["username"]?.stringValue, dbName: s["db_name"]?.stringValue,
                          encrypted: s["storage_encrypted"]?.boolValue, kmsKey: s["kms_key_id"]?.stringValue,
                          port: s["port"]?.intValue, fromSource: true)
        }
        return Origin()
    }

    /// A source instance by identifier or ARN.
    static func source(_ ref: String, _ tx: CloudTransaction, _ context: AWSContext) -> CloudObject? {
        tx.list(typeName, account: context.account, region: context.region).first {
            $0["identifier"]?.stringValue == ref || $0["arn"]?.stringValue == ref
        }
    }

    static func byIdentifier(_ identifier: String, _ tx: CloudTransaction, _ context: AWSContext) -> CloudObject? {
        tx.list(typeName, account: context.account, region: context.region).first { $0["identifier"]?.stringValue == identifier }
    }

    /// Exports logs as RDS does: each type must suit the engine, and a log group
    /// `/aws/rds/instance/IDENTIFIER/TYPE` is created (never expiring) where none exists yet.
    static func exportLogs(_ types: [String], identifier: String, engine: RDSEngine, _ tx: CloudTransaction, _ context: AWSContext) throws {
        let allowed = exportable(engine.name)
        for t in types where !allowed.contains(t) {
            throw CloudError("InvalidParameterCombination", "You cannot use the log types '\(t)' with engine \(engine.name). Supported log types: \(allowed.joined(separator: ", ")).")
        }
        let groups = CloudWatchLogGroupResource()
        for t in types {
            let name = "/aws/rds/instance/\(identifier)/\(t)"
            if tx.fetch(CloudWatchLogGroupResource.typeName, name, context) != nil { continue }
            let v = Build.object(groups.schema.block, [
                "id": .string(name), "name": .string(name), "name_prefix": .string(""), "arn": .string(context.arn("logs", "log-group:\(name)")),
                "retention_in_days": .number(0), "skip_destroy": .bool(false), "log_group_class": .string("STANDARD"),
                "kms_key_id": .string(""), "tags": Build.stringMap([:]), "tags_all": Build.stringMap([:]),
            ])
            try groups.save(v, id: name, token: nil, tx: tx, context: context)
        }
    }

    /// Final snapshots are kept as objects of this kind, keyed by their identifier.
    static let snapshotKind = "aws_db_snapshot"

    static func endpoint(_ identifier: String, port: Int, _ context: AWSContext) -> [String: Value] {
        let address = "\(identifier).\(RegionCodes.endpointToken(context, length: 12, salt: "rds")).\(context.region).rds.amazonaws.com"
        return [
            "address": .string(address),
            "endpoint": .string("\(address):\(port)"),
            "hosted_zone_id": .string(RDSEngine.hostedZones[context.region] ?? ""),
            "arn": .string(context.arn("rds", "db:\(identifier)")),
        ]
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let identifier = (f.nonEmpty("identifier") ?? DataIDs.prefixed(f.nonEmpty("identifier_prefix") ?? "terraform-")).lowercased()
        try RDSRules.identifier(identifier)
        return try creating(token, context) { tx in
            if Self.byIdentifier(identifier, tx, context) != nil {
                throw CloudError("DBInstanceAlreadyExists", "DB instance already exists")
            }
            let origin = try Self.origin(f, tx, context)
            let engine = try RDSRules.engine(f.nonEmpty("engine") ?? origin.engine)
            let version = try RDSRules.version(engine, f.nonEmpty("engine_version") ?? origin.version)
            let license = f.nonEmpty("license_model") ?? engine.licenseModel
            try RDSRules.instanceClass(f.string("instance_class") ?? "", engine, version, license: license)
            let iops = f.int("iops"), throughput = f.int("storage_throughput")
            let storageType = f.nonEmpty("storage_type") ?? origin.storageType ?? ((iops ?? 0) > 0 ? "io1" : "gp2")
            let allocated = f.int("allocated_storage") ?? origin.allocated
            try RDSRules.storage(engine, type: storageType, allocated: allocated, iops: iops, throughput: throughput,
                                 max: f.int("max_allocated_storage"))
            let size = allocated ?? 0
            let username = f.nonEmpty("username") ?? origin.username
            let managed = f.bool("manage_master_user_password") == true
            if !origin.fromSource {
                try RDSRules.username(username, engine)
                if !managed { try RDSRules.password(f.string("password"), engine) }
            } else if let p = f.nonEmpty("password") {
                try RDSRules.password(p, engine)
            }
            let retention = f.int("backup_retention_period") ?? (f.nonEmpty("replicate_source_db") != nil ? 0 : 1)
            try RDSRules.backupRetention(retention)
            try RDSRules.monitoring(interval: f.int("monitoring_interval") ?? 0, role: f.string("monitoring_role_arn"))
            if f.bool("multi_az") == true, f.nonEmpty("availability_zone") != nil {
                throw CloudError("InvalidParameterCombination", "Requesting a specific availability zone is not valid for Multi-AZ instances.")
            }
            let groupName = f.nonEmpty("db_subnet_group_name") ?? "default"
            let group = try RDSRules.subnetGroup(groupName, tx, context)
            var securityGroups = f.strings("vpc_security_group_ids")
            try RDSRules.securityGroups(securityGroups, vpc: group.vpc, tx, context)
            if securityGroups.isEmpty, !group.vpc.isEmpty,
               let sg = tx.fetch("aws_vpc", group.vpc, context)?["default_security_group_id"]?.stringValue {
                securityGroups = [sg]
            }
            let family = engine.family(version)
            let parameterGroup = f.nonEmpty("parameter_group_name") ?? "default.\(family)"
            try RDSRules.parameterGroup(parameterGroup, family: family, tx, context)
            let encrypted = f.bool("storage_encrypted") ?? (f.nonEmpty("kms_key_id") != nil || origin.encrypted == true)
            var kmsKey = ""
            if let k = f.nonEmpty("kms_key_id") ?? origin.kmsKey.flatMap({ $0.isEmpty ? nil : $0 }) {
                kmsKey = try RDSRules.kmsKey(k, tx, context)
            } else if encrypted {
                kmsKey = RDSRules.awsManagedKey("rds", context)
            }
            let performanceInsights = f.bool("performance_insights_enabled") == true
            if performanceInsights, let days = f.int("performance_insights_retention_period") {
                try RDSRules.performanceInsightsRetention(days)
            }
            let port = f.int("port") ?? origin.port ?? engine.port
            let zone = f.nonEmpty("availability_zone") ?? group.zones.first ?? "\(context.region)a"
            let baseline = RDSRules.baseline(storageType, allocated: size, engine: engine)
            try Self.exportLogs(f.strings("enabled_cloudwatch_logs_exports"), identifier: identifier, engine: engine, tx, context)
            let resourceID = "db-" + DataIDs.upper(26)
            var secret: [Value] = []
            var secretKey = ""
            if managed {
                secretKey = try f.nonEmpty("master_user_secret_kms_key_id").map { try RDSRules.kmsKey($0, tx, context) }
                    ?? RDSRules.awsManagedKey("secretsmanager", context)
                let arn = try SecretsManagerSecretResource.createManaged(name: "rds!db-\(DataIDs.uuid())", kmsKey: secretKey, tx, context)
                secret = [.object(["kms_key_id": .string(secretKey), "secret_arn": .string(arn), "secret_status": .string("active")])]
            }
            if let src = f.nonEmpty("replicate_source_db"), var s = Self.source(src, tx, context) {
                let replicas = (s["replicas"]?.arrayValue ?? []) + [.string(identifier)]
                s.attributes = s.attributes.setting("replicas", .array(replicas))
                try tx.put(s)
            }
            var fill: [String: Value] = Self.endpoint(identifier, port: port, context)
            fill.merge([
                "id": .string(resourceID), "resource_id": .string(resourceID),
                "identifier": .string(identifier), "identifier_prefix": .string(f.nonEmpty("identifier") == nil ? (f.nonEmpty("identifier_prefix") ?? "terraform-") : ""),
                "engine": .string(engine.name), "engine_version": .string(f.nonEmpty("engine_version") ?? version),
                "engine_version_actual": .string(version),
                "engine_lifecycle_support": .string(["postgres", "mysql"].contains(engine.name) ? "open-source-rds-extended-support" : ""),
                "allocated_storage": .number(size), "storage_type": .string(storageType),
                "iops": .number(iops ?? baseline.iops), "storage_throughput": .number(throughput ?? baseline.throughput),
                "username": .string(username ?? ""), "db_name": .string(f.nonEmpty("db_name") ?? origin.dbName ?? ""),
                "availability_zone": .string(zone), "multi_az": .bool(false),
                "backup_retention_period": .number(retention), "backup_window": .string("03:00-03:30"),
                "maintenance_window": .string("sun:05:00-sun:05:30"), "latest_restorable_time": .string(retention > 0 ? DataIDs.timestamp() : ""),
                "ca_cert_identifier": .string("rds-ca-rsa2048-g1"),
                "character_set_name": .string(engine.name.hasPrefix("oracle") ? "AL32UTF8" : ""),
                "nchar_character_set_name": .string(engine.name.hasPrefix("oracle") ? "AL16UTF16" : ""),
                "db_subnet_group_name": .string(groupName), "vpc_security_group_ids": Build.stringSet(securityGroups),
                "parameter_group_name": .string(parameterGroup),
                "option_group_name": .string("default:\(engine.name)-\(engine.major(version).replacingOccurrences(of: ".", with: "-"))"),
                "license_model": .string(license), "network_type": .string("IPV4"), "port": .number(port),
                "storage_encrypted": .bool(encrypted), "kms_key_id": .string(kmsKey),
                "performance_insights_kms_key_id": .string(performanceInsights ? (f.nonEmpty("performance_insights_kms_key_id") ?? RDSRules.awsManagedKey("rds", context)) : ""),
                "performance_insights_retention_period": .number(performanceInsights ? (f.int("performance_insights_retention_period") ?? 7) : 0),
                "master_user_secret": Value(.list(secret, element: Self.secretType)),
                "master_user_secret_kms_key_id": .string(secretKey),
                "status": .string("available"), "snapshot_identifier": .string(f.nonEmpty("snapshot_identifier") ?? ""),
                "tags_all": tagsAll(planned, context),
            ]) { a, _ in a }
            return try save(filled(planned, fill), id: resourceID, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: Self.notFound) { tx, o, merged in
            let old = Fields(prior), new = Fields(merged)
            var changes: [String: Value] = ["tags_all": tagsAll(planned, context)]
            let engine = try RDSRules.engine(new.string("engine"))
            // Renaming: the identifier must be valid and free, and the endpoint follows the name.
            let identifier = (new.nonEmpty("identifier") ?? old.string("identifier") ?? "").lowercased()
            if identifier != old.string("identifier") {
                try RDSRules.identifier(identifier)
                if Self.byIdentifier(identifier, tx, context) != nil {
                    throw CloudError("DBInstanceAlreadyExists", "DB instance already exists")
                }
                changes.merge(Self.endpoint(identifier, port: new.int("port") ?? engine.port, context)) { a, _ in a }
                changes["identifier"] = .string(identifier)
            }
            var version = old.string("engine_version_actual") ?? engine.defaultVersion
            if let requested = new.nonEmpty("engine_version"), engine.resolve(requested) != version, !(version.hasPrefix(requested + ".")) {
                let target = try RDSRules.version(engine, requested)
                try RDSRules.upgrade(engine, from: version, to: target, allowMajor: new.bool("allow_major_version_upgrade") == true)
                version = target
                changes["engine_version_actual"] = .string(target)
            }
            let license = new.nonEmpty("license_model") ?? engine.licenseModel
            try RDSRules.instanceClass(new.string("instance_class") ?? "", engine, version, license: license)
            let type = new.nonEmpty("storage_type") ?? "gp2"
            let allocated = new.int("allocated_storage") ?? 0
            let current = o["allocated_storage"]?.intValue ?? allocated
            if allocated < current {
                throw CloudError("InvalidParameterCombination", "Invalid storage size for engine name \(engine.name) and storage type \(type): \(allocated). Allocated storage can't be reduced below the current size (\(current) GiB).")
            }
            if allocated > current, Double(allocated) < Double(current) * 1.1 {
                throw CloudError("InvalidParameterCombination", "The allocated storage must be increased by at least 10 percent.")
            }
            // IOPS and throughput RDS filled in itself are not requests to provision.
            let baseline = RDSRules.baseline(type, allocated: allocated, engine: engine)
            let priorBaseline = RDSRules.baseline(old.string("storage_type") ?? type, allocated: current, engine: engine)
            let iops = new.int("iops").flatMap { [0, baseline.iops, priorBaseline.iops].contains($0) ? nil : $0 }
            let throughput = new.int("storage_throughput").flatMap { [0, baseline.throughput, priorBaseline.throughput].contains($0) ? nil : $0 }
            try RDSRules.storage(engine, type: type, allocated: allocated, iops: iops, throughput: throughput,
                                 max: new.int("max_allocated_storage"))
            changes["iops"] = .number(iops ?? baseline.iops)
            changes["storage_throughput"] = .number(throughput ?? baseline.throughput)
            if let p = new.nonEmpty("password"), p != old.string("password") { try RDSRules.password(p, engine) }
            try RDSRules.backupRetention(new.int("backup_retention_period") ?? 0)
            try RDSRules.monitoring(interval: new.int("monitoring_interval") ?? 0, role: new.string("monitoring_role_arn"))
            let groupName = new.nonEmpty("db_subnet_group_name") ?? "default"
            let group = try RDSRules.subnetGroup(groupName, tx, context)
            try RDSRules.securityGroups(new.strings("vpc_security_group_ids"), vpc: group.vpc, tx, context)
            let family = engine.family(version)
            var parameterGroup = new.nonEmpty("parameter_group_name") ?? "default.\(family)"
            // An upgrade moves an instance on its family's default group to the new family's default.
            if let oldVersion = old.string("engine_version_actual"), parameterGroup == "default.\(engine.family(oldVersion))" {
                parameterGroup = "default.\(family)"
            }
            try RDSRules.parameterGroup(parameterGroup, family: family, tx, context)
            changes["parameter_group_name"] = .string(parameterGroup)
            try Self.exportLogs(new.strings("enabled_cloudwatch_logs_exports"), identifier: identifier, engine: engine, tx, context)
            if new.bool("multi_az") == true, planned["availability_zone"]?.stringValue != old.string("availability_zone") {
                throw CloudError("InvalidParameterCombination", "Requesting a specific availability zone is not valid for Multi-AZ instances.")
            }
            let wasManaged = old.bool("manage_master_user_password") == true, managed = new.bool("manage_master_user_password") == true
            if managed && !wasManaged {
                let key = try new.nonEmpty("master_user_secret_kms_key_id").map { try RDSRules.kmsKey($0, tx, context) }
                    ?? RDSRules.awsManagedKey("secretsmanager", context)
                let arn = try SecretsManagerSecretResource.createManaged(name: "rds!db-\(DataIDs.uuid())", kmsKey: key, tx, context)
                changes["master_user_secret"] = Value(.list([.object(["kms_key_id": .string(key), "secret_arn": .string(arn), "secret_status": .string("active")])], element: Self.secretType))
                changes["master_user_secret_kms_key_id"] = .string(key)
            } else if wasManaged && !managed {
                for s in old.blocks("master_user_secret") { if let arn = s.string("secret_arn") { SecretsManagerSecretResource.removeManaged(arn, tx, context) } }
                changes["master_user_secret"] = Value(.list([], element: Self.secretType))
                changes["master_user_secret_kms_key_id"] = .string("")
            }
            return Build.with(merged, changes)
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx, context) else { return }
            let identifier = o["identifier"]?.stringValue ?? id
            if o["deletion_protection"]?.boolValue == true {
                throw CloudError("InvalidParameterCombination", "Cannot delete protected DB Instance, please disable deletion protection and try again.")
            }
            let isReplica = !(o["replicate_source_db"]?.stringValue ?? "").isEmpty
            let skip = state["skip_final_snapshot"]?.boolValue ?? false
            if !skip && !isReplica {
                guard let snap = state["final_snapshot_identifier"]?.stringValue, !snap.isEmpty else {
                    throw CloudError("InvalidParameterCombination", "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.")
                }
                if tx.fetch(Self.snapshotKind, snap, context) != nil {
                    throw CloudError("DBSnapshotAlreadyExists", "Cannot create the snapshot because a snapshot with the identifier \(snap) already exists.")
                }
                try tx.put(CloudObject(kind: Self.snapshotKind, id: snap, account: context.account, region: context.region,
                                       attributes: Self.snapshot(snap, of: o, context)))
            }
            if let src = o["replicate_source_db"]?.stringValue, !src.isEmpty, var s = Self.source(src, tx, context) {
                let replicas = (s["replicas"]?.arrayValue ?? []).filter { $0 != .string(identifier) }
                s.attributes = s.attributes.setting("replicas", .array(replicas))
                try tx.put(s)
            }
            for secret in o["master_user_secret"]?.arrayValue ?? [] {
                if let arn = secret["secret_arn"]?.stringValue { SecretsManagerSecretResource.removeManaged(arn, tx, context) }
            }
            tx.delete(o)
        }
    }

    /// A final snapshot's attributes, named as `aws_db_snapshot` names them.
    static func snapshot(_ id: String, of o: CloudObject, _ context: AWSContext) -> JSON {
        var m: [String: JSON] = [
            "id": .string(id), "db_snapshot_identifier": .string(id),
            "db_snapshot_arn": .string(context.arn("rds", "snapshot:\(id)")),
            "snapshot_type": .string("manual"), "status": .string("available"),
            "snapshot_create_time": .string(DataIDs.timestamp()),
            "db_instance_identifier": o["identifier"] ?? .null,
        ]
        for (to, from) in [("engine", "engine"), ("engine_version", "engine_version_actual"), ("allocated_storage", "allocated_storage"),
                           ("storage_type", "storage_type"), ("username", "username"), ("db_name", "db_name"),
                           ("encrypted", "storage_encrypted"), ("kms_key_id", "kms_key_id"), ("port", "port"),
                           ("availability_zone", "availability_zone"), ("license_model", "license_model")] {
            m[to] = o[from] ?? .null
        }
        return .sortedObject(m)
    }
}
