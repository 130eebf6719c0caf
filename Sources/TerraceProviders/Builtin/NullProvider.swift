import Foundation
import TerraceBasics
import TerraceLang

/// hashicorp/null 2.1.2: `null_resource`, replaced whenever `triggers` change, and the
/// deprecated `null_data_source`. Like the real provider, `null_resource` cannot be imported.
public final class NullProvider: LocalProvider, RegisteredProvider {
    public static let localName = "null"
    public static let source = "registry.terraform.io/hashicorp/null"
    public static let version = "2.1.2"

    public init() {}

    public let schema = ProviderSchema(resources: [
        "null_resource": ResourceSchema(SchemaBlock(attributes: [
            "id": .computed(.string),
            "triggers": .optional(.map(.string), forceNew: true),
        ])),
    ], dataSources: [
        "null_data_source": ResourceSchema(SchemaBlock(attributes: [
            "has_computed_default": .optionalComputed(.string),
            "id": .computed(.string),
            "inputs": .optional(.map(.string)),
            "outputs": .computed(.map(.string)),
            "random": .computed(.string),
        ])),
    ])

    /// The ID is a random non-negative 63-bit integer in decimal, as Go's `rand.Int()`.
    public func create(type: String, planned: Value) throws(LocalProviderError) -> Value {
        resolveUnknowns(planned) { k in
            k == "id" ? .string(String(UInt64.random(in: 0...UInt64(Int64.max)))) : .dynamicNull
        }
    }

    public func importResource(type: String, id: String) async -> ReadResponse { importNotSupported(type) }

    public func readDataSource(type: String, config: Value) async -> ReadResponse {
        guard type == "null_data_source", var attrs = config.attributes else {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error("Unknown data source", "The null provider does not support data source \"\(type)\".")]))
        }
        attrs["outputs"] = attrs["inputs"].flatMap { $0.isNull ? nil : $0 } ?? .null(.map(.string))
        if attrs["has_computed_default"]?.isNull ?? true { attrs["has_computed_default"] = .string("default") }
        attrs["random"] = .string(String(UInt64.random(in: 0...UInt64(Int64.max))))
        attrs["id"] = .string("static")
        return ReadResponse(state: .object(attrs))
    }
}
