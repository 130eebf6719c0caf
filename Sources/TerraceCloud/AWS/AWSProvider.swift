import Foundation
import TerraceBasics
import TerraceLang
import TerraceProviders

/// The `aws` provider over the embedded simulated cloud. Each resource type is one
/// `AWSResource` and each data source one `AWSDataSource` in `Resources/` and `DataSources/`,
/// listed in `AWSCatalog`. One instance serves one provider configuration: an aliased
/// configuration (`provider "aws" { alias = "west" … }`) is another instance with its own
/// region and default tags, over the same store.
public final class AWSProvider: Provider, @unchecked Sendable {
    public let store: CloudStore
    public let account: String
    public let faults: Faults?
    let environment: [String: String]
    private(set) var region = "us-east-1"
    /// Whether `configure` succeeded: before that the provider has no region, and refuses to
    /// touch the cloud rather than guess one.
    public private(set) var isConfigured = false
    private(set) var defaultTags: [String: String] = [:]
    private(set) var maxAttempts = AWSContext.maxAttempts
    /// How long a delete that fails because the object is still in use keeps trying, as the AWS
    /// provider retries `DependencyViolation` and similar errors until its delete timeout: objects
    /// that hold it are often being deleted at the same moment. Zero fails at once (the console).
    public var dependencyWait: Double = 2
    let catalog: [String: any AWSResource]
    let dataCatalog: [String: any AWSDataSource]
    public let schema: ProviderSchema

    public init(store: CloudStore, account: String = AWSRegions.defaultAccount, faults: Faults? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.store = store
        self.account = account
        self.faults = faults
        self.environment = environment
        var c: [String: any AWSResource] = [:]
        for r in AWSCatalog.resources { c[type(of: r).typeName] = r }
        catalog = c
        var d: [String: any AWSDataSource] = [:]
        for s in AWSCatalog.dataSources { d[type(of: s).typeName] = s }
        dataCatalog = d
        schema = ProviderSchema(provider: Self.configurationSchema, resources: c.mapValues(\.schema), dataSources: d.mapValues(\.schema))
    }

    /// The provider block's arguments (the AWS provider v5's, less those about real endpoints
    /// and credentials chains the simulated cloud has no use for).
    static let configurationSchema = SchemaBlock(attributes: [
        "region": .optional(.string),
        "access_key": .optional(.string),
        "secret_key": .optional(.string, sensitive: true),
        "token": .optional(.string, sensitive: true),
        "profile": .optional(.string),
        "shared_config_files": .optional(.list(.string)),
        "shared_credentials_files": .optional(.list(.string)),
        "max_retries": .optional(.number),
        "allowed_account_ids": .optional(.set(.string)),
        "forbidden_account_ids": .optional(.set(.string)),
        "skip_credentials_validation": .optional(.bool),
        "skip_metadata_api_check": .optional(.string),
        "skip_region_validation": .optional(.bool),
        "skip_requesting_account_id": .optional(.bool),
        "s3_use_path_style": .optional(.bool),
        "insecure": .optional(.bool),
        "retry_mode": .optional(.string),
        "sts_region": .optional(.string),
    ], blockTypes: [
        "default_tags": NestedBlock(.list, SchemaBlock(attributes: ["tags": .optional(.map(.string))]), maxItems: 1),
    ])

    /// The context for calls about resource type `type`: IAM and other global services see
    /// the region `global`.
    func context(global: Bool = false) -> AWSContext {
        var ctx = AWSContext(store: store, account: account, region: region, defaultTags: defaultTags, faults: faults)
        ctx.maxAttempts = maxAttempts
        return global ? ctx.scoped(to: AWSRegions.global) : ctx
    }

    var context: AWSContext { context() }

    func context(for r: any AWSResource) -> AWSContext { context(global: type(of: r).isGlobal) }

    public func configure(_ config: Value) -> Diagnostics {
        var d = Diagnostics()
        let r = config["region"]?.stringValue ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"]
        guard let r, !r.isEmpty else {
            d += .error("Missing required argument", "The argument \"region\" is required, but no definition was found.")
            return d
        }
        guard AWSRegions.zones[r] != nil else {
            d += .error("Invalid provider configuration",
                        "invalid AWS Region: \(r). The simulated cloud knows \(AWSRegions.names.joined(separator: ", ")).\(Suggestions.didYouMean(r, in: AWSRegions.names))")
            return d
        }
        let forbidden = config["forbidden_account_ids"]?.elements?.compactMap(\.stringValue) ?? []
        let allowed = config["allowed_account_ids"]?.elements?.compactMap(\.stringValue) ?? []
        if forbidden.contains(account) || (!allowed.isEmpty && !allowed.contains(account)) {
            d += .error("AWS account ID not allowed: \(account)")
            return d
        }
        if let n = config["max_retries"]?.intValue {
            guard n >= 0 else {
                d += .error("Invalid provider configuration", "max_retries must not be negative, got: \(n)")
                return d
            }
            maxAttempts = max(1, n)
        }
        region = r
        isConfigured = true
        if let blocks = config["default_tags"]?.elements, let tags = blocks.first?["tags"]?.attributes {
            defaultTags = tags.compactMapValues(\.stringValue)
        }
        return d
    }

    public func validateResource(type: String, config: Value) -> Diagnostics {
        catalog[type]?.validate(config) ?? dataCatalog[type]?.validate(config) ?? Diagnostics()
    }

    public func planResourceChange(_ req: PlanRequest) -> PlanResponse {
        guard let r = catalog[req.typeName] else {
            return PlanResponse(planned: req.config, diagnostics: Diagnostics([.error("Unknown resource type", req.typeName)]))
        }
        return r.plan(req, context: context(for: r))
    }

