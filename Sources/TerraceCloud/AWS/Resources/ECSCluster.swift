import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_ecs_cluster`. Creating a cluster whose name exists returns the existing one, as
/// ECS's `CreateCluster` does; deleting one that still runs services fails.
public struct ECSClusterResource: AWSResource {
    public static let typeName = "aws_ecs_cluster"
    public let serviceName = "ECS Cluster"
    public init() {}

    static let logConfiguration = SchemaBlock(attributes: [
        "cloud_watch_encryption_enabled": .optional(.bool),
        "cloud_watch_log_group_name": .optional(.string),
        "s3_bucket_encryption_enabled": .optional(.bool),
        "s3_bucket_name": .optional(.string),
        "s3_key_prefix": .optional(.string),
    ])

    static let configuration = SchemaBlock(blockTypes: [
        "execute_command_configuration": NestedBlock(.list, SchemaBlock(attributes: [
            "kms_key_id": .optional(.string),
            "logging": .optional(.string),
        ], blockTypes: [
            "log_configuration": NestedBlock(.list, logConfiguration, maxItems: 1),
        ]), maxItems: 1),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "name": .required(.string, forceNew: true),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "configuration": NestedBlock(.list, configuration, maxItems: 1),
        "service_connect_defaults": NestedBlock(.list, SchemaBlock(attributes: ["namespace": .required(.string)]), maxItems: 1),
        "setting": NestedBlock(.set, SchemaBlock(attributes: ["name": .required(.string), "value": .required(.string)])),
    ]))

    public var rules: [String] {
        [
            "`name` has 1 to 255 letters, digits, hyphens and underscores; `setting` is `containerInsights` = `enabled`, `disabled` or `enhanced`.",
            "Deleting a cluster with services fails (`ClusterContainsServicesException`).",
        ]
    }

    public var importID: String { "the cluster name" }

    public func notFound(_ id: String) -> CloudError { .notFound("ClusterNotFoundException", "Cluster not found.") }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.matches("name", "[a-zA-Z0-9_-]{1,255}", "\"name\" must be 1 to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores")
        for s in config.items("setting") {
            var sv = Validate(s)
            sv.oneOf("name", ["containerInsights"])
            sv.oneOf("value", ["enabled", "disabled", "enhanced"])
            v.diags += sv.diags
        }
        return v.diags
    }

    /// The cluster a service names by ARN or by name (`default` when none).
    static func find(_ ref: String?, tx: CloudTransaction, context: AWSContext) -> CloudObject? {
        let r = ref ?? "default"
        return tx.list(typeName, account: context.account, region: context.region)
            .first { $0.id == r || $0["name"]?.stringValue == r }
    }

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let name = planned.str("name") ?? ""
        return try createOnce(token: token, context: context) { tx in
            let arn = context.arn("ecs", "cluster/\(name)")
            return try put(planned, id: arn, fill: ["arn": .string(arn)], token: token, tx: tx, context: context)
        }
    }

    /// Clusters are imported by name (the ID is the ARN).
    public func importByID(_ id: String, context: AWSContext) throws -> Value? {
        let arn = id.hasPrefix("arn:") ? id : context.arn("ecs", "cluster/\(id)")
        guard let o = context.store.get(Self.typeName, id: arn, account: context.account, region: context.region) else { return nil }
        return decode(o)
    }

    public func delete(_ state: Value, context: AWSContext) throws {
        guard let id = state.str("id") else { return }
        try context.store.mutate { tx in
            guard let o = object(id, tx: tx, context: context) else { return }
            let name = o["name"]?.stringValue ?? ""
            if tx.list(ECSServiceResource.typeName, account: context.account, region: context.region)
                .contains(where: { $0["cluster"]?.stringValue == id || $0["cluster"]?.stringValue == name }) {
                throw CloudError("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.")
            }
            tx.delete(o)
        }
    }
}
