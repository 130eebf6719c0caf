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
        "compact-warnings": .bool, "no-cost": .bool,
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
        if flags.bool("no-color") { terminal.color = false }
        if flags.bool("destroy") && flags.bool("refresh-only") {
            terminal.diagnostics(Diagnostics([.error("Incompatible plan mode options", "The -destroy and -refresh-only options are mutually-exclusive.")]))
            return 1
        }
        let (config, cd) = ctx.loadConfig()
        terminal.diagnostics(cd)
        if cd.hasErrors { return 1 }
        let (variables, vd) = ctx.variables(config, flags)
        terminal.diagnostics(vd)
        if vd.hasErrors { return 1 }
        let workspaceName: String
        let registry: ProviderRegistry
        do {
            workspaceName = try ctx.workspace(flags)
            registry = try ctx.registry()
        } catch {
            terminal.diagnostics(Diagnostics([.error("Failed to prepare the working directory", "\(error)")]))
            return 1
        }
        var parallelism = 10
        if let p = flags.value("parallelism") {
            guard let n = Int(p), n > 0 else {
                terminal.diagnostics(Diagnostics([.error("Invalid parallelism", "The -parallelism value must be a positive whole number, not \"\(p)\".")]))
                return 1
            }
            parallelism = n
        }
        let inputs = EngineInputs(config: config, rootDir: ctx.workingDir, workspace: workspaceName, variables: variables,
                                  registry: registry, parallelism: parallelism)
        let workspace = Workspace(statePath: ctx.statePath(workspace: workspaceName, config: config))
        if flags.bool("lock", default: true) {
            let timeout = flags.value("lock-timeout").flatMap(Self.parseDuration) ?? 0
            let opName = kind == .plan ? "OperationTypePlan" : "OperationTypeApply"
            do {
                _ = try workspace.lock.acquire(operation: opName, timeout: timeout)
            } catch {
                terminal.diagnostics(Diagnostics([Self.lockDiagnostic(error)]))
                return 1
            }
        }
        defer { workspace.lock.release() }
        let state: State
        do {
            let (s, d) = try await workspace.loadState(inputs: inputs)
            terminal.diagnostics(d)
            if d.hasErrors { return 1 }
            state = s
        } catch let e as StateFile.Failure {
            terminal.diagnostics(Diagnostics([.error(e.summary, e.detail)]))
            return 1
        } catch {
            terminal.diagnostics(Diagnostics([.error("Failed to load state", "\(error)")]))
            return 1
        }
        var options = PlanOptions()
        options.mode = kind == .destroy || flags.bool("destroy") ? .destroy : flags.bool("refresh-only") ? .refreshOnly : .normal
        options.refresh = flags.bool("refresh", default: true)
        options.targets = flags.list("target")
        options.replace = flags.list("replace")
        let view = ApplyView(terminal: terminal)
        let plan = await workspace.plan(inputs: inputs, state: state, options: options, observer: view)
        terminal.diagnostics(plan.diagnostics)
        if plan.errored { return 1 }
        if !options.targets.isEmpty {
            terminal.diagnostics(Diagnostics([.warning("Resource targeting is in effect",
                "You are creating a plan with the -target option, which means that the result of this plan may not represent all of the changes requested by the current configuration.\n\nThe -target option is not for routine use, and is provided only for exceptional situations such as recovering from errors or mistakes, or when Terrace specifically suggests to use it as part of an error message.")]))
        }
        let renderer = PlanRenderer(color: terminal.color, schemas: schemas(registry))
        terminal.write(renderer.render(plan))
        PlanCostView(ctx: ctx, flags: flags).show(plan, config: config, variables: variables, environment: workspaceName)
        if kind == .plan {
            if plan.hasChanges {
                terminal.print("")
                terminal.print(terminal.color ? ANSI.gray + String(repeating: "─", count: 77) + ANSI.reset : String(repeating: "─", count: 77))
                terminal.print("")
                terminal.print("Note: You didn't use the -out option to save this plan, so Terrace can't")
                terminal.print("guarantee to take exactly these actions if you run \"terrace apply\" now.")
            }
            return flags.bool("detailed-exitcode") && plan.hasChanges ? 2 : 0
        }
        if plan.hasChanges && !flags.bool("auto-approve") {
            guard approve(destroy: options.mode == .destroy) else {
                terminal.print("")
                terminal.print(options.mode == .destroy ? "Destroy cancelled." : "Apply cancelled.")
                return 1
            }
        }
        if !plan.hasChanges && options.mode != .refreshOnly && plan.outputChanges.allSatisfy({ $0.action == .noop }) {
            terminal.print("")
            terminal.print(terminal.bold(terminal.green("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.")))
            printOutputs(state.outputs)
            return 0
        }
        let result: ApplyResult
        do {
            result = try await workspace.apply(plan, inputs: inputs, observer: view)
        } catch {
            terminal.diagnostics(Diagnostics([.error("Failed to save state", "\(error)")]))
            return 1
        }
        terminal.diagnostics(result.diagnostics)
        if result.diagnostics.hasErrors { return 1 }
        terminal.print("")
        if options.mode == .destroy {
            terminal.print(terminal.bold(terminal.green("Destroy complete! Resources: \(result.destroyed) destroyed.")))
        } else {
            terminal.print(terminal.bold(terminal.green("Apply complete! Resources: \(result.added) added, \(result.changed) changed, \(result.destroyed) destroyed.")))
            printOutputs(result.state.outputs)
        }
        return 0
    }

    func printOutputs(_ outputs: [String: OutputState]) {
        guard !outputs.isEmpty else { return }
        terminal.print("")
        terminal.print(terminal.bold(terminal.green("Outputs:")))
        terminal.print("")
        terminal.write(OutputsView.render(outputs))
    }

    func schemas(_ registry: ProviderRegistry) -> [String: ResourceSchema] {
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

      -no-color           If specified, output won't contain any color.

      -parallelism=n      Limit the number of concurrent operations. Defaults to 10.
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
