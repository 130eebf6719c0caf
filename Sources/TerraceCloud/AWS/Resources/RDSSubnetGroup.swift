import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_db_subnet_group`: subnets of one VPC covering at least two availability zones; it
/// cannot be deleted while a DB instance uses it.
public struct RDSSubnetGroupResource: StoredResource {
    public static let typeName = "aws_db_subnet_group"
    public let serviceName = "RDS DB Subnet Group"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "description": .optional(.string, default: .string("Managed by Terraform")),
        "subnet_ids": .required(.set(.string)),
        "supported_network_types": .computed(.set(.string)),
        "vpc_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("name", "name_prefix")
        for key in ["name", "name_prefix"] {
            v.matches(key, "^[ ._0-9a-z-]+$", "only lowercase alphanumeric characters, hyphens, underscores, periods, and spaces allowed in \"\(key)\"")
        }
        v.length("name", 1...255)
        v.length("name_prefix", 1...229)
        if config["name"]?.stringValue?.lowercased() == "default" { v.fail("\"name\" is not allowed as \"default\"") }
        return v.diagnostics
    }

    static func notFound(_ name: String) -> CloudError {
        CloudError.notFound("DBSubnetGroupNotFoundFault", "DBSubnetGroup '\(name)' not found.")
    }

    /// The subnets' VPC, checked as RDS checks a subnet group's subnets.
    static func checkSubnets(_ ids: [String], _ tx: CloudTransaction, _ context: AWSContext) throws -> String {
        var vpcs = Set<String>(), zones = Set<String>()
        for id in ids {
            guard let s = tx.fetch("aws_subnet", id, context) else {
                throw CloudError("InvalidSubnet", "Some input subnets in :[\(ids.joined(separator: ", "))] are invalid.")
            }
            if let v = s["vpc_id"]?.stringValue { vpcs.insert(v) }
            if let z = s["availability_zone"]?.stringValue { zones.insert(z) }
        }
        guard vpcs.count <= 1 else {
            throw CloudError("InvalidParameterValue", "The new Subnets are not in the same Vpc as the existing subnet group")
        }
        guard zones.count >= 2 else {
            throw CloudError("DBSubnetGroupDoesNotCoverEnoughAZs", "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: \(zones.sorted().joined(separator: ", ")). Add subnets to cover at least 2 AZs.")
        }
        return vpcs.first ?? ""
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let (name, prefix) = Naming.settle(f)
        return try creating(token, context) { tx in
            if object(name, tx, context) != nil {
                throw CloudError("DBSubnetGroupAlreadyExists", "The DB subnet group '\(name)' already exists.")
            }
            let vpc = try Self.checkSubnets(f.strings("subnet_ids"), tx, context)
            let v = filled(planned, [
                "id": .string(name), "name": .string(name), "name_prefix": .string(prefix),
                "arn": .string(context.arn("rds", "subgrp:\(name)")),
                "vpc_id": .string(vpc),
                "supported_network_types": Build.stringSet(["IPV4"]),
                "tags_all": tagsAll(planned, context),
            ])
            return try save(v, id: name, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: Self.notFound) { tx, o, v in
            let vpc = try Self.checkSubnets(Fields(v).strings("subnet_ids"), tx, context)
            if let old = o["vpc_id"]?.stringValue, !old.isEmpty, old != vpc {
                throw CloudError("InvalidParameterValue", "The new Subnets are not in the same Vpc as the existing subnet group")
            }
            return Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let name = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(name, tx, context) else { return }
            if let user = Usage.users(tx, RDSInstanceResource.typeName, "db_subnet_group_name", name, context).first {
                let identifier = user["identifier"]?.stringValue ?? user.id
                throw CloudError("InvalidDBSubnetGroupStateFault", "Cannot delete the subnet group '\(name)' because at least one database instance: \(identifier) is still using it.")
            }
            tx.delete(o)
        }
    }
}
