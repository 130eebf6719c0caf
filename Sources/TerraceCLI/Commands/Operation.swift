import Foundation
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// The shared flow of `plan`, `apply` and `destroy`: load configuration and variables, lock
/// and load state (reconciling an interrupted run), plan, show the plan, and for apply ask for
/// approval, apply and report.
struct Operation {
    enum Kind {
        case plan, apply, destroy
    }

    static let flagSpec: [String: Flags.Kind] = [
        "var": .repeated, "var-file": .repeated, "env": .value,
        "target": .repeated, "replace": .repeated,
        "refresh": .bool, "refresh-only": .bool, "destroy": .bool,
        "no-color": .bool, "detailed-exitcode": .bool, "auto-approve": .bool,
        "lock": .bool, "lock-timeout": .value, "parallelism": .value, "input": .bool,
        "compact-warnings": .bool, "out": .value, "json": .bool, "state": .value, "generate-config-out": .value,
        "no-cost": .bool,
    ]

    let kind: Kind
    let flags: Flags
    let ctx: CommandContext

    var terminal: Terminal { ctx.terminal }

    static func parseDuration(_ s: String) -> Double? {
        if s.hasSuffix("ms") { return Double(s.dropLast(2)).map { $0 / 1000 } }
        if s.hasSuffix("m") { return Double(s.dropLast()).map { $0 * 60 } }
        if s.hasSuffix("s") { return Double(s.dropLast()) }
        return Double(s)
    }

