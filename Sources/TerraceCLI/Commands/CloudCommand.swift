import Foundation
import TerraceBasics
import TerraceCloud
import TerraceHCL
import TerraceLang
import TerraceProviders

/// `terrace cloud <subcommand>`: the simulated cloud operated directly, as a person would in the
/// AWS console, to create objects Terrace does not manage (to import them) or to change managed
/// ones behind its back (to see drift on refresh). Changes go through the aws provider, so the
/// same AWS rules, fault injection and retries apply as in `apply`. Every resource type of
/// `AWSCatalog` works here.
struct CloudCommand: Command {
    let name = "cloud"
    let synopsis = "Operate the embedded simulated AWS cloud directly"
    let help = """
    Usage: terrace [global options] cloud <subcommand> [options] [args]

      Operates the embedded simulated AWS cloud directly, as a person would in the
      AWS console: to create objects Terrace does not manage (and import them), or
      to change objects behind Terrace's back (and see the drift on refresh).
      Changes obey the same AWS rules as apply.

    Subcommands:
        list      List objects:      cloud list [-type=TYPE] [-region=REGION] [-json]
        show      Show an object:    cloud show [-type=TYPE] [-json] ID
        create    Create an object:  cloud create [-region=REGION] TYPE key=value...
        update    Change an object:  cloud update [-type=TYPE] ID key=value...
        delete    Delete an object:  cloud delete [-type=TYPE] ID

    Values are taken as written for string arguments; other arguments take HCL
    values: numbers, true/false, lists ["a","b"], maps {Name="web"} and blocks as
    lists of objects (ingress=[{from_port=80,to_port=80,protocol="tcp"}]).
    tags.Name=web sets one key of a map.

    The cloud lives in .terrace/cloud (or $TERRACE_CLOUD_DIR); the account is
    $TERRACE_ACCOUNT_ID (default 123456789012); the region defaults to
    $AWS_REGION, $AWS_DEFAULT_REGION or us-east-1.
    """

