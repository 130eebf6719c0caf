import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// A provider for engine tests: `mock_thing` resources with a required `name` (force-new), an
/// optional `size`, a computed `id`, and `mock_data` data sources. It records every call, can
/// fail chosen operations, and keeps its objects in memory.
public final class MockProvider: Provider, @unchecked Sendable {
    public enum Call: Equatable, Sendable {
        case create(String)
        case update(String)
        case delete(String)
        case read(String)
    }

    private let lock = NSLock()
    public private(set) var calls: [Call] = []
    public var objects: [String: Value] = [:]
    /// Names whose create fails.
    public var failCreate: Set<String> = []
    private var counter = 0

    public init() {}

    public let schema = ProviderSchema(resources: [
        "mock_thing": ResourceSchema(SchemaBlock(attributes: [
            "id": .computed(.string),
            "name": .required(.string, forceNew: true),
            "size": .optional(.number),
            "secret": .optional(.string, sensitive: true),
            "tags": .optional(.map(.string)),
        ])),
    ], dataSources: [
        "mock_data": ResourceSchema(SchemaBlock(attributes: [
            "input": .required(.string),
            "result": .computed(.string),
        ])),
    ])

    func record(_ c: Call) { lock.withLock { calls.append(c) } }

    public func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        let name = (req.planned ?? req.prior)?["name"]?.stringValue ?? "?"
        switch (req.prior, req.planned) {
        case (nil, let planned?):
            record(.create(name))
            if failCreate.contains(name) {
                return ApplyResponse(newState: nil, diagnostics: Diagnostics([.error("creating mock_thing \(name): injected failure")]))
            }
            let id = lock.withLock { () -> String in counter += 1; return "mock-\(counter)" }
            var attrs = planned.attributes ?? [:]
            attrs["id"] = .string(id)
            let v = Value.object(attrs)
            lock.withLock { objects[id] = v }
            return ApplyResponse(newState: v)
        case (let prior?, let planned?):
            record(.update(name))
            var attrs = planned.attributes ?? [:]
            attrs["id"] = prior["id"]
            let v = Value.object(attrs)
            lock.withLock { objects[prior["id"]?.stringValue ?? ""] = v }
            return ApplyResponse(newState: v)
        case (let prior?, nil):
            record(.delete(name))
            lock.withLock { objects[prior["id"]?.stringValue ?? ""] = nil }
            return ApplyResponse(newState: nil)
        default:
            return ApplyResponse(newState: nil)
        }
    }

    public func readResource(type: String, state: Value) async -> ReadResponse {
        record(.read(state["name"]?.stringValue ?? "?"))
        guard let id = state["id"]?.stringValue else { return ReadResponse(state: nil) }
        return ReadResponse(state: lock.withLock { objects[id] })
    }

    public func readDataSource(type: String, config: Value) async -> ReadResponse {
        var attrs = config.attributes ?? [:]
        attrs["result"] = .string("read:" + (config["input"]?.stringValue ?? ""))
        return ReadResponse(state: .object(attrs))
    }
}