    /// The error for a call made before `configure`.
    func unconfigured(_ what: String) -> Diagnostics {
        Diagnostics([.error("Provider not configured",
                            "The aws provider was asked to \(what) before its configuration (region, default tags) was applied, so it cannot tell which region to use.")])
    }

    public func applyResourceChange(_ req: ApplyRequest) async -> ApplyResponse {
        guard let r = catalog[req.typeName] else { return ApplyResponse(newState: req.prior) }
        guard isConfigured else { return ApplyResponse(newState: req.prior, diagnostics: unconfigured("change \(req.typeName)")) }
        let ctx = context(for: r)
        let type = req.typeName
        do {
            switch (req.prior, req.planned) {
            case (nil, let planned?):
                let v = try await ctx.retrying("create \(type)", service: r.serviceName, resume: { r.findByToken(req.token, context: ctx) }) {
                    try r.create(planned, token: req.token, context: ctx)
                }
                return ApplyResponse(newState: v)
            case (let prior?, let planned?):
                return ApplyResponse(newState: try await ctx.retrying("update \(type)", service: r.serviceName) { try r.update(prior, planned, context: ctx) })
            case (let prior?, nil):
                try await deleteWaiting(r, prior, context: ctx)
                return ApplyResponse(newState: nil)
            default:
                return ApplyResponse(newState: nil)
            }
        } catch let e as CloudError {
            let verb = req.prior == nil ? "creating" : req.planned == nil ? "deleting" : "updating"
            // As the AWS provider words it: an existing object is named by its identifier or ID
            // ("deleting RDS DB Instance (social-flow-prod-postgres): …"); one not yet created by its type.
            let prior = req.prior?.attributes
            let name = prior?["identifier"]?.stringValue ?? prior?["id"]?.stringValue ?? type
            return ApplyResponse(newState: req.prior, diagnostics: Diagnostics([.error("\(verb) \(r.serviceName) (\(name)): \(e.code): \(e.message)")]))
        } catch {
            return ApplyResponse(newState: req.prior, diagnostics: Diagnostics([.error("\(type): \(error)")]))
        }
    }

    /// Errors that mean "still in use" and go away once the user of the object is deleted.
    static let inUseCodes: Set<String> = ["DependencyViolation", "ResourceInUse", "ResourceInUseException", "DeleteConflict",
                                           "InvalidIPAddress.InUse", "ClusterContainsServicesException",
                                           "InvalidDBSubnetGroupStateFault", "InvalidDBParameterGroupState", "CacheSubnetGroupInUse",
                                           "InvalidCacheParameterGroupState", "CloudFrontOriginAccessIdentityInUse", "OriginAccessControlInUse"]

    func deleteWaiting(_ r: any AWSResource, _ prior: Value, context ctx: AWSContext) async throws {
        let deadline = Date().addingTimeInterval(dependencyWait)
        while true {
            do {
                try await ctx.retrying("delete \(Swift.type(of: r).typeName)", service: r.serviceName) { try r.delete(prior, context: ctx) }
                return
            } catch let e as CloudError where Self.inUseCodes.contains(e.code) && Date() < deadline {
                try? await Task.sleep(nanoseconds: 50_000_000)
            }
        }
    }

    public func readResource(type: String, state: Value) async -> ReadResponse {
        guard let r = catalog[type] else { return ReadResponse(state: state) }
        guard isConfigured else { return ReadResponse(state: state, diagnostics: unconfigured("read \(type)")) }
        let ctx = context(for: r)
        do {
            return ReadResponse(state: try await ctx.retrying("read \(type)", service: r.serviceName) { try r.read(state, context: ctx) })
        } catch {
            let id = state["id"]?.stringValue ?? type
            return ReadResponse(state: state, diagnostics: Diagnostics([.error("reading \(r.serviceName) (\(id)): \(error)")]))
        }
    }

    public func importResource(type: String, id: String) async -> ReadResponse {
        guard let r = catalog[type] else {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error("Invalid resource type", "The aws provider does not support resource type \"\(type)\".\(Suggestions.didYouMean(type, in: catalog.keys))")]))
        }
        guard isConfigured else { return ReadResponse(state: nil, diagnostics: unconfigured("import \(type)")) }
        let ctx = context(for: r)
        do {
            // No object: no state and no error, as a Terraform provider answers; the caller
            // reports "Cannot import non-existent remote object" with the address.
            let v = try await ctx.retrying("import \(type)", service: r.serviceName, { try r.importByID(id, context: ctx) })
            return ReadResponse(state: v)
        } catch {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error("importing \(r.serviceName) (\(id)): \(error)")]))
        }
    }

    public func findByToken(type: String, token: String) async -> Value? {
        guard let r = catalog[type] else { return nil }
        return r.findByToken(token, context: context(for: r))
    }

    public func readDataSource(type: String, config: Value) async -> ReadResponse {
        guard let s = dataCatalog[type] else {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error("Unknown data source", "The aws provider does not support data source \"\(type)\".")]))
        }
        guard isConfigured else { return ReadResponse(state: nil, diagnostics: unconfigured("read data source \(type)")) }
        let ctx = context(global: Swift.type(of: s).isGlobal)
        do {
            return ReadResponse(state: try await ctx.retrying("read data \(type)", service: s.serviceName) { try s.read(config, context: ctx) })
        } catch let e as DataSourceError {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error(e.description)]))
        } catch {
            return ReadResponse(state: nil, diagnostics: Diagnostics([.error("reading \(s.serviceName): \(error)")]))
        }
    }
}
