import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_db_instance`: an RDS DB instance. Since provider v5 its `id` is the DBI resource ID
/// (`db-…`) and it is imported by `identifier`; the identifier can be renamed in place.
/// The engine, version, class, storage, credentials, subnet group and parameter group are
/// checked as RDS checks them (`RDSInstance+Rules.swift`).
public struct RDSInstanceResource: StoredResource {
    public static let typeName = "aws_db_instance"
    public let serviceName = "RDS DB Instance"
    public init() {}

    static let endpointType = ValueType.object(["address": .string, "hosted_zone_id": .string, "port": .number])
    static let secretType = ValueType.object(["kms_key_id": .string, "secret_arn": .string, "secret_status": .string])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "address": .computed(.string),
        "allocated_storage": .optionalComputed(.number),
        "allow_major_version_upgrade": .optional(.bool),
        "apply_immediately": .optional(.bool),
        "arn": .computed(.string),
        "auto_minor_version_upgrade": .optional(.bool, default: .bool(true)),
        "availability_zone": .optionalComputed(.string, forceNew: true),
        "backup_retention_period": .optionalComputed(.number),
        "backup_target": .optionalComputed(.string, forceNew: true),
        "backup_window": .optionalComputed(.string),
        "ca_cert_identifier": .optionalComputed(.string),
        "character_set_name": .optionalComputed(.string, forceNew: true),
        "copy_tags_to_snapshot": .optional(.bool, default: .bool(false)),
        "custom_iam_instance_profile": .optional(.string, forceNew: true),
        "customer_owned_ip_enabled": .optional(.bool),
        "db_name": .optionalComputed(.string, forceNew: true),
        "db_subnet_group_name": .optionalComputed(.string),
        "dedicated_log_volume": .optional(.bool, default: .bool(false)),
        "delete_automated_backups": .optional(.bool, default: .bool(true)),
        "deletion_protection": .optional(.bool),
        "domain": .optional(.string),
        "domain_auth_secret_arn": .optional(.string),
        "domain_dns_ips": .optional(.list(.string)),
        "domain_fqdn": .optionalComputed(.string),
        "domain_iam_role_name": .optional(.string),
        "domain_ou": .optional(.string),
        "enabled_cloudwatch_logs_exports": .optional(.set(.string)),
        "endpoint": .computed(.string),
        "engine": .optionalComputed(.string, forceNew: true),
        "engine_lifecycle_support": .optionalComputed(.string),
        "engine_version": .optionalComputed(.string),
        "engine_version_actual": .computed(.string),
        "final_snapshot_identifier": .optional(.string),
        "hosted_zone_id": .computed(.string),
        "iam_database_authentication_enabled": .optional(.bool),
        "identifier": .optionalComputed(.string),
        "identifier_prefix": .optionalComputed(.string),
        "instance_class": .required(.string),
        "iops": .optionalComputed(.number),
        "kms_key_id": .optionalComputed(.string, forceNew: true),
        "latest_restorable_time": .computed(.string),
        "license_model": .optionalComputed(.string),
        "listener_endpoint": .computed(.list(endpointType)),
        "maintenance_window": .optionalComputed(.string),
        "manage_master_user_password": .optional(.bool),
        "master_user_secret": .computed(.list(secretType)),
        "master_user_secret_kms_key_id": .optionalComputed(.string),
        "max_allocated_storage": .optional(.number),
        "monitoring_interval": .optional(.number, default: .number(0)),
        "monitoring_role_arn": .optionalComputed(.string),
        "multi_az": .optionalComputed(.bool),
        "nchar_character_set_name": .optionalComputed(.string, forceNew: true),
        "network_type": .optionalComputed(.string),
        "option_group_name": .optionalComputed(.string),
        "parameter_group_name": .optionalComputed(.string),
        "password": .optional(.string, sensitive: true),
        "performance_insights_enabled": .optional(.bool, default: .bool(false)),
        "performance_insights_kms_key_id": .optionalComputed(.string),
        "performance_insights_retention_period": .optionalComputed(.number),
        "port": .optionalComputed(.number),
        "publicly_accessible": .optional(.bool, default: .bool(false)),
        "replica_mode": .optionalComputed(.string),
        "replicas": .computed(.list(.string)),
        "replicate_source_db": .optional(.string),
        "resource_id": .computed(.string),
        "skip_final_snapshot": .optional(.bool, default: .bool(false)),
        "snapshot_identifier": .optionalComputed(.string, forceNew: true),
        "status": .computed(.string),
        "storage_encrypted": .optionalComputed(.bool, forceNew: true),
        "storage_throughput": .optionalComputed(.number),
        "storage_type": .optionalComputed(.string),
        "timezone": .optionalComputed(.string, forceNew: true),
        "upgrade_storage_config": .optional(.bool),
        "username": .optionalComputed(.string, forceNew: true),
        "vpc_security_group_ids": .optionalComputed(.set(.string)),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "blue_green_update": NestedBlock(.list, SchemaBlock(attributes: ["enabled": .optional(.bool)]), maxItems: 1),
        "restore_to_point_in_time": NestedBlock(.list, SchemaBlock(attributes: [
            "restore_time": .optional(.string),
            "source_db_instance_automated_backups_arn": .optional(.string),
            "source_db_instance_identifier": .optional(.string),
            "source_dbi_resource_id": .optional(.string),
            "use_latest_restorable_time": .optional(.bool),
        ]), maxItems: 1, forceNew: true),
        "s3_import": NestedBlock(.list, SchemaBlock(attributes: [
            "bucket_name": .required(.string, forceNew: true),
            "bucket_prefix": .optional(.string, forceNew: true),
            "ingestion_role": .required(.string, forceNew: true),
            "source_engine": .required(.string, forceNew: true),
            "source_engine_version": .required(.string, forceNew: true),
        ]), maxItems: 1),
    ]), version: 2)

    static let logTypes = ["agent", "alert", "audit", "diag.log", "error", "general", "iam-db-auth-error", "listener",
                           "notify.log", "oemagent", "postgresql", "slowquery", "trace", "upgrade"]

    /// Log types each engine exports.
    static func exportable(_ engine: String) -> [String] {
        switch engine {
        case "postgres": return ["postgresql", "upgrade", "iam-db-auth-error"]
        case "mysql", "mariadb": return ["audit", "error", "general", "slowquery", "iam-db-auth-error"]
        case let e where e.hasPrefix("oracle"): return ["alert", "audit", "listener", "trace", "oemagent"]
        default: return ["agent", "error"]
        }
    }

    /// Arguments AWS never reports back: refresh keeps them from state, import leaves them unset.
    static let configOnly = ["password", "final_snapshot_identifier", "skip_final_snapshot", "delete_automated_backups",
                             "apply_immediately", "allow_major_version_upgrade", "blue_green_update", "s3_import",
                             "restore_to_point_in_time", "upgrade_storage_config"]

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("identifier", "identifier_prefix")
        v.conflicts("password", "manage_master_user_password")
        for key in ["identifier", "identifier_prefix"] {
            if let s = config[key]?.stringValue {
                for p in RDSParameterGroupResource.nameProblems(key, s) where !p.contains("255") { v.fail(p) }
            }
        }
        v.matches("final_snapshot_identifier", "^[A-Za-z]", "must begin with alphabetic character")
        v.matches("final_snapshot_identifier", "^[0-9A-Za-z-]+$", "must only contain alphanumeric characters and hyphens")
        v.doesNotMatch("final_snapshot_identifier", "--", "cannot contain two consecutive hyphens")
        v.doesNotMatch("final_snapshot_identifier", "-$", "cannot end in a hyphen")
        v.oneOf("storage_type", ["standard", "gp2", "gp3", "io1", "io2"])
        v.oneOf("monitoring_interval", [0, 1, 5, 10, 15, 30, 60])
        v.oneOf("network_type", ["IPV4", "DUAL"])
        v.between("backup_retention_period", 0...35)
        v.arn("kms_key_id")
        v.arn("performance_insights_kms_key_id")
        for t in Fields(config).strings("enabled_cloudwatch_logs_exports") where !Self.logTypes.contains(t) {
            v.fail("expected enabled_cloudwatch_logs_exports to be one of \(Validation.goQuoted(Self.logTypes)), got \(t)")
        }
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        var r = basePlan(req, context: context)
        guard var attrs = r.planned.attributes else { return r }
        if let engine = attrs["engine"]?.stringValue { attrs["engine"] = .string(engine.lowercased()) }
        if let prior = req.prior, !prior.isNull, r.requiresReplace.isEmpty {
            let p = Fields(prior)
            // Storage autoscaling may have grown the volume past the configured size.
            if let configured = attrs["allocated_storage"]?.intValue, let current = p.int("allocated_storage"),
               let max = attrs["max_allocated_storage"]?.intValue, current > configured, max > configured {
                attrs["allocated_storage"] = .number(current)
            }
            if attrs["identifier"]?.stringValue != p.string("identifier") {
                attrs["address"] = .unknown(.string)
                attrs["endpoint"] = .unknown(.string)
                attrs["arn"] = .unknown(.string)
            }
            if attrs["engine_version"]?.stringValue != p.string("engine_version") {
                attrs["engine_version_actual"] = .unknown(.string)
            }
        }
        r.planned = Value(.object(attrs), sensitive: r.planned.sensitive)
        return r
    }

    static func notFound(_ id: String) -> CloudError {
        CloudError.notFound("DBInstanceNotFound", "DBInstance \(id) not found.")
    }

    public func read(_ state: Value, context: AWSContext) throws -> Value? {
        guard let id = state["id"]?.stringValue,
              let o = context.store.fetch(Self.typeName, id, context) else { return nil }
        return keepingConfigOnly(decode(o), from: state, Self.configOnly)
    }

    /// Imports by `identifier` (as the provider documents) or by the resource ID.
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let all = context.store.list(Self.typeName, account: context.account, region: context.region)
        guard let o = all.first(where: { $0["identifier"]?.stringValue == id.lowercased() }) ?? all.first(where: { $0.id == id }) else {
            return nil
        }
        var changes: [String: Value] = [:]
        for name in Self.configOnly { changes[name] = Build.unset(schema.block, name) }
        changes["skip_final_snapshot"] = .bool(false)
        changes["delete_automated_backups"] = .bool(true)
        return Build.with(decode(o), changes)
    }
}
