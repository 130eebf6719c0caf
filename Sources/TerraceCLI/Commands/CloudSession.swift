import Foundation
import TerraceBasics
import TerraceCloud
import TerraceLang
import TerraceProviders

/// The simulated cloud as `terrace cloud` sees it: the store, the account, and aws providers
/// configured for the regions objects live in. Deletes fail at once when an object is in use,
/// as in the console (apply waits a little for concurrent deletes).
final class CloudSession {
    let store: CloudStore
    let account: String
    let region: String
    let faults: Faults?
    let environment: [String: String]
    private var providers: [String: AWSProvider] = [:]

    init(_ ctx: CommandContext, region: String?) throws {
        environment = ctx.environment
        store = try CloudStore(dir: ctx.cloudDir)
        account = environment["TERRACE_ACCOUNT_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? AWSRegions.defaultAccount
        faults = try Faults.parseStrict(environment["TERRACE_SIM_FAULTS"])
        self.region = region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
    }

    /// The provider for the session's region. An unknown region fails when it is first used.
    var provider: AWSProvider { provider(for: region) }

    func provider(for region: String) -> AWSProvider {
        let r = region == AWSRegions.global ? self.region : region
        if let p = providers[r] { return p }
        let p = AWSProvider(store: store, account: account, faults: faults, environment: environment)
        p.dependencyWait = 0
        _ = p.configure(.object(["region": .string(r)]))
        providers[r] = p
        return p
    }

    /// A provider for an update of `current` in `region` whose default tags are the tags the
    /// object carries beyond its own `tags` (those a configuration's `default_tags` added), so
    /// that a change made here keeps every tag the object has, as a change in the console does.
    func provider(for region: String, keepingTagsOf current: Value) -> AWSProvider {
        let own = current["tags"]?.attributes ?? [:]
        let extra = (current["tags_all"]?.attributes ?? [:]).filter { own[$0.key] == nil && $0.value.stringValue != nil }
        if extra.isEmpty { return provider(for: region) }
        let p = AWSProvider(store: store, account: account, faults: faults, environment: environment)
        p.dependencyWait = 0
        _ = p.configure(.object(["region": .string(region == AWSRegions.global ? self.region : region),
                                 "default_tags": .list([.object(["tags": Value.map(extra, element: .string)])])]))
        return p
    }

    /// Checks the session's region, printing a diagnostic when the cloud has no such region.
    func checkRegion(_ ctx: CommandContext) -> Bool {
        let d = AWSProvider(store: store, account: account, environment: environment).configure(.object(["region": .string(region)]))
        if d.hasErrors { ctx.terminal.diagnostics(d) }
        return !d.hasErrors
    }

    /// The one object with `id` (of `type` when given), or nil after printing why not.
    func find(_ id: String, type: String?, _ ctx: CommandContext) -> CloudObject? {
        var found = store.find(id: id, account: account)
        if let type { found = found.filter { $0.kind == type } }
        // Some objects are stored under an AWS ID other than the Terraform `id` that `create`
        // prints (a task definition under its ARN, a secret version under its version ID).
        if found.isEmpty {
            found = store.objects(account: account, region: nil).filter { $0["id"]?.stringValue == id && (type == nil || $0.kind == type) }
        }
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            ctx.terminal.diagnostics(Diagnostics([.error("No such object",
                "The simulated cloud has no object with ID \"\(id)\"\(type.map { " of type \($0)" } ?? "") in account \(account). Run \"terrace cloud list\" to see what exists.")]))
        } else {
            let kinds = found.map { "\($0.kind) (\($0.region))" }.joined(separator: ", ")
            ctx.terminal.diagnostics(Diagnostics([.error("Ambiguous ID",
                "The ID \"\(id)\" names several objects: \(kinds). Choose one with -type=TYPE.")]))
        }
        return nil
    }

    /// The provider, schema and current value of an object of a resource type Terrace manages.
    func managed(_ o: CloudObject, _ ctx: CommandContext) async -> (AWSProvider, ResourceSchema, Value)? {
        guard let r = AWSCatalog.resource(o.kind), let schema = provider.schema.resources[o.kind] else {
            ctx.terminal.diagnostics(Diagnostics([.error("Not a resource type",
                "\(o.kind) \(o.id) is created and deleted by AWS with the object that owns it\(o.managedBy.map { " (\($0))" } ?? ""); it cannot be changed directly.")]))
            return nil
        }
        let p = provider(for: o.region)
        let resp = await p.readResource(type: o.kind, state: r.decode(o))
        if resp.diagnostics.hasErrors {
            ctx.terminal.diagnostics(resp.diagnostics)
            return nil
        }
        guard let current = resp.state else {
            ctx.terminal.diagnostics(Diagnostics([.error("No such object", "\(o.kind) \(o.id) no longer exists.")]))
            return nil
        }
        return (p, schema, current)
    }
}
