import TerraceBasics
import TerraceConfig
import TerraceEngine

/// `terrace validate [-json] [-no-color] [DIR]`: every static problem in the configuration in
/// one run, without variables, state or the cloud.
struct ValidateCommand: Command {
    let name = "validate"
    let synopsis = "Check whether the configuration is valid"
    let primary = true
    let help = """
    Usage: terrace [global options] validate [options]

      Validate the configuration files in a directory, referring only to the
      configuration and not accessing any remote services such as remote state,
      provider APIs, etc.

      Validate runs checks that verify whether a configuration is syntactically
      valid and internally consistent, regardless of any provided variables or
      existing state. It is thus primarily useful for general verification of
      reusable modules, including correctness of attribute names and value types.

      Every problem found is reported, not only the first. Local modules are read
      directly, so "terrace init" is not needed first.

      To verify configuration in the context of a particular run (a particular
      target workspace, input variable values, etc), use the 'terrace plan'
      command instead, which includes an implied validation check.

    Options:

      -json        Produce output in a machine-readable JSON format, suitable for
                   use in text editor integrations and other automated systems.
                   Always disables color.

      -no-color    If specified, output won't contain any color.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["json": .bool, "no-color": .bool], args, ctx) else { return 1 }
        if flags.bool("no-color") || flags.bool("json") { ctx.terminal.color = false }
        guard flags.positional.count <= 1 else {
            ctx.terminal.printError("The validate command expects at most one argument.")
            ctx.terminal.printError(help)
            return 1
        }
        let dir = flags.positional.first.map(ctx.path) ?? ctx.workingDir
        let diags = Self.validate(dir: dir, ctx)
        if flags.bool("json") {
            ctx.terminal.print(ValidateView.json(diags, sources: ctx.terminal.sources))
        } else {
            ValidateView.human(diags, terminal: ctx.terminal)
        }
        return diags.hasErrors ? 1 : 0
    }

    /// Loading problems and the validator's, together in source order.
    static func validate(dir: String, _ ctx: CommandContext) -> Diagnostics {
        let (config, loadDiags) = ModuleLoader(sources: ctx.terminal.sources, displayBase: ctx.workingDir).load(dir)
        var diags = loadDiags
        do {
            diags += Validator(config: config, registry: try ctx.registry(), sources: ctx.terminal.sources).validate()
        } catch {
            diags += .error("Failed to load providers", "\(error)")
        }
        return Validator.sorted(diags)
    }
}

/// What `validate` prints.
enum ValidateView {
    /// Terraform's `validate -json` document (format version 0.1, as Terraform 1.0 writes it).
    static func json(_ diags: Diagnostics, sources: SourceFiles) -> String {
        let doc: JSON = .object([
            ("format_version", .string("0.1")),
            ("valid", .bool(!diags.hasErrors)),
            ("error_count", .number(String(diags.errors.count))),
            ("warning_count", .number(String(diags.warnings.count))),
            ("diagnostics", .array(diags.items.map { DiagnosticJSON.render($0, sources: sources) })),
        ])
        return JSONWriter.pretty(doc)
    }

    static func human(_ diags: Diagnostics, terminal: Terminal) {
        terminal.diagnostics(diags)
        if diags.hasErrors { return }
        let message = diags.isEmpty
            ? "The configuration is valid."
            : "The configuration is valid, but there were some validation warnings as shown above."
        terminal.print(terminal.bold(terminal.green("Success!")) + " " + message)
        terminal.print("")
    }
}
