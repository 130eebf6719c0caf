import Foundation
import TerraceLang

/// The checks `CreateDBInstance` and `ModifyDBInstance` make, with RDS's error codes and
/// messages. Each returns or throws as the API does; none looks at more than its arguments.
enum RDSRules {
    static func identifier(_ id: String) throws {
        let ok = id.count <= 63 && Validation.matches(id, "^[A-Za-z][A-Za-z0-9-]*$") && !id.contains("--") && !id.hasSuffix("-")
        guard ok else {
            throw CloudError("InvalidParameterValue", "The parameter DBInstanceIdentifier is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.")
        }
    }

    static func engine(_ name: String?) throws -> RDSEngine {
        guard let name, !name.isEmpty else {
            throw CloudError("InvalidParameterValue", "The parameter Engine must be provided and must not be blank.")
        }
        guard let e = RDSEngine.all[name.lowercased()] else {
            if name.lowercased().hasPrefix("aurora") {
                throw CloudError("InvalidParameterCombination", "The requested DB Instance will be a member of a DB Cluster. Specify the DB cluster identifier with the DBClusterIdentifier parameter.")
            }
            throw CloudError("InvalidParameterValue", "Invalid DB engine")
        }
        return e
    }

    /// The full version RDS runs for a requested one.
    static func version(_ engine: RDSEngine, _ requested: String?) throws -> String {
        let r = requested.flatMap { $0.isEmpty ? nil : $0 } ?? engine.defaultVersion
        guard let full = engine.resolve(r) else {
            throw CloudError("InvalidParameterCombination", "Cannot find version \(r) for \(engine.name)")
        }
        return full
    }

    static func instanceClass(_ cls: String, _ engine: RDSEngine, _ version: String, license: String) throws {
        guard engine.supports(cls, version: version) else {
            throw CloudError("InvalidParameterCombination", "RDS does not support creating a DB instance with the following combination: DBInstanceClass=\(cls), Engine=\(engine.name), EngineVersion=\(version), LicenseModel=\(license). For supported combinations of instance class and database engine version, see the documentation.")
        }
    }

    /// Storage type, size, IOPS, throughput and autoscaling limit.
    static func storage(_ engine: RDSEngine, type: String, allocated: Int?, iops: Int?, throughput: Int?, max: Int?) throws {
        guard let allocated, allocated > 0 else {
            throw CloudError("InvalidParameterValue", "The parameter AllocatedStorage must be provided and must not be blank.")
        }
        guard let range = engine.storage[type] else {
            throw CloudError("InvalidParameterValue", "Invalid storage type: \(type)")
        }
        guard range.contains(allocated) else {
            throw CloudError("InvalidParameterCombination", "Invalid storage size for engine name \(engine.name) and storage type \(type): \(allocated)")
        }
        switch type {
        case "io1", "io2":
            guard let iops, iops > 0 else {
                throw CloudError("InvalidParameterCombination", "The Iops parameter must be specified for storage type \(type).")
            }
            let ratio = Double(iops) / Double(allocated)
            let limit = type == "io2" ? 1000.0 : 50.0
            if ratio < 0.5 || ratio > limit {
                throw CloudError("InvalidParameterCombination", "Invalid iops to storage (GB) ratio for engine name \(engine.name) and storage type \(type): \(String(format: "%.4f", ratio))")
            }
        case "gp3":
            if (iops ?? 0) > 0 || (throughput ?? 0) > 0, allocated < engine.gp3ProvisioningThreshold {
                throw CloudError("InvalidParameterCombination", "You can't specify IOPS or storage throughput for engine \(engine.name) and a storage size less than \(engine.gp3ProvisioningThreshold).")
            }
        default:
            if (iops ?? 0) > 0 {
                throw CloudError("InvalidParameterCombination", "You can't specify IOPS for storage type \(type).")
            }
            if (throughput ?? 0) > 0 {
                throw CloudError("InvalidParameterCombination", "You can't specify storage throughput for storage type \(type).")
            }
        }
        if let max, max > 0 {
            guard max > allocated else {
                throw CloudError("InvalidParameterCombination", "Max storage size must be greater than storage size")
            }
            guard Double(max) >= Double(allocated) * 1.1 else {
                throw CloudError("InvalidParameterCombination", "The maximum allocated storage must be increased by at least 10 percent.")
            }
            guard range.contains(max) else {
                throw CloudError("InvalidParameterCombination", "Invalid max storage size for engine name \(engine.name) and storage type \(type): \(max)")
            }
        }
    }

