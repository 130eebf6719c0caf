import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_elasticache_parameter_group`: a family ElastiCache knows; cannot be deleted while a
/// cluster uses it.
public struct ElastiCacheParameterGroupResource: StoredResource {
    public static let typeName = "aws_elasticache_parameter_group"
    public let serviceName = "ElastiCache Parameter Group"
    public init() {}

    static let parameterBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "name": .required(.string),
        "value": .required(.string),
    ]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "name": .required(.string, forceNew: true),
        "family": .required(.string, forceNew: true),
        "description": .optional(.string, forceNew: true, default: .string("Managed by Terraform")),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: ["parameter": parameterBlock]))

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.length("name", 1...255)
        v.matches("name", "^[0-9A-Za-z-]+$", "must contain only alphanumeric characters and hyphens")
        return v.diagnostics
    }

    public func plan(_ req: PlanRequest, context: AWSContext) -> PlanResponse {
        basePlan(ElastiCacheNames.lowercased(req, ["name"]), context: context)
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let name = (f.string("name") ?? "").lowercased()
        let family = f.string("family") ?? ""
        guard ElastiCacheEngines.families.contains(family) else {
            throw CloudError("InvalidParameterValue", "The parameter CacheParameterGroupFamily is not a valid family: \(family)")
        }
        return try creating(token, context) { tx in
            if object(name, tx, context) != nil {
                throw CloudError("CacheParameterGroupAlreadyExists", "Parameter group \(name) already exists.")
            }
            let v = filled(planned, [
                "id": .string(name), "arn": .string(context.arn("elasticache", "parametergroup:\(name)")),
                "tags_all": tagsAll(planned, context),
            ])
            return try save(Build.with(v, ["name": .string(name)]), id: name, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: { CloudError.notFound("CacheParameterGroupNotFound", "CacheParameterGroup \($0) not found.") }) { _, _, v in
            Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let name = state["id"]?.stringValue else { return }
        try context.store.mutate { tx in
            guard let o = object(name, tx, context) else { return }
            let users = Usage.users(tx, ElastiCacheClusterResource.typeName, "parameter_group_name", name, context)
                + Usage.users(tx, ElastiCacheReplicationGroupResource.typeName, "parameter_group_name", name, context)
            if !users.isEmpty {
                throw CloudError("InvalidCacheParameterGroupState", "One or more cache clusters are still members of this parameter group \(name), so the group cannot be deleted.")
            }
            tx.delete(o)
        }
    }
}
