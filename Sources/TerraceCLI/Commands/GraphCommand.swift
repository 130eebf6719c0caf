import TerraceBasics
import TerraceEngine
import TerraceState

/// `terrace graph [-type=plan|apply]`: the dependency graph in DOT.
struct GraphCommand: Command {
    let name = "graph"
    let synopsis = "Generate a Graphviz graph of the steps in an operation"
    let help = """
    Usage: terrace [global options] graph [options]

      Produces a representation of the dependency graph between different
      objects in the current configuration, in the DOT language. The output
      is identical across runs.

    Options:

      -type=plan      Type of graph to output: plan (the configuration graph,
                      the default) or apply (the graph of the planned changes,
                      with destroy steps).
      -var 'foo=bar'  Set a variable (for -type=apply).
      -var-file=FILE  Load variable values (for -type=apply).
      -env=NAME       Use workspace NAME and environments/NAME.tfvars.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["type": .value, "var": .repeated, "var-file": .repeated, "env": .value, "no-color": .bool], args, ctx) else { return 1 }
        let (config, cd) = ctx.loadConfig()
        ctx.terminal.diagnostics(cd)
        if cd.hasErrors { return 1 }
        let type = flags.value("type") ?? "plan"
        switch type {
        case "plan", "plan-refresh-only", "plan-destroy", "validate":
            let (dot, d) = ConfigGraphBuilder(config: config).dot()
            ctx.terminal.diagnostics(d)
            if d.hasErrors { return 1 }
            ctx.terminal.write(dot)
            return 0
        case "apply":
            let (variables, vd) = ctx.variables(config, flags)
            ctx.terminal.diagnostics(vd)
            if vd.hasErrors { return 1 }
            do {
                let workspaceName = try ctx.workspace(flags)
                let inputs = EngineInputs(config: config, rootDir: ctx.workingDir, workspace: workspaceName,
                                          variables: variables, registry: try ctx.registry())
                let state = try StateStore(path: ctx.statePath(workspace: workspaceName, config: config)).load() ?? State()
                var options = PlanOptions()
                options.refresh = false
                let plan = await Planner(inputs: inputs, state: state, options: options).plan()
                ctx.terminal.diagnostics(plan.diagnostics)
                if plan.errored { return 1 }
                guard let dot = Applier(inputs: inputs, plan: plan, journal: nil).graphDOT() else { return 1 }
                ctx.terminal.write(dot)
                return 0
            } catch let e as StateFile.Failure {
                ctx.terminal.diagnostics(Diagnostics([.error(e.summary, e.detail)]))
                return 1
            } catch {
                ctx.terminal.diagnostics(Diagnostics([.error("Failed to build the apply graph", "\(error)")]))
                return 1
            }
        default:
            ctx.terminal.diagnostics(Diagnostics([.error("Invalid graph type",
                "The -type value must be \"plan\" or \"apply\", not \"\(type)\".\(Suggestions.didYouMean(type, in: ["plan", "apply"]))")]))
            return 1
        }
    }
}