    /// IOPS and throughput RDS reports for a volume when none were requested.
    static func baseline(_ type: String, allocated: Int, engine: RDSEngine) -> (iops: Int, throughput: Int) {
        guard type == "gp3" else { return (0, 0) }
        return allocated < engine.gp3ProvisioningThreshold ? (3000, 125) : (12000, 500)
    }

    static let reservedUsernames: Set<String> = ["rdsadmin", "rdsrepladmin", "rds_superuser", "rdsrepl", "rdssa", "rdsproxyadmin"]

    static func username(_ name: String?, _ engine: RDSEngine) throws {
        guard let name, !name.isEmpty else {
            throw CloudError("InvalidParameterValue", "The parameter MasterUsername must be provided and must not be blank.")
        }
        if reservedUsernames.contains(name.lowercased()) {
            throw CloudError("InvalidParameterValue", "MasterUsername \(name) cannot be used as it is a reserved word used by the engine")
        }
        guard name.count <= engine.usernameMaxLength, Validation.matches(name, "^[A-Za-z][A-Za-z0-9_]*$") else {
            throw CloudError("InvalidParameterValue", "The parameter MasterUsername is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and underscores; and must be no longer than \(engine.usernameMaxLength) characters.")
        }
    }

    static func password(_ password: String?, _ engine: RDSEngine) throws {
        guard let password, !password.isEmpty else {
            throw CloudError("InvalidParameterValue", "The parameter MasterUserPassword must be provided and must not be blank.")
        }
        let printable = password.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7e && !"/@\"".unicodeScalars.contains($0) }
        guard printable else {
            throw CloudError("InvalidParameterValue", "The parameter MasterUserPassword is not a valid password. Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.")
        }
        if password.count < 8 {
            throw CloudError("InvalidParameterValue", "The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.")
        }
        if password.count > engine.passwordMaxLength {
            throw CloudError("InvalidParameterValue", "The parameter MasterUserPassword is not a valid password because it is longer than \(engine.passwordMaxLength) characters.")
        }
    }

    static func backupRetention(_ days: Int) throws {
        guard (0...35).contains(days) else {
            throw CloudError("InvalidParameterValue", "Invalid backup retention period: \(days). The backup retention period must be between 0 and 35 days.")
        }
    }

    static func monitoring(interval: Int, role: String?) throws {
        if interval > 0 && (role ?? "").isEmpty {
            throw CloudError("InvalidParameterCombination", "A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0.")
        }
    }

    static func performanceInsightsRetention(_ days: Int) throws {
        guard days == 7 || days == 731 || (days > 0 && days % 31 == 0 && days <= 713) else {
            throw CloudError("InvalidParameterValue", "Invalid Performance Insights retention period: \(days). Valid values are 7, 731, or a multiple of 31.")
        }
    }

    /// A major version change needs `allow_major_version_upgrade`; RDS never downgrades.
    static func upgrade(_ engine: RDSEngine, from old: String, to new: String, allowMajor: Bool) throws {
        guard old != new else { return }
        let o = engine.versions.firstIndex(of: old) ?? 0, n = engine.versions.firstIndex(of: new) ?? 0
        if n < o {
            throw CloudError("InvalidParameterCombination", "Cannot upgrade \(engine.name) from \(old) to \(new)")
        }
        if engine.major(old) != engine.major(new) && !allowMajor {
            throw CloudError("InvalidParameterCombination", "The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version.")
        }
    }

    /// The subnet group's VPC and zones ("default" stands for the default VPC's group).
    static func subnetGroup(_ name: String, _ tx: CloudTransaction, _ context: AWSContext) throws -> (vpc: String, zones: [String]) {
        if name == "default" { return ("", AWSRegions.zones[context.region] ?? []) }
        guard let g = tx.fetch(RDSSubnetGroupResource.typeName, name, context) else {
            throw CloudError.notFound("DBSubnetGroupNotFoundFault", "DBSubnetGroup '\(name)' not found.")
        }
        var zones = Set<String>()
        for s in g["subnet_ids"]?.arrayValue ?? [] {
            if let id = s.stringValue, let subnet = tx.fetch("aws_subnet", id, context),
               let z = subnet["availability_zone"]?.stringValue { zones.insert(z) }
        }
        return (g["vpc_id"]?.stringValue ?? "", zones.sorted())
    }

    /// Security groups exist and sit in the instance's VPC.
    static func securityGroups(_ ids: [String], vpc: String, _ tx: CloudTransaction, _ context: AWSContext) throws {
        for id in ids {
            guard let sg = SecurityGroups.find(id, tx, context) else {
                throw CloudError("InvalidParameterValue", "Invalid security group , groupId= \(id), groupName=.")
            }
            if !vpc.isEmpty, let sgVPC = sg["vpc_id"]?.stringValue, sgVPC != vpc {
                throw CloudError("InvalidParameterCombination", "The DB instance and EC2 security group are in different VPCs. The DB instance is in \(vpc) and the EC2 security group is in \(sgVPC)")
            }
        }
    }

    /// A custom parameter group exists and belongs to the engine version's family.
    static func parameterGroup(_ name: String, family: String, _ tx: CloudTransaction, _ context: AWSContext) throws {
        if name == "default.\(family)" { return }
        guard let g = tx.fetch(RDSParameterGroupResource.typeName, name, context) else {
            throw CloudError.notFound("DBParameterGroupNotFound", "DBParameterGroup not found: \(name)")
        }
        if let f = g["family"]?.stringValue, f != family {
            throw CloudError("InvalidParameterCombination", "The parameter group \(name) with DBParameterGroupFamily \(f) can't be used for this instance. Use a parameter group with DBParameterGroupFamily \(family).")
        }
    }

    /// A customer managed KMS key, by ARN or ID, that exists and is enabled.
    static func kmsKey(_ ref: String, _ tx: CloudTransaction, _ context: AWSContext) throws -> String {
        guard let key = KMSKeyResource.find(ref, tx, context), key["is_enabled"]?.boolValue != false,
              key["key_state"]?.stringValue != "PendingDeletion" else {
            throw CloudError("KMSKeyNotAccessibleFault", "The specified KMS key [\(ref)] does not exist, is not enabled or you do not have permissions to access it.")
        }
        return key["arn"]?.stringValue ?? ref
    }

    /// The AWS managed key (`aws/rds` and the like) of an account and region.
    static func awsManagedKey(_ service: String, _ context: AWSContext) -> String {
        let a = Array(RegionCodes.endpointToken(context, length: 32, salt: "aws/\(service)", alphabet: "0123456789abcdef"))
        func part(_ r: Range<Int>) -> String { String(a[r]) }
        return context.arn("kms", "key/\(part(0..<8))-\(part(8..<12))-\(part(12..<16))-\(part(16..<20))-\(part(20..<32))")
    }
}

/// Security groups as the network family stores them: `aws_security_group` objects, and the
/// default group every VPC is created with.
enum SecurityGroups {
    static let kinds = ["aws_security_group", "aws_default_security_group", "default_security_group"]

    static func find(_ id: String, _ tx: CloudTransaction, _ context: AWSContext) -> CloudObject? {
        for kind in kinds { if let o = tx.fetch(kind, id, context) { return o } }
        return nil
    }
}