    func run() async -> Int32 {
        if flags.bool("no-color") || flags.bool("json") { terminal.color = false }
        let json = flags.bool("json") ? JSONView(terminal: terminal) : nil
        json?.version()
        func fail(_ d: Diagnostics) -> Int32 {
            if let json { json.diagnostics(d) } else { terminal.diagnostics(d) }
            return 1
        }
        func report(_ d: Diagnostics) {
            if let json { json.diagnostics(d) } else { terminal.diagnostics(d) }
        }
        if flags.bool("destroy") && flags.bool("refresh-only") {
            return fail(Diagnostics([.error("Incompatible plan mode options", "The -destroy and -refresh-only options are mutually-exclusive.")]))
        }
        // `apply FILE` applies a saved plan exactly.
        var saved: SavedPlan?
        if kind == .apply, let file = flags.positional.first {
            guard flags.positional.count == 1 else {
                return fail(Diagnostics([.error("Too many command line arguments", "Expected at most one positional argument: the path of a saved plan file.")]))
            }
            do { saved = try SavedPlan.read(ctx.path(file)) } catch {
                return fail(Diagnostics([.error(error.summary, error.detail)]))
            }
        } else if !flags.positional.isEmpty {
            return fail(Diagnostics([.error("Unexpected argument", "This command takes no positional arguments; unexpected \"\(flags.positional[0])\". To work in another directory, use -chdir=DIR before the command.")]))
        }
        if json != nil && kind != .plan && saved == nil && !flags.bool("auto-approve") {
            return fail(Diagnostics([.error("Plan file or auto-approve required",
                "Terrace cannot ask for interactive approval when -json is set. You can either apply a saved plan file, or enable the -auto-approve option.")]))
        }
        var (config, cd) = PhaseTimes.measure("load configuration") { ctx.loadConfig() }
        if let gen = flags.value("generate-config-out"), saved == nil {
            // Import targets without configuration get it generated, then everything is planned.
            let (v, vd) = ctx.variables(config, flags)
            report(vd)
            if vd.hasErrors { return 1 }
            switch await generateConfig(config, variables: v, into: gen) {
            case .failed: return 1
            case .written:
                (config, cd) = ctx.loadConfig()
            case .nothing: break
            }
        }
        report(cd)
        if cd.hasErrors { return 1 }
        KeptUntilExit.keep(config)
        var variables: [String: Value]
        if let saved {
            variables = saved.plan.variables
            if SavedPlan.configDigest(config) != saved.configDigest {
                return fail(Diagnostics([.error("Configuration changed since the plan was saved",
                    "The configuration files were changed after this plan was created, so the plan may no longer describe what the configuration asks for. Create a new plan.")]))
            }
        } else {
            let (v, vd) = ctx.variables(config, flags)
            report(vd)
            if vd.hasErrors { return 1 }
            variables = v
        }
        let workspaceName: String
        let registry: ProviderRegistry
        do {
            if let w = saved?.workspace { workspaceName = w } else { workspaceName = try ctx.workspace(flags) }
            registry = try ctx.registry()
        } catch {
            return fail(Diagnostics([.error("Failed to prepare the working directory", "\(error)")]))
        }
        // As Terraform, the whole configuration is validated before planning.
        var configGraph: DirectedGraph<ConfigNode>?
        if saved == nil {
            let (checks, graph) = PhaseTimes.measure("validate") {
                Validator(config: config, registry: registry, sources: ctx.terminal.sources).validateAndBuildGraph()
            }
            if checks.hasErrors { return fail(checks) }
            configGraph = graph
        }
        var parallelism = 10
        if let p = flags.value("parallelism") {
            guard let n = Int(p), n > 0 else {
                return fail(Diagnostics([.error("Invalid parallelism", "The -parallelism value must be a positive whole number, not \"\(p)\".")]))
            }
            parallelism = n
        }
        var inputs = EngineInputs(config: config, rootDir: ctx.workingDir, workspace: workspaceName, variables: variables,
                                  registry: registry, parallelism: parallelism)
        inputs.configGraph = configGraph
        let statePath = flags.value("state").map(ctx.path) ?? ctx.statePath(workspace: workspaceName, config: config)
        let stateExisted = FileSystem.exists(statePath)
        let workspace = Workspace(statePath: statePath)
        if flags.bool("lock", default: true) {
            let timeout = flags.value("lock-timeout").flatMap(Self.parseDuration) ?? 0
            let opName = kind == .plan ? "OperationTypePlan" : "OperationTypeApply"
            do {
                _ = try workspace.lock.acquire(operation: opName, timeout: timeout)
            } catch {
                return fail(Diagnostics([Self.lockDiagnostic(error)]))
            }
        }
        defer { workspace.lock.release() }
        var state: State
        do {
            let (s, d) = try await PhaseTimes.measure("load state") { try await workspace.loadState(inputs: inputs) }
            report(d)
            if d.hasErrors { return 1 }
            state = s
            KeptUntilExit.keep(s)
        } catch let e as StateFile.Failure {
            return fail(Diagnostics([.error(e.summary, e.detail)]))
        } catch {
            return fail(Diagnostics([.error("Failed to load state", "\(error)")]))
        }
        let observer: any EngineObserver = json ?? ApplyView(terminal: terminal)
        let plan: Plan
        if let saved {
            // The state must be exactly the one the plan was made from.
            let fresh = !stateExisted && saved.plan.baseSerial == 0
            if !fresh && (state.serial != saved.plan.baseSerial || state.lineage != saved.plan.baseLineage) {
                return fail(Diagnostics([.error("Saved plan is stale",
                    "The given plan file can no longer be applied because the state was changed by another operation after the plan was created.")]))
            }
            plan = saved.plan
        } else {
            var options = PlanOptions()
            options.mode = kind == .destroy || flags.bool("destroy") ? .destroy : flags.bool("refresh-only") ? .refreshOnly : .normal
            options.refresh = flags.bool("refresh", default: true)
            options.targets = flags.list("target")
            options.replace = flags.list("replace")
            plan = await PhaseTimes.measure("plan") { await workspace.plan(inputs: inputs, state: state, options: options, observer: observer, last: kind == .plan) }
            KeptUntilExit.keep(plan)
            report(plan.diagnostics)
            if plan.errored { return 1 }
            if !options.targets.isEmpty {
                report(Diagnostics([.warning("Resource targeting is in effect",
                    "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Terrace specifically suggests to use it as part of an error message.")]))
            }
            if let json { json.plan(plan) } else {
                PhaseTimes.measure("render plan") {
                    terminal.write(PlanRenderer(color: terminal.color, schemas: Self.schemas(registry)).render(plan))
                    PlanCostView(ctx: ctx, flags: flags).show(plan, config: config, variables: variables, environment: workspaceName)
                }
            }
        }
        if kind == .plan {
            if let out = flags.value("out") {
                do {
                    try SavedPlan(plan: plan, workspace: workspaceName, configDigest: SavedPlan.configDigest(config)).write(to: ctx.path(out))
                } catch {
                    return fail(Diagnostics([.error("Failed to write plan file", "The plan could not be saved to \(out): \(error)")]))
                }
                if json == nil {
                    terminal.print("")
                    terminal.print(terminal.color ? ANSI.gray + String(repeating: "─", count: 77) + ANSI.reset : String(repeating: "─", count: 77))
                    terminal.print("")
                    terminal.print("Saved the plan to: \(out)")
                    terminal.print("")
                    terminal.print("To perform exactly these actions, run the following command to apply:")
                    terminal.print("    terrace apply \"\(out)\"")
                }
            } else if plan.hasChanges && json == nil {
                terminal.print("")
                terminal.print(terminal.color ? ANSI.gray + String(repeating: "─", count: 77) + ANSI.reset : String(repeating: "─", count: 77))
                terminal.print("")
                terminal.print("Note: You didn't use the -out option to save this plan, so Terrace can't")
                terminal.print("guarantee to take exactly these actions if you run \"terrace apply\" now.")
            }
            return flags.bool("detailed-exitcode") && plan.hasChanges ? 2 : 0
        }
        if saved == nil && plan.hasChanges && !flags.bool("auto-approve") {
            guard approve(destroy: plan.mode == .destroy) else {
                terminal.print("")
                terminal.print(plan.mode == .destroy ? "Destroy cancelled." : "Apply cancelled.")
                return 1
            }
        }
        if !plan.hasChanges && plan.mode == .normal {
            do {
                state = try workspace.saveRefreshed(plan)
            } catch {
                return fail(Diagnostics([.error("Failed to save state", "\(error)")]))
            }
            if let json {
                json.summary(ApplyResult(state: state, diagnostics: Diagnostics()), destroy: false)
                json.outputs(state.outputs)
            } else {
                terminal.print("")
                terminal.print(terminal.bold(terminal.green("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.")))
                printOutputs(state.outputs)
            }
            return 0
        }
        if !stateExisted && saved != nil { state.lineage = plan.baseLineage }
        let result: ApplyResult
        do {
            result = try await workspace.apply(plan, inputs: inputs, observer: observer)
            KeptUntilExit.keep(result)
        } catch {
            return fail(Diagnostics([.error("Failed to save state", "\(error)")]))
        }
        report(result.diagnostics)
        if result.diagnostics.hasErrors { return 1 }
        if let json {
            json.summary(result, destroy: plan.mode == .destroy)
            if plan.mode != .destroy { json.outputs(result.state.outputs) }
            return 0
        }
        terminal.print("")
        if plan.mode == .destroy {
            terminal.print(terminal.bold(terminal.green("Destroy complete! Resources: \(result.destroyed) destroyed.")))
        } else {
            terminal.print(terminal.bold(terminal.green("Apply complete! Resources: \(Self.summary(result))")))
            printOutputs(result.state.outputs)
        }
        return 0
    }

