import Foundation
import TerraceBasics
import TerraceCloud
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// `terrace import ADDR ID` adopts one existing object into state; `terrace import -discover`
/// finds the objects in the simulated cloud that no state here manages and writes import
/// blocks and configuration for them.
struct ImportCommand: Command {
    let name = "import"
    let synopsis = "Associate existing infrastructure with a Terrace resource"
    let help = """
    Usage: terrace [global options] import [options] ADDR ID
           terrace [global options] import -discover [-type=T] [-region=R] -generate-config-out=FILE

      Import existing infrastructure into your Terrace state.

      This will find and import the specified resource into your Terrace
      state, allowing existing infrastructure to come under Terrace
      management without having to be initially created by Terrace.

      The ADDR specified is the address to import the resource to. Please
      see the documentation online for resource addresses. The ID is a
      resource-specific ID to identify that resource being imported. Please
      reference the documentation for the resource type you're importing to
      determine the ID syntax to use. It typically matches directly to the ID
      that the provider uses.

      With -discover, Terrace lists the objects of the simulated cloud that no
      state of this working directory manages and writes import blocks and
      configuration for them to FILE, expressing references between them as
      references. Then "terrace plan" shows what would be imported.

    Options:

      -var 'foo=bar'             Set a variable in the configuration.
      -var-file=foo              Set variables from a file.
      -env=NAME                  Use workspace NAME and environments/NAME.tfvars.
      -state=PATH                Path to the state file.
      -lock=false                Don't hold a state lock during the operation.
      -lock-timeout=0s           Duration to retry a state lock.
      -no-color                  If specified, output won't contain any color.
      -discover                  Find unmanaged objects in the simulated cloud.
      -type=T                    With -discover, only objects of resource type T.
      -region=R                  With -discover, only objects in region R.
      -generate-config-out=FILE  With -discover, the file to write.
    """

    static let flagSpec: [String: Flags.Kind] = [
        "var": .repeated, "var-file": .repeated, "env": .value, "state": .value, "lock": .bool,
        "lock-timeout": .value, "no-color": .bool, "input": .bool, "discover": .bool, "type": .value,
        "region": .value, "generate-config-out": .value, "config": .value, "allow-missing-config": .bool,
    ]

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Self.flagSpec, args, ctx) else { return 1 }
        if flags.bool("no-color") { ctx.terminal.color = false }
        if flags.bool("discover") { return await discover(flags, ctx) }
        guard flags.positional.count == 2 else {
            ctx.terminal.printError("The import command expects two arguments: the resource address and the ID of the object to import.\n\n" + help)
            return 1
        }
        let (addrText, id) = (flags.positional[0], flags.positional[1])
        let (config, cd) = ctx.loadConfig()
        ctx.terminal.diagnostics(cd)
        if cd.hasErrors { return 1 }
        let res: AbsResource, key: InstanceKey
        do {
            let (r, k) = try AddressParser.parseInstance(addrText)
            res = r
            key = k ?? .none
        } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Invalid address", "\(error)")]))
            return 1
        }
        let addr = res.instance(key)
        guard res.resource.mode == .managed, let rc = config.descendant(res.module.path)?.module.resources[res.resource.description] else {
            ctx.terminal.diagnostics(Diagnostics([.error("Configuration for import target does not exist",
                "The configuration for the given import target \(addr) does not exist. All target instances must have an associated configuration to be imported.")]))
            return 1
        }
        // The key must fit the resource's count or for_each.
        switch (key, rc.count != nil, rc.forEach != nil) {
        case (.none, false, false), (.int, true, false), (.string, false, true): break
        default:
            ctx.terminal.diagnostics(Diagnostics([.error("Invalid resource instance address",
                "The address \(addr) does not match how \(res) is declared at \(rc.declRange.filename):\(rc.declRange.start.line): \(rc.count != nil ? "it uses count, so an index such as [0] is required" : rc.forEach != nil ? "it uses for_each, so a key such as [\"name\"] is required" : "it has neither count nor for_each, so no index is allowed").")]))
            return 1
        }
        let (variables, vd) = ctx.variables(config, flags)
        ctx.terminal.diagnostics(vd)
        if vd.hasErrors { return 1 }
        let workspaceName: String
        let inputs: EngineInputs
        do {
            workspaceName = try ctx.workspace(flags)
            inputs = EngineInputs(config: config, rootDir: ctx.workingDir, workspace: workspaceName, variables: variables, registry: try ctx.registry())
        } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Failed to prepare the working directory", "\(error)")]))
            return 1
        }
        let ws = Workspace(statePath: flags.value("state").map(ctx.path) ?? ctx.statePath(workspace: workspaceName, config: config))
        if flags.bool("lock", default: true) {
            do { _ = try ws.lock.acquire(operation: "OperationTypeImport", timeout: flags.value("lock-timeout").flatMap(Operation.parseDuration) ?? 0) } catch {
                ctx.terminal.diagnostics(Diagnostics([Operation.lockDiagnostic(error)]))
                return 1
            }
        }
        defer { ws.lock.release() }
        var state: State
        do {
            let (s, d) = try await ws.loadState(inputs: inputs)
            ctx.terminal.diagnostics(d)
            if d.hasErrors { return 1 }
            state = s
        } catch let e as StateFile.Failure {
            ctx.terminal.diagnostics(Diagnostics([.error(e.summary, e.detail)]))
            return 1
        } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Failed to load state", "\(error)")]))
            return 1
        }
        if state.instance(addr) != nil {
            ctx.terminal.diagnostics(Diagnostics([.error("Resource already managed by Terrace",
                "Terrace is already managing a remote object for \(addr). To import to this address you must first remove the existing object from the state.")]))
            return 1
        }
        let importer = Importer(inputs: inputs)
        ctx.terminal.print(ctx.terminal.bold("\(addr): Importing from ID \"\(id)\"..."))
        let (object, diags) = await importer.read(rc, in: res.module.path, id: id)
        ctx.terminal.diagnostics(diags)
        guard let (value, schema, provider) = object else {
            if !diags.hasErrors {
                ctx.terminal.diagnostics(Diagnostics([.error("Cannot import non-existent remote object",
                    "While attempting to import an existing object to \"\(addr)\", the provider detected that no object exists with the given id. Only pre-existing objects can be imported; check that the id is correct and that it is associated with the provider's configured region or endpoint, or use \"terrace apply\" to create a new remote object for this resource.")]))
            }
            return 1
        }
        ctx.terminal.print(ctx.terminal.bold("\(addr): Import prepared!"))
        ctx.terminal.print("  Prepared \(res.resource.type) for import")
        ctx.terminal.print(ctx.terminal.bold("\(addr): Refreshing state...") + " [id=\(value["id"]?.stringValue ?? id)]")
        let each: EachMode
        switch key {
        case .none: each = .none
        case .int: each = .list
        case .string: each = .map
        }
        state.setInstance(addr, StateCodec.encode(value, schema: schema, dependencies: []), provider: provider, eachMode: each)
        do { try ws.store.write(&state) } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Failed to write state", "\(error)")]))
            return 1
        }
        ctx.terminal.print("")
        ctx.terminal.print(ctx.terminal.bold(ctx.terminal.green("Import successful!")))
        ctx.terminal.print("")
        ctx.terminal.print(ctx.terminal.green("The resources that were imported are shown above. These resources are now in"))
        ctx.terminal.print(ctx.terminal.green("your Terrace state and will henceforth be managed by Terrace."))
        ctx.terminal.print("")
        return 0
    }
}
