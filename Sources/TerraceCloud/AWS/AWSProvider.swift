import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// The `aws` provider over the embedded simulated cloud. Each resource type is one
/// `AWSResource` in `Resources/`, registered in `AWSCatalog`.
public final class AWSProvider: Provider, @unchecked Sendable {
    public let store: CloudStore
    public let account: String
    public let faults: Faults?
    private(set) var region = "us-east-1"
    private(set) var defaultTags: [String: String] = [:]
    let catalog: [String: any AWSResource]
    public let schema: ProviderSchema

    public init(store: CloudStore, account: String = AWSRegions.defaultAccount, faults: Faults? = nil) {
        self.store = store
        self.account = account
        self.faults = faults
        var c: [String: any AWSResource] = [:]
        for r in AWSCatalog.resources { c[type(of: r).typeName] = r }
        catalog = c
        schema = ProviderSchema(
        provider: SchemaBlock(attributes: [
            "region": .optional(.string),
            "profile": .optional(.string),
            "access_key": .optional(.string),
            "secret_key": .optional(.string, sensitive: true),
            "skip_credentials_validation": .optional(.bool),
            "skip_requesting_account_id": .optional(.bool),
            "skip_metadata_api_check": .optional(.string),
        ], blockTypes: [
            "default_tags": NestedBlock(.list, SchemaBlock(attributes: ["tags": .optional(.map(.string))]), maxItems: 1),
        ]),
        resources: c.mapValues(\.schema))
    }

    var context: AWSContext {
        AWSContext(store: store, account: account, region: region, defaultTags: defaultTags, faults: faults)
    }

    public func configure(_ config: Value) -> Diagnostics {
        var d = Diagnostics()
        let env = ProcessInfo.processInfo.environment
        let r = config["region"]?.stringValue ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"]
        guard let r else {
            d += .error("Missing required argument", "The argument \"region\" is required, but no definition was found.")
            return d
        }
        guard AWSRegions.zones[r] != nil else {
            d += .error("Invalid provider configuration",
                        "invalid AWS Region: \(r). The simulated cloud knows \(AWSRegions.zones.keys.sorted().joined(separator: ", ")).\(Suggestions.didYouMean(r, in: AWSRegions.zones.keys))")
            return d
        }
        region = r
        if let blocks = config["default_tags"]?.elements, let tags = blocks.first?["tags"]?.attributes {
            defaultTags = tags.compactMapValues(\.stringValue)
        }
        return d
    }

    public func validateResource(type: String, config: Value) -> Diagnostics {
        catalog[type]?.validate(config) ?? Diagnostics()
    }

    public func planResourceChange(_ req: PlanRequest) -> PlanResponse {
        guard let r = catalog[req.typeName] else {
            return PlanResponse(planned: req.config, diagnostics: Diagnostics([.error("Unknown resource type", req.typeName)]))
        }
        return r.plan(req, context: context)
    }

    public func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        guard let r = catalog[req.typeName] else { return ApplyResponse(newState: req.prior) }
        let ctx = context
        do {
            switch (req.prior, req.planned) {
            case (nil, let planned?):
                return ApplyResponse(newState: try await ctx.retrying { try r.create(planned, token: req.token, context: ctx) })
            case (let prior?, let planned?):
                return ApplyResponse(newState: try await ctx.retrying { try r.update(prior, planned, context: ctx) })
            case (let prior?, nil):
                try await ctx.retrying { try r.delete(prior, context: ctx) }
                return ApplyResponse(newState: nil)
            default:
                return ApplyResponse(newState: nil)
            }
        } catch let e as CloudError {
            let verb = req.prior == nil ? "creating" : req.planned == nil ? "deleting" : "updating"
            return ApplyResponse(newState: req.prior, diagnostics: Diagnostics([.error("\(verb) \(r.serviceName) (\(req.typeName)): \(e.code): \(e.message)")]))
        } catch {
            return ApplyResponse(newState: req.prior, diagnostics: Diagnostics([.error("\(req.typeName): \(error)")]))
        }
    }

    public func readResource(type: String, state: Value) async -> ReadResponse {
        guard let r = catalog[type] else { return ReadResponse(state: state) }
        let ctx = context
        do {
            return ReadResponse(state: try await ctx.retrying { try r.read(state, context: ctx) })
        } catch {
            return ReadResponse(state: state, diagnostics: Diagnostics([.error("reading \(r.serviceName) (\(type)): \(error)")]))
        }
    }

    public func importResource(type: String, id: String) async -> ReadResponse {
        guard let r = catalog[type] else {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error("Invalid resource type", "The aws provider does not support resource type \"\(type)\".")]))
        }
        let ctx = context
        do {
            return ReadResponse(state: try await ctx.retrying { try r.importByID(id, context: ctx) })
        } catch {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error("importing \(r.serviceName) (\(id)): \(error)")]))
        }
    }

    public func findByToken(type: String, token: String) async -> Value? {
        guard let r = catalog[type] else { return nil }
        return r.findByToken(token, context: context)
    }
}

/// What a resource implementation needs to call the cloud.
public struct AWSContext: Sendable {
    public var store: CloudStore
    public var account: String
    public var region: String
    public var defaultTags: [String: String]
    public var faults: Faults?

    /// Runs a cloud call with fault injection, retrying throttling and transient errors with
    /// exponential backoff and jitter; permanent errors are thrown at once.
    public func retrying<T>(_ body: () throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                try await faults?.before("call")
                return try body()
            } catch let e as CloudError where e.retryable && attempt < 12 {
                attempt += 1
                let base = min(1.0, 0.01 * pow(2.0, Double(attempt)))
                try? await Task.sleep(nanoseconds: UInt64(Double.random(in: base / 2...base) * 1_000_000_000))
            }
        }
    }

    public func arn(_ service: String, _ resource: String, global: Bool = false) -> String {
        global ? "arn:aws:\(service):::\(resource)" : "arn:aws:\(service):\(region):\(account):\(resource)"
    }
}
