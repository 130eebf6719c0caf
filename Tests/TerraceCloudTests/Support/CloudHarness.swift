import Foundation
import Testing
import TerraceBasics
@testable import TerraceCloud
import TerraceLang
import TerraceProviders
import TerraceTestSupport

/// A simulated cloud in a temporary directory and an aws provider configured over it, with the
/// calls the engine makes: plan, apply (create, update, delete), read and import.
final class CloudHarness: @unchecked Sendable {
    let dir: TempDirectory
    let store: CloudStore
    let provider: AWSProvider

    init(account: String = "123456789012", region: String = "us-east-1", sharing other: CloudHarness? = nil,
         faults: Faults? = nil, defaultTags: [String: String] = [:]) throws {
        dir = other?.dir ?? TempDirectory("terrace-cloud")
        store = try CloudStore(dir: dir.path)
        provider = AWSProvider(store: store, account: account, faults: faults, environment: [:])
        provider.dependencyWait = 0
        var config: [String: Value] = ["region": .string(region)]
        if !defaultTags.isEmpty {
            config["default_tags"] = .list([.object(["tags": Value.map(defaultTags.mapValues(Value.string), element: .string)])])
        }
        let d = provider.configure(.object(config))
        precondition(!d.hasErrors, "\(d)")
    }

    func schema(_ type: String) -> SchemaBlock {
        provider.schema.resources[type]?.block ?? SchemaBlock()
    }

    /// A configuration value for `type` from the given attributes: everything else null, blocks empty.
    func config(_ type: String, _ attrs: [String: Value]) -> Value {
        config(schema(type), attrs)
    }

    func config(_ schema: SchemaBlock, _ attrs: [String: Value]) -> Value {
        var out: [String: Value] = [:]
        for (k, a) in schema.attributes { out[k] = attrs[k] ?? .null(a.type) }
        for (k, nb) in schema.blockTypes {
            if let given = attrs[k] {
                let items = (given.elements ?? [given]).map { config(nb.block, $0.attributes ?? [:]) }
                switch nb.nesting {
                case .set: out[k] = Value(.set(Value.canonicalSet(items), element: nb.block.impliedType))
                case .single: out[k] = items.first ?? .null(nb.impliedType)
                default: out[k] = Value(.list(items, element: nb.block.impliedType))
                }
            } else {
                switch nb.nesting {
                case .set: out[k] = Value(.set([], element: nb.block.impliedType))
                case .single: out[k] = .null(nb.impliedType)
                default: out[k] = Value(.list([], element: nb.block.impliedType))
                }
            }
        }
        return .object(out)
    }

    func validate(_ type: String, _ attrs: [String: Value]) -> Diagnostics {
        provider.validateResource(type: type, config: config(type, attrs))
    }

    func plan(_ type: String, _ attrs: [String: Value], prior: Value? = nil) -> PlanResponse {
        provider.planResourceChange(PlanRequest(typeName: type, prior: prior, config: config(type, attrs)))
    }

    /// Plans and creates; the response carries the AWS error if the cloud refuses.
    func create(_ type: String, _ attrs: [String: Value], token: String = UUID().uuidString) async -> ApplyResponse {
        let c = config(type, attrs)
        let planned = provider.planResourceChange(PlanRequest(typeName: type, prior: nil, config: c)).planned
        return await provider.applyResourceChange(ApplyRequest(typeName: type, prior: nil, planned: planned, config: c, token: token))
    }

    /// Creates and returns the new object, failing the test if the cloud refuses.
    func make(_ type: String, _ attrs: [String: Value], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Value {
        let r = await create(type, attrs)
        #expect(!r.diagnostics.hasErrors, "\(type): \(r.diagnostics)", sourceLocation: sourceLocation)
        return try #require(r.newState, sourceLocation: sourceLocation)
    }

    func update(_ type: String, _ prior: Value, _ attrs: [String: Value]) async -> ApplyResponse {
        let c = config(type, attrs)
        let planned = provider.planResourceChange(PlanRequest(typeName: type, prior: prior, config: c)).planned
        return await provider.applyResourceChange(ApplyRequest(typeName: type, prior: prior, planned: planned, config: c, token: UUID().uuidString))
    }

    func delete(_ type: String, _ state: Value) async -> ApplyResponse {
        await provider.applyResourceChange(ApplyRequest(typeName: type, prior: state, planned: nil, config: nil, token: UUID().uuidString))
    }

    func read(_ type: String, _ state: Value) async -> Value? {
        await provider.readResource(type: type, state: state).state
    }

    func data(_ type: String, _ attrs: [String: Value]) async -> ReadResponse {
        let schema = provider.schema.dataSources[type]?.block ?? SchemaBlock()
        return await provider.readDataSource(type: type, config: config(schema, attrs))
    }

    // MARK: A network to build on

    struct Network {
        var vpc: Value
        var subnets: [Value]
        var igw: Value
    }

    /// A VPC with an internet gateway and two subnets in two zones.
    func network(cidr: String = "10.0.0.0/16") async throws -> Network {
        let vpc = try await make("aws_vpc", ["cidr_block": .string(cidr), "enable_dns_hostnames": .bool(true)])
        let base = try #require(CIDR(cidr))
        let igw = try await make("aws_internet_gateway", ["vpc_id": vpc["id"]!])
        var subnets: [Value] = []
        for (i, az) in ["a", "b"].enumerated() {
            let sub = CIDR("\(base.host(UInt32(i) << 8))/24")!.description
            subnets.append(try await make("aws_subnet", ["vpc_id": vpc["id"]!, "cidr_block": .string(sub),
                                                         "availability_zone": .string("us-east-1\(az)")]))
        }
        return Network(vpc: vpc, subnets: subnets, igw: igw)
    }
}

extension Diagnostics {
    /// The first error's summary (provider errors carry everything in the summary).
    var firstError: String { items.first { $0.severity == .error }.map { $0.summary + ($0.detail.isEmpty ? "" : ": " + $0.detail) } ?? "" }
}

extension Value {
    /// The string attribute `name`, for building dependent configurations.
    func s(_ name: String) -> Value { self[name] ?? .null(.string) }
}

/// Attribute value shorthands for configurations in tests.
func str(_ s: String) -> Value { .string(s) }
func num(_ n: Int) -> Value { .number(n) }
func strings(_ items: String...) -> Value { Value.list(items.map(Value.string), element: .string) }
func stringSet(_ items: [Value]) -> Value { Value.set(items, element: .string) }
func obj(_ attrs: [String: Value]) -> Value { .object(attrs) }
func tags(_ m: [String: String]) -> Value { Value.map(m.mapValues(Value.string), element: .string) }