    static let subcommands = ["list", "show", "create", "update", "delete"]

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let sub = args.first else {
            ctx.terminal.printError(help)
            return 1
        }
        let rest = Array(args.dropFirst())
        if ["-help", "--help", "-h"].contains(sub) {
            ctx.terminal.print(help)
            return 0
        }
        guard Self.subcommands.contains(sub) else {
            ctx.terminal.printError("Unknown cloud subcommand \"\(sub)\".\(Suggestions.didYouMean(sub, in: Self.subcommands))\n\n\(help)")
            return 1
        }
        guard let flags = parse(["type": .value, "region": .value, "json": .bool, "no-color": .bool], rest, ctx) else { return 1 }
        let cloud: CloudSession
        do {
            cloud = try CloudSession(ctx, region: flags.value("region"))
        } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Cannot open the simulated cloud", "\(error)")]))
            return 1
        }
        switch sub {
        case "list": return list(flags, cloud, ctx)
        case "show": return show(flags, cloud, ctx)
        case "create": return await create(flags, cloud, ctx)
        case "update": return await update(flags, cloud, ctx)
        default: return await delete(flags, cloud, ctx)
        }
    }

    // MARK: list and show

    func list(_ flags: Flags, _ cloud: CloudSession, _ ctx: CommandContext) -> Int32 {
        if let t = flags.value("type"), AWSCatalog.resource(t) == nil {
            ctx.terminal.diagnostics(Diagnostics([.error("Unknown resource type",
                "The simulated cloud has no resource type \"\(t)\".\(Suggestions.didYouMean(t, in: AWSCatalog.resources.map { type(of: $0).typeName }))")]))
            return 1
        }
        if let r = flags.value("region"), AWSRegions.zones[r] == nil && r != AWSRegions.global {
            ctx.terminal.diagnostics(Diagnostics([.error("Unknown region",
                "The simulated cloud has no region \"\(r)\".\(Suggestions.didYouMean(r, in: AWSRegions.names))")]))
            return 1
        }
        var objects = cloud.store.objects(account: cloud.account, region: flags.value("region"))
        if let t = flags.value("type") { objects = objects.filter { $0.kind == t } }
        objects.sort { ($0.kind, $0.region, $0.id) < ($1.kind, $1.region, $1.id) }
        if flags.bool("json") {
            ctx.terminal.print(JSONWriter.pretty(.array(objects.map(CloudView.json))))
            return 0
        }
        ctx.terminal.write(CloudView.table(objects))
        return 0
    }

    func show(_ flags: Flags, _ cloud: CloudSession, _ ctx: CommandContext) -> Int32 {
        guard flags.positional.count == 1 else {
            ctx.terminal.printError("Exactly one argument expected: the ID of an object.\n\n\(help)")
            return 1
        }
        guard let o = cloud.find(flags.positional[0], type: flags.value("type"), ctx) else { return 1 }
        if flags.bool("json") {
            ctx.terminal.print(JSONWriter.pretty(CloudView.json(o)))
        } else {
            ctx.terminal.write(CloudView.render(o))
        }
        return 0
    }

    // MARK: create, update, delete

    func create(_ flags: Flags, _ cloud: CloudSession, _ ctx: CommandContext) async -> Int32 {
        guard let type = flags.positional.first else {
            ctx.terminal.printError("The resource type to create is missing: cloud create TYPE key=value...\n\n\(help)")
            return 1
        }
        guard cloud.checkRegion(ctx) else { return 1 }
        guard let schema = cloud.provider.schema.resources[type] else {
            ctx.terminal.diagnostics(Diagnostics([.error("Unknown resource type",
                "The simulated cloud has no resource type \"\(type)\".\(Suggestions.didYouMean(type, in: cloud.provider.schema.resources.keys))")]))
            return 1
        }
        var config = Value.object(schema.block.attributes.mapValues { .null($0.type) }
            .merging(schema.block.blockTypes.mapValues { CloudArguments.empty($0) }) { a, _ in a })
        var diags = CloudArguments.apply(Array(flags.positional.dropFirst()), to: &config, schema: schema.block, type: type)
        diags += CloudArguments.missingRequired(config, schema: schema.block)
        if diags.hasErrors {
            ctx.terminal.diagnostics(diags)
            return 1
        }
        let p = cloud.provider
        diags += p.validateResource(type: type, config: config)
        let plan = p.planResourceChange(PlanRequest(typeName: type, prior: nil, config: config))
        diags += plan.diagnostics
        if diags.hasErrors {
            ctx.terminal.diagnostics(diags)
            return 1
        }
        let resp = await p.applyResourceChange(ApplyRequest(typeName: type, prior: nil, planned: plan.planned, config: config,
                                                             token: UUID().uuidString.lowercased()))
        if resp.diagnostics.hasErrors {
            ctx.terminal.diagnostics(resp.diagnostics)
            return 1
        }
        ctx.terminal.print(resp.newState?["id"]?.stringValue ?? "")
        return 0
    }

    func update(_ flags: Flags, _ cloud: CloudSession, _ ctx: CommandContext) async -> Int32 {
        guard let id = flags.positional.first else {
            ctx.terminal.printError("The ID of the object to update is missing: cloud update ID key=value...\n\n\(help)")
            return 1
        }
        guard let o = cloud.find(id, type: flags.value("type"), ctx) else { return 1 }
        guard let (_, schema, prior) = await cloud.managed(o, ctx) else { return 1 }
        let p = cloud.provider(for: o.region, keepingTagsOf: prior)
        // The configuration the object has now: every argument it was given. Arguments AWS fills
        // in when left out (optional and computed: a log group's `name_prefix`) are left out
        // again, so they keep their values and a pair such as `name`/`name_prefix` does not
        // conflict; computed-only attributes are never configuration.
        var attrs = prior.attributes ?? [:]
        for (name, a) in schema.block.attributes where a.computed || (!a.optional && !a.required) { attrs[name] = .null(a.type) }
        var config = Value.object(attrs)
        var diags = CloudArguments.apply(Array(flags.positional.dropFirst()), to: &config, schema: schema.block, type: o.kind)
        if diags.hasErrors {
            ctx.terminal.diagnostics(diags)
            return 1
        }
        diags += p.validateResource(type: o.kind, config: config)
        let plan = p.planResourceChange(PlanRequest(typeName: o.kind, prior: prior, config: config))
        diags += plan.diagnostics
        if !plan.requiresReplace.isEmpty {
            let names = plan.requiresReplace.map { $0.joined(separator: ".") }.joined(separator: ", ")
            diags += .error("Cannot change \(names) in place",
                            "\(o.kind) \(o.id) cannot change \(names) without being replaced. Delete it and create a new one instead.")
        }
        if diags.hasErrors {
            ctx.terminal.diagnostics(diags)
            return 1
        }
        let resp = await p.applyResourceChange(ApplyRequest(typeName: o.kind, prior: prior, planned: plan.planned, config: config,
                                                             token: UUID().uuidString.lowercased()))
        if resp.diagnostics.hasErrors {
            ctx.terminal.diagnostics(resp.diagnostics)
            return 1
        }
        ctx.terminal.print("\(o.kind) \(o.id) updated.")
        return 0
    }

    func delete(_ flags: Flags, _ cloud: CloudSession, _ ctx: CommandContext) async -> Int32 {
        guard flags.positional.count == 1 else {
            ctx.terminal.printError("Exactly one argument expected: the ID of the object to delete.\n\n\(help)")
            return 1
        }
        guard let o = cloud.find(flags.positional[0], type: flags.value("type"), ctx) else { return 1 }
        guard let (p, _, prior) = await cloud.managed(o, ctx) else { return 1 }
        let resp = await p.applyResourceChange(ApplyRequest(typeName: o.kind, prior: prior, planned: nil, config: nil,
                                                             token: UUID().uuidString.lowercased()))
        if resp.diagnostics.hasErrors {
            ctx.terminal.diagnostics(resp.diagnostics)
            return 1
        }
        ctx.terminal.print("\(o.kind) \(o.id) deleted.")
        return 0
    }
}
