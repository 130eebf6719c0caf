import Foundation
import TerraceBasics
import TerraceState

/// The `terrace` command line: global options, then a subcommand.
public enum CLI {
    static let commands: [any Command] = [
        PlanCommand(), ApplyCommand(), DestroyCommand(),
        GraphCommand(), ImportCommand(), OutputCommand(), RefreshCommand(), ShowCommand(), StateCommand(), VersionCommand(), ForceUnlockCommand(), ConsoleCommand(),
        ValidateCommand(),
        WorkspaceCommand(), InitCommand(),
        CostCommand(),
        CloudCommand(),
        FmtCommand(),
    ]

    static let mainOrder = ["init", "validate", "plan", "apply", "destroy"]

    static func usage() -> String {
        var s = """
        Usage: terrace [global options] <subcommand> [args]

        Terrace plans and applies Terraform configurations against an embedded
        simulated AWS cloud. The primary workflow commands are given first,
        followed by less common or more advanced commands.

        Main commands:

        """
        let width = commands.map(\.name.count).max()! + 2
        for name in mainOrder {
            let c = commands.first { $0.name == name }!
            s += "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + c.synopsis + "\n"
        }
        s += "\nAll other commands:\n"
        for c in commands.filter({ !$0.primary }).sorted(by: { $0.name < $1.name }) {
            s += "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + c.synopsis + "\n"
        }
        s += """

        Global options (use these before the subcommand, if any):
          -chdir=DIR    Switch to a different working directory before executing the
                        given subcommand.
          -help         Show this help output, or the help for a specified subcommand.
          -version      An alias for the "version" subcommand.
        """
        return s
    }

    /// Runs the command line and returns the exit status.
    public static func run(_ arguments: [String], terminal: Terminal = Terminal(),
                           environment: [String: String] = ProcessInfo.processInfo.environment) async -> Int32 {
        var args = arguments
        var workingDir = FileManager.default.currentDirectoryPath
        var wantHelp = false
        while let first = args.first, first.hasPrefix("-") {
            args.removeFirst()
            let flag = first.hasPrefix("--") ? String(first.dropFirst()) : first
            if flag.hasPrefix("-chdir=") {
                let dir = String(flag.dropFirst(7))
                let full = dir.hasPrefix("/") ? dir : (workingDir as NSString).appendingPathComponent(dir)
                guard FileSystem.isDirectory(full) else {
                    terminal.printError("Error handling -chdir option: chdir \(dir): no such file or directory")
                    return 1
                }
                workingDir = (full as NSString).standardizingPath
            } else if flag == "-help" || flag == "-h" {
                wantHelp = true
            } else if flag == "-version" || flag == "-v" {
                args.insert("version", at: 0)
            } else {
                terminal.printError("flag provided but not defined: \(first)\n\n" + usage())
                return 1
            }
        }
        guard let name = args.first else {
            (wantHelp ? terminal.print : terminal.printError)(usage())
            return wantHelp ? 0 : 1
        }
        args.removeFirst()
        guard let command = commands.first(where: { $0.name == name }) else {
            if name == "help" { terminal.print(usage()); return 0 }
            var msg = "Terrace has no command named \"\(name)\"."
            if let s = Suggestions.nearest(name, in: commands.map(\.name)) { msg += " Did you mean \"\(s)\"?" }
            terminal.printError(msg + "\n\nTo see all of Terrace's top-level commands, run:\n  terrace -help\n")
            return 1
        }
        if wantHelp || args.contains(where: { ["-help", "--help", "-h"].contains($0) }) && command.name != "state" {
            terminal.print(command.help)
            return 0
        }
        if ["apply", "destroy", "plan", "import", "refresh"].contains(command.name) { Interrupts.install(terminal: terminal) }
        let ctx = CommandContext(workingDir: workingDir, terminal: terminal, environment: environment)
        return await command.run(args, ctx)
    }
}
