import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_elasticache_subnet_group`: subnets of one VPC; cannot be deleted while a cache
/// cluster or replication group uses it.
public struct ElastiCacheSubnetGroupResource: StoredResource {
    public static let typeName = "aws_elasticache_subnet_group"
    public let serviceName = "ElastiCache Subnet Group"
    public init() {}

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "name": .required(.string, forceNew: true),
        "description": .optional(.string, default: .string("Managed by Terraform")),
        "subnet_ids": .required(.set(.string)),
        "vpc_id": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.matches("name", "^[0-9A-Za-z-]+$", "must contain only alphanumeric characters and hyphens")
        v.length("name", 1...255)
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        basePlan(ElastiCacheNames.lowercased(req, ["name"]), context: context)
    }

    static func subnets(_ ids: [String], _ tx: CloudTransaction, _ context: AWSContext) throws -> String {
        var vpcs = Set<String>()
        for id in ids {
            guard let s = tx.fetch("aws_subnet", id, context) else {
                throw CloudError("InvalidSubnet", "The subnet ID \(id) does not exist")
            }
            vpcs.insert(s["vpc_id"]?.stringValue ?? "")
        }
        guard vpcs.count == 1, let vpc = vpcs.first else {
            throw CloudError("InvalidParameterValue", "The subnets in a cache subnet group must all belong to the same VPC.")
        }
        return vpc
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let name = (f.string("name") ?? "").lowercased()
        return try creating(token, context) { tx in
            if object(name, tx, context) != nil {
                throw CloudError("CacheSubnetGroupAlreadyExists", "Cache subnet group \(name) already exists.")
            }
            let vpc = try Self.subnets(f.strings("subnet_ids"), tx, context)
            let v = filled(planned, [
                "id": .string(name), "arn": .string(context.arn("elasticache", "subnetgroup:\(name)")),
                "vpc_id": .string(vpc), "tags_all": tagsAll(planned, context),
            ])
            return try save(Build.with(v, ["name": .string(name)]), id: name, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { CloudError.notFound("CacheSubnetGroupNotFoundFault", "Cache subnet group \($0) not found.") }) { tx, o, v in
            let vpc = try Self.subnets(Fields(v).strings("subnet_ids"), tx, context)
            if let old = o["vpc_id"]?.stringValue, old != vpc {
                throw CloudError("InvalidParameterValue", "The subnets in a cache subnet group must all belong to the same VPC.")
            }
            return Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let name = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(name, tx, context) else { return }
            let users = Usage.users(tx, ElastiCacheClusterResource.typeName, "subnet_group_name", name, context)
                + Usage.users(tx, ElastiCacheReplicationGroupResource.typeName, "subnet_group_name", name, context)
            if !users.isEmpty {
                throw CloudError("CacheSubnetGroupInUse", "Cache subnet group \(name) is currently in use by a cache cluster.")
            }
            tx.delete(o)
        }
    }
}

/// ElastiCache lower-cases the names it is given; the provider plans them lower-cased too
/// (its `StateFunc`), so a name differing only in case is no change.
enum ElastiCacheNames {
    static func lowercased(_ req: PlanRequest, _ names: [String]) -> PlanRequest {
        guard var c = req.config.attributes else { return req }
        for n in names { if let s = c[n]?.stringValue { c[n] = .string(s.lowercased()) } }
        var r = req
        r.config = Value(.object(c), sensitive: req.config.sensitive)
        return r
    }
}
