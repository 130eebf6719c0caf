import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_db_parameter_group`: a family RDS knows; cannot be deleted while an instance uses it.
public struct RDSParameterGroupResource: StoredResource {
    public static let typeName = "aws_db_parameter_group"
    public let serviceName = "RDS DB Parameter Group"
    public init() {}

    static let parameterBlock = NestedBlock(.set, SchemaBlock(attributes: [
        "name": .required(.string),
        "value": .required(.string),
        "apply_method": .optional(.string, default: .string("immediate")),
    ]))

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "name": .optionalComputed(.string, forceNew: true),
        "name_prefix": .optionalComputed(.string, forceNew: true),
        "family": .required(.string, forceNew: true),
        "description": .optional(.string, forceNew: true, default: .string("Managed by Terraform")),
        "skip_destroy": .optional(.bool),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: ["parameter": parameterBlock]))

    /// Every family the engines' versions belong to.
    static let families: Set<String> = Set(RDSEngine.all.values.flatMap { e in e.versions.map(e.family) })

    /// The provider's rules for parameter group names (`validParamGroupName`).
    static func nameProblems(_ key: String, _ value: String) -> [String] {
        var out: [String] = []
        if !Validation.matches(value, "^[0-9a-z-]+$") { out.append("only lowercase alphanumeric characters and hyphens allowed in \"\(key)\"") }
        if !Validation.matches(value, "^[a-z]") { out.append("first character of \"\(key)\" must be a letter") }
        if value.contains("--") { out.append("\"\(key)\" cannot contain two consecutive hyphens") }
        if key == "name" && value.hasSuffix("-") { out.append("\"\(key)\" cannot end with a hyphen") }
        if value.count > 255 { out.append("\"\(key)\" cannot be greater than 255 characters") }
        return out
    }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validation(config)
        v.conflicts("name", "name_prefix")
        for key in ["name", "name_prefix"] {
            if let s = config[key]?.stringValue { for p in Self.nameProblems(key, s) { v.fail(p) } }
        }
        for p in Fields(config).blocks("parameter") {
            if let m = p.string("apply_method"), !["immediate", "pending-reboot"].contains(m) {
                v.fail("expected apply_method to be one of [\"immediate\" \"pending-reboot\"], got \(m)")
            }
        }
        return v.diagnostics
    }

    static func notFound(_ name: String) -> CloudError {
        CloudError.notFound("DBParameterGroupNotFound", "DBParameterGroup not found: \(name)")
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let f = Fields(planned)
        let (name, prefix) = Naming.settle(f, defaultPrefix: "terraform-")
        let family = f.string("family") ?? ""
        guard Self.families.contains(family) else {
            throw CloudError("InvalidParameterValue", "ParameterGroupFamily \(family) is not a valid parameter group family")
        }
        return try creating(token, context) { tx in
            if object(name, tx, context) != nil {
                throw CloudError("DBParameterGroupAlreadyExists", "Parameter group \(name) already exists")
            }
            let v = filled(planned, [
                "id": .string(name), "name": .string(name), "name_prefix": .string(prefix),
                "arn": .string(context.arn("rds", "pg:\(name)")),
                "tags_all": tagsAll(planned, context),
            ])
            return try save(v, id: name, token: token, tx: tx, context: context)
        }
    }

    public func update(_ prior: Value, _ planned: Value, context: AWSContext) throws -> Value {
        try updating(prior, planned, context: context, missing: Self.notFound) { _, _, v in
            Build.with(v, ["tags_all": tagsAll(planned, context)])
        }
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let name = state["id"]?.stringValue else { return }
        // skip_destroy leaves the group in the account and only forgets it.
        if state["skip_destroy"]?.boolValue == true { return }
        try context.store.mutate { tx in
            guard let o = object(name, tx, context) else { return }
            if !Usage.users(tx, RDSInstanceResource.typeName, "parameter_group_name", name, context).isEmpty {
                throw CloudError("InvalidDBParameterGroupState", "One or more database instances are still members of this parameter group \(name), so the group cannot be deleted")
            }
            tx.delete(o)
        }
    }
}
