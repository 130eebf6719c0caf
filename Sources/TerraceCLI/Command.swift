/// A subcommand: its name, one-line synopsis for the command list, full help, and what it does.
protocol Command: Sendable {
    var name: String { get }
    var synopsis: String { get }
    var help: String { get }
    /// Whether the command is listed among the main commands in `terrace -help`.
    var primary: Bool { get }
    func run(_ args: [String], _ ctx: CommandContext) async -> Int32
}

extension Command {
    var primary: Bool { false }

    /// Parses flags, printing Terraform's usage error when they are wrong.
    func parse(_ spec: [String: Flags.Kind], _ args: [String], _ ctx: CommandContext) -> Flags? {
        do {
            return try Flags(spec, args)
        } catch {
            ctx.terminal.printError(error.message)
            ctx.terminal.printError(help)
            return nil
        }
    }
}
