import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// `terrace show [-json] [FILE]`: the state, or a saved plan, for people or as JSON.
struct ShowCommand: Command {
    let name = "show"
    let synopsis = "Show the current state or a saved plan"
    let help = """
    Usage: terrace [global options] show [options] [file]

      Reads and outputs a Terrace state or plan file in a human-readable
      form. If no path is specified, the current state will be shown.

    Options:

      -no-color           If specified, output won't contain any color.
      -json               If specified, output the Terrace plan or state in
                          a machine-readable form.
      -env=NAME           Show the state of workspace NAME.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["json": .bool, "no-color": .bool, "env": .value, "state": .value], args, ctx) else { return 1 }
        if flags.bool("no-color") { ctx.terminal.color = false }
        let registry = try? ctx.registry()
        let schemas = registry.map { Operation.schemas($0) } ?? [:]
        if let file = flags.positional.first {
            let saved: SavedPlan
            do { saved = try SavedPlan.read(ctx.path(file)) } catch {
                ctx.terminal.diagnostics(Diagnostics([.error(error.summary, error.detail)]))
                return 1
            }
            if flags.bool("json") {
                let (config, _) = ctx.loadConfig()
                ctx.terminal.print(JSONWriter.compact(PlanJSON(config: config, schemas: schemas, registry: registry).plan(saved.plan)))
            } else {
                ctx.terminal.write(PlanRenderer(color: ctx.terminal.color, schemas: schemas).render(saved.plan))
            }
            return 0
        }
        guard let state = StateCommand.readState(flags, ctx) else { return 1 }
        if flags.bool("json") {
            if state.isEmpty && state.outputs.isEmpty {
                ctx.terminal.print(JSONWriter.compact(.object([("format_version", .string("0.2"))])))
            } else {
                ctx.terminal.print(JSONWriter.compact(PlanJSON(config: nil, schemas: schemas).state(state)))
            }
            return 0
        }
        if state.isEmpty && state.outputs.isEmpty {
            ctx.terminal.print("No state.")
            return 0
        }
        ctx.terminal.write(Self.render(state, schemas: schemas))
        return 0
    }

    /// The state as `terraform show` prints it: resources grouped by module, then outputs.
    static func render(_ state: State, schemas: [String: ResourceSchema]) -> String {
        var out = ""
        var lastModule: ModuleInstance?
        for addr in state.instanceAddresses {
            guard let obj = state.instance(addr) else { continue }
            if let lm = lastModule, lm != addr.module { out += "\n" }
            lastModule = addr.module
            out += StateView.renderInstance(addr, obj, schema: schemas[addr.resource.resource.type]) + "\n"
        }
        if lastModule != nil { out += "\n" }
        if !state.outputs.isEmpty {
            out += "Outputs:\n\n"
            for name in state.outputs.keys.sorted() {
                let o = state.outputs[name]!
                out += "\(name) = " + (o.sensitive ? "(sensitive value)" : (OutputsView.value(o).map(ValueFormatter.console) ?? "null")) + "\n"
            }
        }
        return out
    }
}
