import Foundation
import Testing
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// A simulated cloud driven through the provider interface, as the engine drives it: plan,
/// apply, read and import. Configuration is given loosely (lists for sets, objects without
/// their unset attributes) and conformed to the resource schema first.
final class DataCloud: @unchecked Sendable {
    let dir = TempDirectory()
    let provider: AWSProvider

    init(account: String = "123456789012", region: String = "us-east-1", shared: String? = nil, defaultTags: [String: String] = [:]) throws {
        provider = AWSProvider(store: try CloudStore(dir: shared ?? dir.path), account: account)
        var config: [String: Value] = ["region": .string(region)]
        if !defaultTags.isEmpty {
            config["default_tags"] = .list([.object(["tags": .map(defaultTags.mapValues(Value.string), element: .string)])])
        }
        _ = provider.configure(.object(config))
    }

    func schema(_ type: String) -> SchemaBlock { provider.schema.resources[type]?.block ?? SchemaBlock() }

    /// A full configuration object for `type`: `attrs` conformed to the schema, the rest unset.
    func config(_ type: String, _ attrs: [String: Value]) -> Value { Self.conform(attrs, to: schema(type)) }

    static func conform(_ attrs: [String: Value], to block: SchemaBlock) -> Value {
        var out: [String: Value] = [:]
        for (name, a) in block.attributes {
            guard let v = attrs[name] else { out[name] = .null(a.type); continue }
            out[name] = (try? Conversion.convert(v, to: a.type)) ?? v
        }
        for (name, nb) in block.blockTypes {
            let items = (attrs[name]?.elements ?? []).map { conform($0.attributes ?? [:], to: nb.block) }
            switch nb.nesting {
            case .set: out[name] = Value(.set(Value.canonicalSet(items), element: nb.block.impliedType))
            case .single: out[name] = items.first ?? .null(nb.block.impliedType)
            default: out[name] = Value(.list(items, element: nb.block.impliedType))
            }
        }
        return .object(out)
    }

    func validate(_ type: String, _ attrs: [String: Value]) -> Diagnostics {
        provider.validateResource(type: type, config: config(type, attrs))
    }

    func plan(_ type: String, prior: Value?, _ attrs: [String: Value]) -> PlanResponse {
        provider.planResourceChange(PlanRequest(typeName: type, prior: prior, config: config(type, attrs)))
    }

    func create(_ type: String, _ attrs: [String: Value]) async -> ApplyResponse {
        let planned = plan(type, prior: nil, attrs)
        if planned.diagnostics.hasErrors { return ApplyResponse(newState: nil, diagnostics: planned.diagnostics) }
        return await provider.applyResourceChange(ApplyRequest(typeName: type, prior: nil, planned: planned.planned,
                                                              config: config(type, attrs), token: UUID().uuidString))
    }

    /// Creates an object that must be accepted, and returns its state.
    func make(_ type: String, _ attrs: [String: Value], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Value {
        let r = await create(type, attrs)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)", sourceLocation: sourceLocation)
        return try #require(r.newState, sourceLocation: sourceLocation)
    }

    func update(_ type: String, prior: Value, _ attrs: [String: Value]) async -> ApplyResponse {
        let planned = plan(type, prior: prior, attrs)
        return await provider.applyResourceChange(ApplyRequest(typeName: type, prior: prior, planned: planned.planned,
                                                              config: config(type, attrs), token: UUID().uuidString))
    }

    func delete(_ type: String, _ state: Value) async -> ApplyResponse {
        await provider.applyResourceChange(ApplyRequest(typeName: type, prior: state, planned: nil, config: nil, token: UUID().uuidString))
    }

    func read(_ type: String, _ state: Value) async -> Value? {
        await provider.readResource(type: type, state: state).state
    }

    func importID(_ type: String, _ id: String) async -> Value? {
        await provider.importResource(type: type, id: id).state
    }

    /// The first error's text, as apply reports it.
    static func error(_ r: ApplyResponse) -> String { r.diagnostics.errors.first?.summary ?? "" }

    // Common prerequisites.

    func vpc(_ cidr: String = "10.0.0.0/16") async throws -> Value {
        try await make("aws_vpc", ["cidr_block": .string(cidr)])
    }

    func subnet(_ vpc: Value, _ cidr: String, _ zone: String) async throws -> Value {
        try await make("aws_subnet", ["vpc_id": vpc["id"] ?? .null(.string), "cidr_block": .string(cidr), "availability_zone": .string(zone)])
    }

    /// A VPC with subnets in us-east-1a and us-east-1b; returns the subnet IDs.
    func twoZoneSubnets() async throws -> (vpc: Value, subnets: [Value]) {
        let v = try await vpc()
        let a = try await subnet(v, "10.0.1.0/24", "us-east-1a")
        let b = try await subnet(v, "10.0.2.0/24", "us-east-1b")
        return (v, [a["id"] ?? .null(.string), b["id"] ?? .null(.string)])
    }
}

/// One resource type's whole life through the provider interface: create, read, an update in
/// place, a replacement, import by ID and delete.
struct Lifecycle: Sendable, CustomTestStringConvertible {
    typealias Refs = [String: Value]
    let type: String
    var setup: @Sendable (DataCloud) async throws -> Refs = { _ in [:] }
    let create: @Sendable (Refs) -> [String: Value]
    /// Changes (over `create`) that must apply in place.
    let update: @Sendable (Refs) -> [String: Value]
    /// Changes (over `create` and `update`) that must force replacement, and the attribute
    /// the plan must name as the reason; nil where no argument forces replacement, and the
    /// replacement is the one `-replace` asks for.
    let replace: @Sendable (Refs) -> [String: Value]
    let replacePath: String?
    var importID: @Sendable (Value) -> String = { $0["id"]?.stringValue ?? "" }
    /// Attributes AWS does not report, which import cannot know.
    var importIgnore: [String] = []
    /// Whether the replaced object is gone (false where AWS keeps it, such as a secret
    /// version still holding `AWSCURRENT`).
    var replacedIsGone = true
    /// What reading the object after its delete must give: nothing, unless AWS keeps it.
    var deleted: @Sendable (Value?) -> Bool = { $0 == nil }

