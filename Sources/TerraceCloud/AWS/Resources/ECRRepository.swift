import TerraceBasics
import TerraceLang
import TerraceProviders

/// `aws_ecr_repository`: a container image repository, with the registry URL AWS gives it.
/// Names are unique in the registry; the encryption settings force replacement.
public struct ECRRepositoryResource: AWSResource {
    public static let typeName = "aws_ecr_repository"
    public let serviceName = "ECR Repository"
    public init() {}

    static let encryption = SchemaBlock(attributes: [
        "encryption_type": .optional(.string, forceNew: true, default: .string("AES256")),
        "kms_key": .optionalComputed(.string, forceNew: true),
    ])

    public let schema = ResourceSchema(SchemaBlock(attributes: [
        "id": .computed(.string),
        "arn": .computed(.string),
        "force_delete": .optional(.bool),
        "image_tag_mutability": .optional(.string, default: .string("MUTABLE")),
        "name": .required(.string, forceNew: true),
        "registry_id": .computed(.string),
        "repository_url": .computed(.string),
    ].merging(TagSchema.attributes) { a, _ in a }, blockTypes: [
        "encryption_configuration": NestedBlock(.list, encryption, maxItems: 1, forceNew: true),
        "image_scanning_configuration": NestedBlock(.list, SchemaBlock(attributes: ["scan_on_push": .required(.bool)]), maxItems: 1),
    ]))

    public var computedBlocks: Set<String> { ["encryption_configuration", "image_scanning_configuration"] }

    public var rules: [String] {
        [
            "`name` is 2 to 256 lower-case letters, digits and `._-/` separators (`InvalidParameterException`), unique in the registry (`RepositoryAlreadyExistsException`).",
            "`image_tag_mutability` is `MUTABLE` or `IMMUTABLE`; `encryption_type` is `AES256` or `KMS`.",
        ]
    }

    public var importID: String { "the repository name" }

    public func notFound(_ id: String) -> CloudError {
        .notFound("RepositoryNotFoundException", "The repository with name '\(id)' does not exist in the registry")
    }

    public func validate(_ config: Value) -> Diagnostics {
        var v = Validate(config)
        v.oneOf("image_tag_mutability", ["MUTABLE", "IMMUTABLE"])
        if let e = config.block("encryption_configuration") {
            var ev = Validate(e)
            ev.oneOf("encryption_type", ["AES256", "KMS"])
            v.diags += ev.diags
        }
        return v.diags
    }

    static let namePattern = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*"

    public func create(_ planned: Value, token: String, context: AWSContext) throws -> Value {
        let name = planned.str("name") ?? ""
        if name.count < 2 || name.count > 256 || name.range(of: "^\(Self.namePattern)$", options: .regularExpression) == nil {
            throw CloudError("InvalidParameterException", "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '\(Self.namePattern)''")
        }
        return try createOnce(token: token, context: context) { tx in
            if object(name, tx: tx, context: context) != nil {
                throw CloudError("RepositoryAlreadyExistsException", "The repository with name '\(name)' already exists in the registry with id '\(context.account)'")
            }
            var p = planned
            if p.items("encryption_configuration").isEmpty {
                p = p.with("encryption_configuration", .blockList([.object(["encryption_type": .string("AES256"), "kms_key": .string("")])], Self.encryption))
            } else if let e = p.block("encryption_configuration"), !(e["kms_key"]?.isKnown ?? true) {
                let key = e.str("encryption_type") == "KMS" ? context.arn("kms", "key/\(AWSIDs.uuid())") : ""
                p = p.with("encryption_configuration", .blockList([e.with("kms_key", .string(key))], Self.encryption))
            }
            if p.items("image_scanning_configuration").isEmpty {
                p = p.with("image_scanning_configuration", .blockList([.object(["scan_on_push": .bool(false)])], SchemaBlock(attributes: ["scan_on_push": .required(.bool)])))
            }
            return try put(p, id: name, fill: [
                "arn": .string(context.arn("ecr", "repository/\(name)")),
                "registry_id": .string(context.account),
                "repository_url": .string("\(context.account).dkr.ecr.\(context.region).amazonaws.com/\(name)"),
            ], token: token, tx: tx, context: context)
        }
    }
}