    enum Generated { case written, nothing, failed }

    /// Writes configuration for import blocks whose targets have none (`-generate-config-out`).
    func generateConfig(_ config: Config, variables: [String: Value], into file: String) async -> Generated {
        let path = ctx.path(file)
        if FileSystem.exists(path) {
            terminal.diagnostics(Diagnostics([.error("Target generated file already exists",
                "Terrace can only write generated config into a new file. Either choose a different target location or move all existing configuration out of the target file, delete it and try again.")]))
            return .failed
        }
        guard let registry = try? ctx.registry() else { return .failed }
        let inputs = EngineInputs(config: config, rootDir: ctx.workingDir, variables: variables, registry: registry)
        let (objects, d) = await Importer(inputs: inputs).generateUnconfiguredImports(config)
        terminal.diagnostics(d)
        if d.hasErrors { return .failed }
        if objects.isEmpty { return .nothing }
        var text = ConfigGenerator.header
        for o in objects where o.address.module.isRoot { text += "\n" + o.text }
        do { try FileSystem.writeAtomically(path, text) } catch {
            terminal.diagnostics(Diagnostics([.error("Failed to write generated configuration", "\(error)")]))
            return .failed
        }
        terminal.print("Generated configuration for \(objects.count) import target\(objects.count == 1 ? "" : "s") in \(file).")
        return .written
    }