    var testDescription: String { type }

    func run() async throws {
        let c = try DataCloud()
        let refs = try await setup(c)
        let createConfig = create(refs)
        let created = try await c.make(type, createConfig)
        #expect(created["id"]?.stringValue?.isEmpty == false, "an id")
        #expect(created.isWhollyKnown, "nothing unknown after create: \(created)")
        #expect(await c.read(type, created) == created, "read returns what create returned")
        Self.expectNoChanges(c, type, created, createConfig)

        var updateConfig = createConfig
        for (k, v) in update(refs) { updateConfig[k] = v }
        let updatePlan = c.plan(type, prior: created, updateConfig)
        #expect(updatePlan.diagnostics.isEmpty, "\(updatePlan.diagnostics)")
        #expect(updatePlan.requiresReplace.isEmpty, "update in place, not \(updatePlan.requiresReplace)")
        #expect(updatePlan.planned.unmarkedDeep != created, "the update changes something")
        let updateResponse = await c.update(type, prior: created, updateConfig)
        #expect(updateResponse.diagnostics.isEmpty, "\(updateResponse.diagnostics)")
        let updated = try #require(updateResponse.newState)
        #expect(updated["id"] == created["id"], "same object after an in-place update")
        for k in update(refs).keys {
            #expect(updated[k] == updatePlan.planned[k]?.unmarkedDeep, "\(k) updated")
        }
        #expect(await c.read(type, updated) == updated, "read returns the update")
        Self.expectNoChanges(c, type, updated, updateConfig)

        var replaceConfig = updateConfig
        for (k, v) in replace(refs) { replaceConfig[k] = v }
        let replacePlan = c.plan(type, prior: updated, replaceConfig)
        if let replacePath {
            #expect(replacePlan.requiresReplace.contains([replacePath]), "replacement for \(replacePath), got \(replacePlan.requiresReplace)")
        } else {
            #expect(replacePlan.requiresReplace.isEmpty, "no argument forces replacement")
        }
        let gone = await c.delete(type, updated)
        #expect(gone.diagnostics.isEmpty, "\(gone.diagnostics)")
        let replaced = try await c.make(type, replaceConfig)
        if replaced["id"] != updated["id"] {
            if replacedIsGone { #expect(await c.read(type, updated) == nil, "the replaced object is gone") }
        } else {
            // A replacement under the same name (the name did not change).
            #expect(replaced != updated, "a new object")
        }

        let imported = try #require(await c.importID(type, importID(replaced)), "import by \(importID(replaced))")
        var wanted = replaced, got = imported
        for k in importIgnore {
            wanted = Self.without(wanted, k)
            got = Self.without(got, k)
        }
        #expect(got == wanted, "import reads what exists")

        let deletion = await c.delete(type, replaced)
        #expect(deletion.diagnostics.isEmpty, "\(deletion.diagnostics)")
        #expect(deleted(await c.read(type, replaced)), "deleted")
    }

    /// Planning the same configuration again changes nothing: what the cloud filled in agrees
    /// with what the configuration says.
    static func expectNoChanges(_ c: DataCloud, _ type: String, _ state: Value, _ config: [String: Value],
                                sourceLocation: SourceLocation = #_sourceLocation) {
        let again = c.plan(type, prior: state, config)
        #expect(again.requiresReplace.isEmpty, "no replacement: \(again.requiresReplace)", sourceLocation: sourceLocation)
        if let p = again.planned.unmarkedDeep.attributes, let s = state.attributes {
            for k in p.keys.sorted() where p[k] != s[k] {
                Issue.record("\(type).\(k) would change from \(s[k]?.debugDescription ?? "nil") to \(p[k]?.debugDescription ?? "nil")", sourceLocation: sourceLocation)
            }
        }
    }

    static func without(_ v: Value, _ key: String) -> Value {
        guard var a = v.attributes else { return v }
        a[key] = nil
        return .object(a)
    }
}

/// A configuration AWS refuses, with the error it gives.
struct Refusal: Sendable, CustomTestStringConvertible {
    let name: String
    let type: String
    var setup: @Sendable (DataCloud) async throws -> Lifecycle.Refs = { _ in [:] }
    let attrs: @Sendable (Lifecycle.Refs) -> [String: Value]
    /// Text the error must contain: AWS's code and message.
    let error: String

    var testDescription: String { name }

    func run() async throws {
        let c = try DataCloud()
        let refs = try await setup(c)
        let r = await c.create(type, attrs(refs))
        #expect(r.newState == nil, "nothing created")
        #expect(DataCloud.error(r).contains(error), "expected \(error), got \(DataCloud.error(r))")
    }
}

/// A configuration the provider rejects at plan time, with the validator's words.
struct Invalid: Sendable, CustomTestStringConvertible {
    let type: String
    let attrs: [String: Value]
    let message: String
    var testDescription: String { "\(type): \(message)" }

    func run() throws {
        let c = try DataCloud()
        let d = c.validate(type, attrs)
        #expect(d.errors.contains { $0.summary.contains(message) }, "expected \(message), got \(d)")
    }
}

extension Value {
    static func strings(_ items: [String]) -> Value { .list(items.map(Value.string), element: .string) }
    static func tags(_ items: [String: String]) -> Value { .map(items.mapValues(Value.string), element: .string) }
}
