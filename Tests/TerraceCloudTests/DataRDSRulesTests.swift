import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// RDS's rules for subnet groups, parameter groups and DB instances, with RDS's errors.
@Suite struct DataRDSRulesTests {
    static let group = DataLifecycleTests.subnetGroup

    /// A valid PostgreSQL instance, with `changes` over it.
    static func instance(_ r: Lifecycle.Refs, _ changes: [String: Value] = [:]) -> [String: Value] {
        var a: [String: Value] = [
            "identifier": .string("app-db"), "engine": .string("postgres"), "engine_version": .string("15.4"),
            "instance_class": .string("db.t3.micro"), "allocated_storage": .number(20), "storage_type": .string("gp3"),
            "username": .string("app"), "password": .string("correct-horse-9"), "skip_final_snapshot": .bool(true),
        ]
        if let g = r["group"] { a["db_subnet_group_name"] = g }
        for (k, v) in changes { a[k] = v }
        return a
    }

    static let refusals: [Refusal] = [
        Refusal(name: "unknown engine version", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["engine_version": .string("15.99")]) },
                error: "InvalidParameterCombination: Cannot find version 15.99 for postgres"),
        Refusal(name: "unknown engine", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["engine": .string("postgress")]) }, error: "InvalidParameterValue: Invalid DB engine"),
        Refusal(name: "previous-generation class on PostgreSQL 15", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["instance_class": .string("db.t2.micro")]) },
                error: "InvalidParameterCombination: RDS does not support creating a DB instance with the following combination: DBInstanceClass=db.t2.micro, Engine=postgres, EngineVersion=15.4, LicenseModel=postgresql-license."),
        Refusal(name: "no such instance class", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["instance_class": .string("db.t3.huge")]) },
                error: "DBInstanceClass=db.t3.huge"),
        Refusal(name: "gp3 below its minimum size", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["allocated_storage": .number(10)]) },
                error: "InvalidParameterCombination: Invalid storage size for engine name postgres and storage type gp3: 10"),
        Refusal(name: "gp3 IOPS below 400 GiB", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["allocated_storage": .number(100), "iops": .number(3000)]) },
                error: "You can't specify IOPS or storage throughput for engine postgres and a storage size less than 400."),
        Refusal(name: "io1 without IOPS", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["storage_type": .string("io1"), "allocated_storage": .number(100)]) },
                error: "The Iops parameter must be specified for storage type io1."),
        Refusal(name: "autoscaling limit not above the size", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["max_allocated_storage": .number(20)]) },
                error: "InvalidParameterCombination: Max storage size must be greater than storage size"),
        Refusal(name: "identifier starting with a digit", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["identifier": .string("1db")]) },
                error: "InvalidParameterValue: The parameter DBInstanceIdentifier is not a valid identifier."),
        Refusal(name: "short password", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["password": .string("short")]) },
                error: "The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters."),
        Refusal(name: "password with @", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["password": .string("p@ssw0rd-long")]) },
                error: "Only printable ASCII characters besides '/', '@', '\"', ' ' may be used."),
        Refusal(name: "MySQL password over 41 characters", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["engine": .string("mysql"), "engine_version": .string("8.0"), "password": .string(String(repeating: "x", count: 42))]) },
                error: "because it is longer than 41 characters."),
        Refusal(name: "no password", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["password": .null(.string)]) },
                error: "The parameter MasterUserPassword must be provided and must not be blank."),
        Refusal(name: "reserved username", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["username": .string("rdsadmin")]) },
                error: "MasterUsername rdsadmin cannot be used as it is a reserved word used by the engine"),
        Refusal(name: "missing subnet group", type: "aws_db_instance",
                attrs: { instance($0, ["db_subnet_group_name": .string("nope")]) },
                error: "DBSubnetGroupNotFoundFault: DBSubnetGroup 'nope' not found."),
        Refusal(name: "parameter group of another family", type: "aws_db_instance",
                setup: { c in
                    var r = try await group(c)
                    _ = try await c.make("aws_db_parameter_group", ["name": .string("pg14"), "family": .string("postgres14")])
                    r["pg"] = .string("pg14")
                    return r
                },
                attrs: { instance($0, ["parameter_group_name": $0["pg"]!]) },
                error: "The parameter group pg14 with DBParameterGroupFamily postgres14 can't be used for this instance. Use a parameter group with DBParameterGroupFamily postgres15."),
        Refusal(name: "Multi-AZ with a chosen zone", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["multi_az": .bool(true), "availability_zone": .string("us-east-1a")]) },
                error: "Requesting a specific availability zone is not valid for Multi-AZ instances."),
        Refusal(name: "monitoring without a role", type: "aws_db_instance", setup: group,
                attrs: { instance($0, ["monitoring_interval": .number(60)]) },
                error: "A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0."),
        Refusal(name: "identifier taken", type: "aws_db_instance",
                setup: { c in
                    let r = try await group(c)
                    _ = try await c.make("aws_db_instance", instance(r))
                    return r
                },
                attrs: { instance($0) }, error: "DBInstanceAlreadyExists: DB instance already exists"),
        Refusal(name: "replica of an instance without backups", type: "aws_db_instance",
                setup: { c in
                    let r = try await group(c)
                    _ = try await c.make("aws_db_instance", instance(r, ["backup_retention_period": .number(0)]))
                    return r
                },
                attrs: { _ in ["identifier": .string("replica"), "replicate_source_db": .string("app-db"), "instance_class": .string("db.t3.micro"), "skip_final_snapshot": .bool(true)] },
                error: "InvalidDBInstanceState: Automated backups are not enabled for this database instance."),
        Refusal(name: "subnet group in one zone", type: "aws_db_subnet_group",
                setup: { c in
                    let v = try await c.vpc()
                    let a = try await c.subnet(v, "10.0.1.0/24", "us-east-1a")
                    let b = try await c.subnet(v, "10.0.2.0/24", "us-east-1a")
                    return ["subnets": .list([a["id"]!, b["id"]!], element: .string)]
                },
                attrs: { ["name": .string("one-zone"), "subnet_ids": $0["subnets"]!] },
                error: "DBSubnetGroupDoesNotCoverEnoughAZs: The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: us-east-1a. Add subnets to cover at least 2 AZs."),
        Refusal(name: "subnet group with a missing subnet", type: "aws_db_subnet_group",
                attrs: { _ in ["name": .string("ghost"), "subnet_ids": .strings(["subnet-00000000000000000"])] },
                error: "InvalidSubnet: Some input subnets in :[subnet-00000000000000000] are invalid."),
        Refusal(name: "subnet group name taken", type: "aws_db_subnet_group", setup: group,
                attrs: { ["name": .string("db-subnets"), "subnet_ids": $0["subnets"]!] },
                error: "DBSubnetGroupAlreadyExists"),
        Refusal(name: "parameter group of an unknown family", type: "aws_db_parameter_group",
                attrs: { _ in ["name": .string("pg"), "family": .string("postgres99")] },
                error: "InvalidParameterValue: ParameterGroupFamily postgres99 is not a valid parameter group family"),
    ]

    @Test(arguments: refusals)
    func refused(_ r: Refusal) async throws { try await r.run() }

    static let invalid: [Invalid] = [
        Invalid(type: "aws_db_instance", attrs: ["identifier": .string("App_DB")],
                message: "only lowercase alphanumeric characters and hyphens allowed in \"identifier\""),
        Invalid(type: "aws_db_instance", attrs: ["identifier": .string("db--1")], message: "\"identifier\" cannot contain two consecutive hyphens"),
        Invalid(type: "aws_db_instance", attrs: ["storage_type": .string("gp4")],
                message: "expected storage_type to be one of [\"standard\" \"gp2\" \"gp3\" \"io1\" \"io2\"], got gp4"),
        Invalid(type: "aws_db_instance", attrs: ["backup_retention_period": .number(40)],
                message: "expected backup_retention_period to be in the range (0 - 35), got 40"),
        Invalid(type: "aws_db_instance", attrs: ["final_snapshot_identifier": .string("final-")],
                message: "invalid value for final_snapshot_identifier (cannot end in a hyphen)"),
        Invalid(type: "aws_db_instance", attrs: ["password": .string("x"), "manage_master_user_password": .bool(true)],
                message: "\"password\": conflicts with manage_master_user_password"),
        Invalid(type: "aws_db_subnet_group", attrs: ["name": .string("default")], message: "\"name\" is not allowed as \"default\""),
        Invalid(type: "aws_db_subnet_group", attrs: ["name": .string("DB")],
                message: "only lowercase alphanumeric characters, hyphens, underscores, periods, and spaces allowed in \"name\""),
        Invalid(type: "aws_db_parameter_group", attrs: ["name": .string("1pg")], message: "first character of \"name\" must be a letter"),
    ]

    @Test(arguments: invalid)
    func validation(_ i: Invalid) throws { try i.run() }

    @Test func postgres15_4HasAWSShapedAttributes() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let db = try await c.make("aws_db_instance", Self.instance(r))
        #expect(db["engine_version_actual"] == .string("15.4"))
        #expect(db["port"] == .number(5432))
        #expect(db["parameter_group_name"] == .string("default.postgres15"))
        #expect(db["option_group_name"] == .string("default:postgres-15"))
        #expect(db["arn"] == .string("arn:aws:rds:us-east-1:123456789012:db:app-db"))
        let id = try #require(db["id"]?.stringValue)
        #expect(id.range(of: "^db-[A-Z0-9]{26}$", options: .regularExpression) != nil)
        #expect(db["resource_id"]?.stringValue == id)
        let address = try #require(db["address"]?.stringValue)
        #expect(address.range(of: "^app-db\\.[a-z0-9]{12}\\.us-east-1\\.rds\\.amazonaws\\.com$", options: .regularExpression) != nil)
        #expect(db["endpoint"] == .string("\(address):5432"))
        #expect(db["hosted_zone_id"] == .string("Z2R2ITUGPM61AM"))
        #expect(db["availability_zone"] == .string("us-east-1a"))
        #expect(db["iops"] == .number(3000) && db["storage_throughput"] == .number(125))
        // The VPC's default security group when none is given.
        #expect(db["vpc_security_group_ids"]?.elements?.count == 1)
        // Every instance of an account and region shares the endpoint's middle part.
        let other = try await c.make("aws_db_instance", Self.instance(r, ["identifier": .string("other-db")]))
        #expect(other["address"]?.stringValue?.split(separator: ".").dropFirst().joined() == address.split(separator: ".").dropFirst().joined())
    }

    @Test func inUseGroupsCannotBeDeleted() async throws {
        let c = try DataCloud()
        var r = try await Self.group(c)
        let pg = try await c.make("aws_db_parameter_group", ["name": .string("app-pg"), "family": .string("postgres15")])
        r["pg"] = pg["id"]
        let db = try await c.make("aws_db_instance", Self.instance(r, ["parameter_group_name": .string("app-pg")]))
        let group = try #require(await c.importID("aws_db_subnet_group", "db-subnets"))
        #expect(DataCloud.error(await c.delete("aws_db_subnet_group", group)) ==
                "deleting RDS DB Subnet Group (db-subnets): InvalidDBSubnetGroupStateFault: Cannot delete the subnet group 'db-subnets' because at least one database instance: app-db is still using it.")
        #expect(DataCloud.error(await c.delete("aws_db_parameter_group", pg)).contains(
            "InvalidDBParameterGroupState: One or more database instances are still members of this parameter group app-pg, so the group cannot be deleted"))
        #expect(await c.delete("aws_db_instance", db).diagnostics.isEmpty)
        #expect(await c.delete("aws_db_subnet_group", group).diagnostics.isEmpty)
        #expect(await c.delete("aws_db_parameter_group", pg).diagnostics.isEmpty)
    }

    @Test func deletionProtectionRefusesDelete() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let config = Self.instance(r, ["deletion_protection": .bool(true)])
        let db = try await c.make("aws_db_instance", config)
        #expect(DataCloud.error(await c.delete("aws_db_instance", db)) ==
                "deleting RDS DB Instance (app-db): InvalidParameterCombination: Cannot delete protected DB Instance, please disable deletion protection and try again.")
        let unprotected = try #require(await c.update("aws_db_instance", prior: db, Self.instance(r, ["deletion_protection": .bool(false)])).newState)
        #expect(await c.delete("aws_db_instance", unprotected).diagnostics.isEmpty)
    }

    @Test func finalSnapshotRules() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let db = try await c.make("aws_db_instance", Self.instance(r, ["skip_final_snapshot": .bool(false)]))
        #expect(DataCloud.error(await c.delete("aws_db_instance", db)).contains(
            "InvalidParameterCombination: FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified."))
        let withSnapshot = Lifecycle.without(db, "final_snapshot_identifier")
        let named = try #require(withSnapshot.attributes).merging(["final_snapshot_identifier": .string("app-db-final")]) { _, b in b }
        #expect(await c.delete("aws_db_instance", .object(named)).diagnostics.isEmpty)
        // The snapshot restores into a new instance with the old engine and user.
        let restored = try await c.make("aws_db_instance", [
            "identifier": .string("restored"), "snapshot_identifier": .string("app-db-final"), "instance_class": .string("db.t3.micro"),
            "db_subnet_group_name": r["group"]!, "skip_final_snapshot": .bool(false), "final_snapshot_identifier": .string("app-db-final"),
        ])
        #expect(restored["engine"] == .string("postgres") && restored["engine_version_actual"] == .string("15.4"))
        #expect(restored["username"] == .string("app"))
        #expect(DataCloud.error(await c.delete("aws_db_instance", restored)).contains(
            "DBSnapshotAlreadyExists: Cannot create the snapshot because a snapshot with the identifier app-db-final already exists."))
        let missing = await c.create("aws_db_instance", ["identifier": .string("x"), "snapshot_identifier": .string("nope"),
                                                        "instance_class": .string("db.t3.micro"), "db_subnet_group_name": r["group"]!])
        #expect(DataCloud.error(missing).contains("DBSnapshotNotFound: DBSnapshot not found: nope"))
    }

    @Test func engineUpgrades() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let db = try await c.make("aws_db_instance", Self.instance(r))
        let major = await c.update("aws_db_instance", prior: db, Self.instance(r, ["engine_version": .string("16.1")]))
        #expect(DataCloud.error(major).contains("The AllowMajorVersionUpgrade flag must be present when upgrading to a new major version."))
        let down = await c.update("aws_db_instance", prior: db, Self.instance(r, ["engine_version": .string("14.9")]))
        #expect(DataCloud.error(down).contains("Cannot upgrade postgres from 15.4 to 14.9"))
        let minor = try #require(await c.update("aws_db_instance", prior: db, Self.instance(r, ["engine_version": .string("15.5")])).newState)
        #expect(minor["engine_version_actual"] == .string("15.5"))
        let upgraded = try #require(await c.update("aws_db_instance", prior: minor, Self.instance(r, [
            "engine_version": .string("16"), "allow_major_version_upgrade": .bool(true)])).newState)
        #expect(upgraded["engine_version_actual"] == .string("16.6"))
        #expect(upgraded["engine_version"] == .string("16"))
        #expect(upgraded["parameter_group_name"] == .string("default.postgres16"))
        let shrink = await c.update("aws_db_instance", prior: upgraded, Self.instance(r, ["engine_version": .string("16"), "allocated_storage": .number(10)]))
        #expect(DataCloud.error(shrink).contains("InvalidParameterCombination: Invalid storage size"))
    }

    @Test func renamingMovesTheEndpoint() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let db = try await c.make("aws_db_instance", Self.instance(r))
        let plan = c.plan("aws_db_instance", prior: db, Self.instance(r, ["identifier": .string("app-db-2")]))
        #expect(plan.requiresReplace.isEmpty)
        #expect(plan.planned["address"]?.isKnown == false)
        let renamed = try #require(await c.update("aws_db_instance", prior: db, Self.instance(r, ["identifier": .string("app-db-2")])).newState)
        #expect(renamed["id"] == db["id"])
        #expect(renamed["address"]?.stringValue?.hasPrefix("app-db-2.") == true)
        #expect(await c.importID("aws_db_instance", "app-db-2")?["id"] == db["id"])
        #expect(await c.importID("aws_db_instance", "app-db") == nil)
    }

    @Test func managedMasterPasswordLivesInSecretsManager() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let db = try await c.make("aws_db_instance", Self.instance(r, ["password": .null(.string), "manage_master_user_password": .bool(true)]))
        let secret = try #require(db["master_user_secret"]?.elements?.first)
        let arn = try #require(secret["secret_arn"]?.stringValue)
        #expect(arn.hasPrefix("arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-"))
        #expect(secret["secret_status"] == .string("active"))
        #expect(await c.importID("aws_secretsmanager_secret", arn)?["name"]?.stringValue?.hasPrefix("rds!db-") == true)
        #expect(await c.delete("aws_db_instance", db).diagnostics.isEmpty)
        #expect(await c.importID("aws_secretsmanager_secret", arn) == nil)
    }

    @Test func securityGroupsMustShareTheVPC() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let other = try await c.vpc("10.1.0.0/16")
        let sg = "sg-0123456789abcdef0"
        try c.provider.store.mutate { tx in
            try tx.put(CloudObject(kind: "aws_security_group", id: sg, account: "123456789012", region: "us-east-1",
                                   attributes: .object([("id", .string(sg)), ("vpc_id", .string(other["id"]?.stringValue ?? ""))])))
        }
        let r2 = await c.create("aws_db_instance", Self.instance(r, ["vpc_security_group_ids": .strings([sg])]))
        #expect(DataCloud.error(r2).contains("The DB instance and EC2 security group are in different VPCs. The DB instance is in \(r["vpc"]?.stringValue ?? "") and the EC2 security group is in \(other["id"]?.stringValue ?? "")"))
        let r3 = await c.create("aws_db_instance", Self.instance(r, ["vpc_security_group_ids": .strings(["sg-00000000000000000"])]))
        #expect(DataCloud.error(r3).contains("Invalid security group"))
    }

    @Test func exportedLogsGoToLogGroupsRDSCreates() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        // A group made beforehand keeps its retention; a missing one is created never expiring.
        _ = try await c.make("aws_cloudwatch_log_group", ["name": .string("/aws/rds/instance/app-db/postgresql"), "retention_in_days": .number(7)])
        _ = try await c.make("aws_db_instance", Self.instance(r, ["enabled_cloudwatch_logs_exports": .strings(["postgresql", "upgrade"])]))
        #expect(await c.importID("aws_cloudwatch_log_group", "/aws/rds/instance/app-db/postgresql")?["retention_in_days"] == .number(7))
        #expect(await c.importID("aws_cloudwatch_log_group", "/aws/rds/instance/app-db/upgrade")?["retention_in_days"] == .number(0))
        // So a configuration that creates its group after the instance finds it taken.
        let late = await c.create("aws_cloudwatch_log_group", ["name": .string("/aws/rds/instance/app-db/upgrade")])
        #expect(DataCloud.error(late).contains("ResourceAlreadyExistsException"))
        let wrong = await c.create("aws_db_instance", Self.instance(r, ["identifier": .string("other"), "enabled_cloudwatch_logs_exports": .strings(["slowquery"])]))
        #expect(DataCloud.error(wrong).contains("You cannot use the log types 'slowquery' with engine postgres."))
    }

    @Test func readReplicaJoinsItsSource() async throws {
        let c = try DataCloud()
        let r = try await Self.group(c)
        let source = try await c.make("aws_db_instance", Self.instance(r, ["backup_retention_period": .number(7)]))
        let replica = try await c.make("aws_db_instance", ["identifier": .string("app-db-replica"), "replicate_source_db": .string("app-db"),
                                                          "instance_class": .string("db.t3.micro"), "skip_final_snapshot": .bool(true)])
        #expect(replica["engine"] == .string("postgres") && replica["username"] == .string("app"))
        #expect(await c.read("aws_db_instance", source)?["replicas"] == .list([.string("app-db-replica")], element: .string))
        #expect(await c.delete("aws_db_instance", replica).diagnostics.isEmpty)
        #expect(await c.read("aws_db_instance", source)?["replicas"] == .list([], element: .string))
    }
}
