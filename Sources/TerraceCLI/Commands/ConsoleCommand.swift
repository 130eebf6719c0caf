import Foundation
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceLang
import TerraceProviders
import TerraceState

/// `terrace console`: evaluates expressions in the context of the root module — variables from
/// `-var`, `-var-file` and tfvars (unknown when not set), locals, module outputs, and resources
/// from the workspace's state — and prints values as `terraform console` does. From a terminal
/// it prompts; from standard input it reads one expression per line, prints each result, and,
/// unlike Terraform, carries on after an error and exits 1 at the end if any line failed.
struct ConsoleCommand: Command {
    let name = "console"
    let synopsis = "Try Terrace expressions at an interactive command prompt"
    let help = """
    Usage: terrace [global options] console [options]

      Starts an interactive console for experimenting with Terrace
      interpolations.

      This will open an interactive console that you can use to type
      interpolations into and inspect their values. This command loads the
      current state. This lets you explore and test interpolations before
      using them in future configurations.

      When standard input is not a terminal, each line is an expression; every
      result is printed, an error does not stop the following lines, and the
      exit status is 1 if any line failed.

      This command will never modify your state.

    Options:

      -state=path       Path to the state file to read.

      -var 'foo=bar'    Set a variable in the Terrace configuration. This
                        flag can be set multiple times.

      -var-file=foo     Set variables in the Terrace configuration from
                        a file. If "terraform.tfvars" or any ".auto.tfvars"
                        files are present, they will be automatically loaded.

      -env=NAME         Use workspace NAME and environments/NAME.tfvars.

      -no-color         If specified, output won't contain any color.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["state": .value, "var": .repeated, "var-file": .repeated, "env": .value, "no-color": .bool],
                                args, ctx) else { return 1 }
        let terminal = ctx.terminal
        if flags.bool("no-color") { terminal.color = false }
        let (config, cd) = ctx.loadConfig()
        terminal.diagnostics(cd)
        if cd.hasErrors { return 1 }
        let (variables, vd) = consoleVariables(config, flags, ctx)
        terminal.diagnostics(vd)
        if vd.hasErrors { return 1 }
        let state: State
        let registry: ProviderRegistry
        let workspaceName: String
        do {
            workspaceName = try ctx.workspace(flags)
            registry = try ctx.registry()
            let path = flags.value("state").map(ctx.path) ?? ctx.statePath(workspace: workspaceName, config: config)
            state = try StateStore(path: path).load() ?? State()
        } catch {
            terminal.diagnostics(Diagnostics([.error("Failed to load state", "\(error)")]))
            return 1
        }
        let inputs = EngineInputs(config: config, rootDir: ctx.workingDir, workspace: workspaceName, variables: variables,
                                  registry: registry)
        let (scope, scopeDiags) = await ConsoleScope.build(inputs: inputs, state: state)
        var sd = scopeDiags
        if sd.hasErrors {
            sd += .warning("Due to the problems above, some expressions may produce unexpected results.", "")
        }
        terminal.diagnostics(sd)
        let session = ConsoleSession(scope: { expr in scope.context(for: expr) })
        return terminal.isInteractive ? interactive(session, terminal) : piped(session, terminal)
    }

    /// Root variables for the console: those not set anywhere are left out here and become
    /// unknown in the scope, as Terraform's console allows unset variables.
    func consoleVariables(_ config: Config, _ flags: Flags, _ ctx: CommandContext) -> ([String: Value], Diagnostics) {
        let (args, d1) = ctx.variableArguments(flags)
        var diags = d1
        let iv = InputVariables(module: config.module, workingDir: ctx.workingDir, environment: ctx.environment,
                                sources: ctx.terminal.sources)
        let (collected, d2) = iv.collect(args)
        diags += d2
        if diags.hasErrors { return ([:], diags) }
        let (values, d3) = iv.finalize(collected, functions: Builtins.table(baseDir: ctx.workingDir))
        diags += Diagnostics(d3.items.filter { $0.summary != "No value for required variable" })
        return (values, diags)
    }

    func show(_ outcome: ConsoleSession.Outcome, _ terminal: Terminal) -> Bool {
        switch outcome {
        case .output(let text):
            terminal.print(text)
        case .nothing, .exit:
            break
        case .failure(let diags):
            // Each diagnostic, then a blank line, on standard error (Terraform's `Ui.Error`).
            let r = DiagnosticRenderer(color: terminal.color, sources: terminal.sources)
            for d in diags { terminal.printError(r.render(d)) }
            return false
        }
        return true
    }

    func piped(_ session: ConsoleSession, _ terminal: Terminal) -> Int32 {
        var failed = false
        while let line = terminal.readLine() {
            let outcome = session.handle(line)
            if outcome == .exit { break }
            if !show(outcome, terminal) { failed = true }
        }
        return failed ? 1 : 0
    }

    func interactive(_ session: ConsoleSession, _ terminal: Terminal) -> Int32 {
        while true {
            terminal.write("> ")
            guard let line = terminal.readLine() else {
                terminal.print()
                return 0
            }
            let outcome = session.handle(line)
            if outcome == .exit { return 0 }
            _ = show(outcome, terminal)
        }
    }
}
