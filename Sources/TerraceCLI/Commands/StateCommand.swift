import Foundation
import TerraceBasics
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// `terrace state <subcommand>`: inspect and change state.
struct StateCommand: Command {
    let name = "state"
    let synopsis = "Advanced state management"
    let help = """
    Usage: terrace [global options] state <subcommand> [options] [args]

      This command has subcommands for advanced state management.

    Subcommands:
        list                List resources in the state
        mv                  Move an item in the state
        pull                Pull current state and output to stdout
        push                Update remote state from a local state file
        rm                  Remove instances from the state
        show                Show a resource in the state
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let sub = args.first else {
            ctx.terminal.printError(help)
            return 1
        }
        let rest = Array(args.dropFirst())
        switch sub {
        case "list": return await list(rest, ctx)
        case "show": return await show(rest, ctx)
        case "mv": return await mv(rest, ctx)
        case "rm": return await rm(rest, ctx)
        case "pull": return await pull(rest, ctx)
        case "push": return await push(rest, ctx)
        case "-help", "--help", "-h":
            ctx.terminal.print(help)
            return 0
        default:
            ctx.terminal.printError("Unknown state subcommand \"\(sub)\".\(Suggestions.didYouMean(sub, in: ["list", "show", "mv", "rm", "pull", "push"]))\n\n\(help)")
            return 1
        }
    }

    /// Reads the selected workspace's state (or `-state=PATH`), printing problems.
    static func readState(_ flags: Flags, _ ctx: CommandContext) -> State? {
        let path: String
        if let p = flags.value("state") {
            path = ctx.path(p)
        } else {
            let workspace = (try? ctx.workspace(flags)) ?? ctx.currentWorkspace
            let (config, _) = ctx.loadConfig()
            path = ctx.statePath(workspace: workspace, config: config)
        }
        do {
            return try StateStore(path: path).load() ?? State()
        } catch {
            ctx.terminal.diagnostics(Diagnostics([.error(error.summary, error.detail)]))
            return nil
        }
    }

    func list(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["state": .value, "id": .value, "env": .value, "no-color": .bool], args, ctx) else { return 1 }
        guard let state = Self.readState(flags, ctx) else { return 1 }
        var filters: [(AbsResource, InstanceKey?)] = []
        for a in flags.positional {
            do { filters.append(try AddressParser.parseInstance(a)) } catch {
                ctx.terminal.diagnostics(Diagnostics([.error("Invalid address", error.description)]))
                return 1
            }
        }
        for addr in state.instanceAddresses {
            if !filters.isEmpty && !filters.contains(where: { $0.0 == addr.resource && ($0.1 == nil || $0.1 == addr.key) }) { continue }
            if let id = flags.value("id"), state.instance(addr)?.id != id { continue }
            ctx.terminal.print(addr.description)
        }
        return 0
    }

    func show(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["state": .value, "env": .value, "no-color": .bool], args, ctx) else { return 1 }
        guard flags.positional.count == 1 else {
            ctx.terminal.printError("Exactly one argument expected: the address of a resource instance.")
            return 1
        }
        guard let state = Self.readState(flags, ctx) else { return 1 }
        guard let (res, key) = try? AddressParser.parseInstance(flags.positional[0]) else {
            ctx.terminal.diagnostics(Diagnostics([.error("Invalid address", "\"\(flags.positional[0])\" is not a resource instance address.")]))
            return 1
        }
        let addr = res.instance(key ?? .none)
        guard let obj = state.instance(addr) else {
            ctx.terminal.diagnostics(Diagnostics([.error("No instance found for the given address!",
                "This command requires that the address references one specific instance. To view the available instances, use \"terrace state list\". Please modify the address to reference a specific instance.")]))
            return 1
        }
        let schema = (try? ctx.registry()).flatMap { StateView.schema(for: res.resource.type, mode: res.resource.mode, registry: $0) }
        ctx.terminal.write(StateView.renderInstance(addr, obj, schema: schema))
        return 0
    }
}

/// Renders state as `terraform show` and `terraform state show` do.
enum StateView {
    static func schema(for type: String, mode: TerraceConfig.ResourceMode, registry: ProviderRegistry) -> ResourceSchema? {
        for name in registry.names {
            guard let p = registry[name]?.make() else { continue }
            if let s = (mode == .managed ? p.schema.resources : p.schema.dataSources)[type] { return s }
        }
        return nil
    }

    static func renderInstance(_ addr: AbsResourceInstance, _ obj: InstanceObject, schema: ResourceSchema?) -> String {
        let value: Value = schema.map { StateCodec.decode(obj, schema: $0) }
            ?? ((try? ValueJSON.decode(obj.attributes, as: .dynamic)) ?? .emptyObject)
        let kw = addr.resource.resource.mode == .data ? "data" : "resource"
        return "# \(addr):\n\(kw) \"\(addr.resource.resource.type)\" \"\(addr.resource.resource.name)\" {"
            + DiffWriter.renderObject(value, schema: schema?.block) + "}\n"
    }
}

import TerraceConfig
