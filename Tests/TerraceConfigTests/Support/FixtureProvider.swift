import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// A provider for configuration fixtures with what the built-in ones lack: nested blocks of
/// every nesting mode (for `dynamic` blocks), a required argument, a provider configuration
/// with a block, and a data source. Objects live only in state, as with `null`.
final class FixtureProvider: LocalProvider, @unchecked Sendable {
    init() {}

    let schema = ProviderSchema(
        provider: SchemaBlock(attributes: [
            "region": .optional(.string),
        ], blockTypes: [
            "default_tags": NestedBlock(.list, SchemaBlock(attributes: ["tags": .optional(.map(.string))]), maxItems: 1),
        ]),
        resources: [
            "fixture_server": ResourceSchema(SchemaBlock(attributes: [
                "id": .computed(.string),
                "name": .required(.string, forceNew: true),
                "size": .optional(.number),
                "tags": .optional(.map(.string)),
            ], blockTypes: [
                "disk": NestedBlock(.list, SchemaBlock(attributes: [
                    "size": .required(.number),
                    "type": .optional(.string),
                ], blockTypes: [
                    "option": NestedBlock(.list, SchemaBlock(attributes: ["name": .required(.string), "value": .optional(.string)])),
                ])),
                "network": NestedBlock(.single, SchemaBlock(attributes: ["subnet": .optional(.string)]), maxItems: 1),
                "rule": NestedBlock(.set, SchemaBlock(attributes: ["port": .required(.number), "protocol": .optional(.string)])),
            ])),
        ],
        dataSources: [
            "fixture_image": ResourceSchema(SchemaBlock(attributes: [
                "name": .required(.string),
                "id": .computed(.string),
                "arch": .computed(.string),
            ])),
        ])

    func create(type: String, planned: Value) -> Value {
        guard var attrs = planned.attributes else { return planned }
        for (k, v) in attrs where !v.isKnown {
            attrs[k] = k == "id" ? .string("fx-" + (planned["name"]?.stringValue ?? "")) : .null(v.type)
        }
        return .object(attrs)
    }

    func readDataSource(type: String, config: Value) async -> ReadResponse {
        var attrs = config.attributes ?? [:]
        let name = config["name"]?.stringValue ?? ""
        attrs["id"] = .string("img-" + name)
        attrs["arch"] = .string(name.hasSuffix("-arm") ? "arm64" : "x86_64")
        return ReadResponse(state: .object(attrs))
    }
}
