import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// Create, read, update in place, replace, import and delete for every data resource type.
@Suite struct DataLifecycleTests {
    static let subnetGroup: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { c in
        let (vpc, subnets) = try await c.twoZoneSubnets()
        let group = try await c.make("aws_db_subnet_group", ["name": .string("db-subnets"), "subnet_ids": .strings(subnets.compactMap(\.stringValue))])
        return ["vpc": vpc["id"] ?? .null(.string), "subnets": .list(subnets, element: .string), "group": group["id"] ?? .null(.string)]
    }

    static let cases: [Lifecycle] = [
        Lifecycle(
            type: "aws_db_subnet_group",
            setup: { c in
                let (vpc, subnets) = try await c.twoZoneSubnets()
                let third = try await c.subnet(vpc, "10.0.3.0/24", "us-east-1c")
                return ["subnets": .list(subnets, element: .string), "third": third["id"] ?? .null(.string)]
            },
            create: { r in ["name": .string("db-subnets"), "subnet_ids": r["subnets"]!] },
            update: { r in ["description": .string("database subnets"), "subnet_ids": .list((r["subnets"]?.elements ?? []) + [r["third"]!], element: .string)] },
            replace: { _ in ["name": .string("db-subnets-2")] },
            replacePath: "name"),
        Lifecycle(
            type: "aws_db_parameter_group",
            create: { _ in ["name": .string("app-pg15"), "family": .string("postgres15"),
                            "parameter": .list([.object(["name": .string("log_min_duration_statement"), "value": .string("500")])])] },
            update: { _ in ["parameter": .list([.object(["name": .string("log_min_duration_statement"), "value": .string("1000")])])] },
            replace: { _ in ["family": .string("postgres16"), "name": .string("app-pg16")] },
            replacePath: "family"),
        Lifecycle(
            type: "aws_db_instance",
            setup: subnetGroup,
            create: { r in ["identifier": .string("app-db"), "engine": .string("postgres"), "engine_version": .string("15.4"),
                            "instance_class": .string("db.t3.micro"), "allocated_storage": .number(20), "storage_type": .string("gp3"),
                            "username": .string("app"), "password": .string("correct-horse-9"),
                            "db_subnet_group_name": r["group"]!, "skip_final_snapshot": .bool(true)] },
            update: { _ in ["instance_class": .string("db.t3.small"), "allocated_storage": .number(30), "identifier": .string("app-db-renamed")] },
            replace: { _ in ["username": .string("owner")] },
            replacePath: "username",
            importID: { $0["identifier"]?.stringValue ?? "" },
            importIgnore: ["password", "skip_final_snapshot"]),
    ]

    @Test(arguments: cases)
    func lifecycle(_ c: Lifecycle) async throws { try await c.run() }
}