    /// "1 imported, 2 added, 0 changed, 0 destroyed." as Terraform words it.
    static func summary(_ r: ApplyResult) -> String {
        var s = r.imported > 0 ? "\(r.imported) imported, " : ""
        s += "\(r.added) added, \(r.changed) changed, \(r.destroyed) destroyed"
        if r.forgotten > 0 { s += ", \(r.forgotten) forgotten" }
        return s + "."
    }

    func printOutputs(_ outputs: [String: OutputState]) {
        guard !outputs.isEmpty else { return }
        terminal.print("")
        terminal.print(terminal.bold(terminal.green("Outputs:")))
        terminal.print("")
        terminal.write(OutputsView.render(outputs))
    }

    static func schemas(_ registry: ProviderRegistry) -> [String: ResourceSchema] {
        var out: [String: ResourceSchema] = [:]
        for name in registry.names {
            guard let p = registry[name]?.make() else { continue }
            for (k, v) in p.schema.resources { out[k] = v }
            for (k, v) in p.schema.dataSources { out[k] = v }
        }
        return out
    }

    func approve(destroy: Bool) -> Bool {
        terminal.print("")
        if destroy {
            terminal.print(terminal.bold("Do you really want to destroy all resources?"))
            terminal.print("  Terrace will destroy all your managed infrastructure, as shown above.")
            terminal.print("  There is no undo. Only 'yes' will be accepted to confirm.")
        } else {
            terminal.print(terminal.bold("Do you want to perform these actions?"))
            terminal.print("  Terrace will perform the actions described above.")
            terminal.print("  Only 'yes' will be accepted to approve.")
        }
        terminal.print("")
        terminal.write(terminal.bold("  Enter a value: "))
        let answer = terminal.readLine()?.trimmingCharacters(in: .whitespaces)
        return answer == "yes"
    }

    static func lockDiagnostic(_ error: StateLock.Failure) -> Diagnostic {
        switch error {
        case .held(let info):
            return .error("Error acquiring the state lock",
                          "Error message: the state is locked by another process\n\(info.rendered)\n\nTerrace acquires a state lock to protect the state from being written by multiple users at the same time. Please resolve the issue above and try again. For most commands, you can disable locking with the \"-lock=false\" flag, but this is not recommended.")
        case .io(let message):
            return .error("Error acquiring the state lock", message)
        }
    }
}

struct PlanCommand: Command {
    let name = "plan"
    let synopsis = "Show changes required by the current configuration"
    let primary = true
    let help = """
    Usage: terrace [global options] plan [options]

      Generates a speculative execution plan, showing what actions Terrace
      would take to apply the current configuration. This command will not
      actually perform the planned actions.

    Plan Customization Options:

      -destroy            Select the "destroy" planning mode, which creates a plan
                          to destroy all objects currently managed by this
                          configuration instead of the usual behavior.

      -refresh-only       Select the "refresh only" planning mode, which checks
                          whether remote objects still match the outcome of the
                          most recent apply but does not propose any actions to
                          undo any changes made outside of Terrace.

      -refresh=false      Skip checking for external changes to remote objects
                          while creating the plan.

      -replace=resource   Force replacement of a particular resource instance using
                          its resource address. This option can be used multiple times.

      -target=resource    Limit the planning operation to only the given module,
                          resource, or resource instance and all of its
                          dependencies. This option can be used multiple times.

      -var 'foo=bar'      Set a value for one of the input variables in the root
                          module of the configuration. Use this option more than
                          once to set more than one variable.

      -var-file=filename  Load variable values from the given file, in addition
                          to the default files terraform.tfvars and *.auto.tfvars.
                          Use this option more than once to include more than one
                          variables file.

      -env=NAME           Select (and create if needed) the workspace NAME and load
                          environments/NAME.tfvars.

    Other Options:

      -detailed-exitcode  Return detailed exit codes when the command exits. This
                          will change the meaning of exit codes to:
                          0 - Succeeded, diff is empty (no changes)
                          1 - Errored
                          2 - Succeeded, there is a diff

      -lock=false         Don't hold a state lock during the operation.

      -lock-timeout=0s    Duration to retry a state lock.

      -generate-config-out=path
                          Write configuration for the resources that import
                          blocks adopt and that have none to a new file.

      -json               Produce machine-readable output (Terraform's UI
                          message stream), one JSON object per line.

      -no-color           If specified, output won't contain any color.

      -no-cost            Don't print the monthly cost of the planned changes.

      -out=path           Write a plan file to the given path. This can be used as
                          input to the "apply" command.

      -parallelism=n      Limit the number of concurrent operations. Defaults to 10.

      -state=statefile    A path to a state file to use instead of the workspace's.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Operation.flagSpec, args, ctx) else { return 1 }
        return await Operation(kind: .plan, flags: flags, ctx: ctx).run()
    }
}

struct ApplyCommand: Command {
    let name = "apply"
    let synopsis = "Create or update infrastructure"
    let primary = true
    let help = """
    Usage: terrace [global options] apply [options]

      Creates or updates infrastructure according to the configuration in the
      current directory, in the embedded simulated cloud.

      By default, Terrace will generate a new plan and present it for your
      approval before taking any action.

    Options:

      -auto-approve          Skip interactive approval of plan before applying.

      -lock=false            Don't hold a state lock during the operation.

      -lock-timeout=0s       Duration to retry a state lock.

      -no-color              If specified, output won't contain any color.

      -parallelism=n         Limit the number of parallel resource operations.
                             Defaults to 10.

      If you don't provide a saved plan file then this command will also accept
      all of the plan-customization options accepted by the terrace plan command.
      For more information on those options, run:
          terrace plan -help
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Operation.flagSpec, args, ctx) else { return 1 }
        return await Operation(kind: .apply, flags: flags, ctx: ctx).run()
    }
}

struct DestroyCommand: Command {
    let name = "destroy"
    let synopsis = "Destroy previously-created infrastructure"
    let primary = true
    let help = """
    Usage: terrace [global options] destroy [options]

      Destroy Terrace-managed infrastructure.

      This command is a convenience alias for:
          terrace apply -destroy

      This command also accepts many of the plan-customization options accepted by
      the terrace plan command. For more information on those options, run:
          terrace plan -help
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Operation.flagSpec, args, ctx) else { return 1 }
        return await Operation(kind: .destroy, flags: flags, ctx: ctx).run()
    }
}

struct RefreshCommand: Command {
    let name = "refresh"
    let synopsis = "Update the state to match remote systems"
    let help = """
    Usage: terrace [global options] refresh [options]

      Update the state file of your infrastructure with metadata that matches
      the physical resources they are tracking.

      This command is an alias for:
          terrace apply -refresh-only -auto-approve

      It accepts the same options as terrace plan.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Operation.flagSpec, args + ["-refresh-only", "-auto-approve"], ctx) else { return 1 }
        return await Operation(kind: .apply, flags: flags, ctx: ctx).run()
    }
}
