import Foundation
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceState

/// `terrace workspace new|select|list|show|delete`: named states of one configuration, the
/// default one in `terrace.tfstate` and the others in `terrace.tfstate.d/NAME/terrace.tfstate`;
/// the selection is kept in `.terrace/environment` (overridden by `TF_WORKSPACE`).
struct WorkspaceCommand: Command {
    let name = "workspace"
    let synopsis = "Workspace management"
    let help = """
    Usage: terrace [global options] workspace

      new, list, show, select and delete Terrace workspaces.

    Subcommands:
        delete    Delete a workspace
        list      List Workspaces
        new       Create a new workspace
        select    Select a workspace
        show      Show the name of the current workspace
    """

    static let newHelp = """
    Usage: terrace [global options] workspace new [OPTIONS] NAME

      Create a new Terrace workspace.

    Options:

        -lock=false         Don't hold a state lock during the operation. This is
                            dangerous if others might concurrently run commands
                            against the same workspace.

        -lock-timeout=0s    Duration to retry a state lock.

        -state=path         Copy an existing state file into the new workspace.
    """

    static let selectHelp = """
    Usage: terrace [global options] workspace select NAME

      Select a different Terrace workspace.
    """

    static let listHelp = """
    Usage: terrace [global options] workspace list

      List Terrace workspaces.
    """

    static let showHelp = """
    Usage: terrace [global options] workspace show

      Show the name of the current workspace.
    """

    static let deleteHelp = """
    Usage: terrace [global options] workspace delete [OPTIONS] NAME

      Delete a Terrace workspace


    Options:

        -force             Remove even a non-empty workspace.

        -lock=false        Don't hold a state lock during the operation. This is
                           dangerous if others might concurrently run commands
                           against the same workspace.

        -lock-timeout=0s   Duration to retry a state lock.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let sub = args.first, !sub.hasPrefix("-") else {
            // As Terraform: without a subcommand, the help is the answer.
            ctx.terminal.print(help)
            return 0
        }
        let rest = Array(args.dropFirst())
        let subcommands: [String: (String, ([String], CommandContext) -> Int32)] = [
            "new": (Self.newHelp, new), "select": (Self.selectHelp, select), "list": (Self.listHelp, list),
            "show": (Self.showHelp, show), "delete": (Self.deleteHelp, delete),
        ]
        guard let (subHelp, action) = subcommands[sub] else {
            ctx.terminal.printError("Unknown workspace subcommand \"\(sub)\".\(Suggestions.didYouMean(sub, in: subcommands.keys))\n\n\(help)")
            return 1
        }
        if rest.contains(where: { ["-help", "--help", "-h"].contains($0) }) {
            ctx.terminal.print(subHelp)
            return 0
        }
        return action(rest, ctx)
    }

    /// The configuration, for the local backend's `path` and `workspace_dir`.
    func config(_ ctx: CommandContext) -> Config? { ctx.loadBackendOnly() }

    /// Parses a subcommand's flags and its single NAME argument.
    func nameArgument(_ spec: [String: Flags.Kind], _ args: [String], _ ctx: CommandContext, help: String) -> (Flags, String)? {
        let flags: Flags
        do { flags = try Flags(spec, args) } catch {
            ctx.terminal.printError(error.message)
            ctx.terminal.printError(help)
            return nil
        }
        guard flags.positional.count == 1 else {
            ctx.terminal.printError("Expected a single argument: NAME.\n")
            ctx.terminal.print(help)
            return nil
        }
        return (flags, flags.positional[0])
    }

    func new(_ args: [String], _ ctx: CommandContext) -> Int32 {
        let spec: [String: Flags.Kind] = ["lock": .bool, "lock-timeout": .value, "state": .value, "no-color": .bool]
        guard let (flags, name) = nameArgument(spec, args, ctx, help: Self.newHelp) else { return 1 }
        if flags.bool("no-color") { ctx.terminal.color = false }
        if ctx.workspaceOverridden && ctx.currentWorkspace != name {
            ctx.terminal.printError("""

            The workspace is currently overridden using the TF_WORKSPACE environment
            variable. You cannot create a new workspace when using this setting.

            To create a new workspace, either unset this environment variable or update it
            to match the workspace name you are trying to create, and then run this command
            again.
            """)
            return 1
        }
        guard CommandContext.isValidWorkspaceName(name) else {
            ctx.terminal.printError("\n" + CommandContext.invalidWorkspaceNameMessage(name) + "\n")
            return 1
        }
        let cfg = config(ctx)
        if ctx.workspaceExists(name, config: cfg) {
            ctx.terminal.printError("Workspace \"\(name)\" already exists")
            return 1
        }
        do {
            try ctx.createWorkspace(name, config: cfg)
            if let source = flags.value("state") {
                guard var state = try StateStore(path: ctx.path(source)).load() else {
                    ctx.terminal.printError("State file \"\(source)\" does not exist.")
                    return 1
                }
                try StateStore(path: ctx.statePath(workspace: name, config: cfg)).write(&state)
            }
            try ctx.selectWorkspace(name)
        } catch {
            ctx.terminal.printError("Failed to create workspace \"\(name)\": \(error)")
            return 1
        }
        ctx.terminal.print(ctx.terminal.bold(ctx.terminal.green("Created and switched to workspace \"\(name)\"!")))
        ctx.terminal.print("""

        You're now on a new, empty workspace. Workspaces isolate their state,
        so if you run "terrace plan" Terrace will not see any existing state
        for this configuration.
        """)
        return 0
    }

    func select(_ args: [String], _ ctx: CommandContext) -> Int32 {
        guard let (flags, name) = nameArgument(["no-color": .bool], args, ctx, help: Self.selectHelp) else { return 1 }
        if flags.bool("no-color") { ctx.terminal.color = false }
        if ctx.workspaceOverridden {
            ctx.terminal.printError("""

            The selected workspace is currently overridden using the TF_WORKSPACE
            environment variable.

            To select a new workspace, either update this environment variable or unset
            it and then run this command again.
            """)
            return 1
        }
        let cfg = config(ctx)
        guard ctx.workspaceExists(name, config: cfg) else {
            let near = Suggestions.nearest(name, in: ctx.workspaces(config: cfg)).map { " Did you mean \"\($0)\"?" } ?? ""
            ctx.terminal.printError("\nWorkspace \"\(name)\" doesn't exist.\(near)\n\nYou can create this workspace with the \"new\" subcommand.")
            return 1
        }
        do { try ctx.selectWorkspace(name) } catch {
            ctx.terminal.printError("Failed to select workspace \"\(name)\": \(error)")
            return 1
        }
        ctx.terminal.print(ctx.terminal.green("Switched to workspace \"\(name)\"."))
        return 0
    }

    func list(_ args: [String], _ ctx: CommandContext) -> Int32 {
        guard (try? Flags(["no-color": .bool], args))?.positional.isEmpty == true else {
            ctx.terminal.printError(Self.listHelp)
            return 1
        }
        let current = ctx.currentWorkspace
        var out = ""
        for w in ctx.workspaces(config: config(ctx)) {
            out += (w == current ? "* " : "  ") + w + "\n"
        }
        ctx.terminal.print(out)
        return 0
    }

    func show(_ args: [String], _ ctx: CommandContext) -> Int32 {
        guard (try? Flags(["no-color": .bool], args))?.positional.isEmpty == true else {
            ctx.terminal.printError(Self.showHelp)
            return 1
        }
        ctx.terminal.print(ctx.currentWorkspace)
        return 0
    }

    func delete(_ args: [String], _ ctx: CommandContext) -> Int32 {
        let spec: [String: Flags.Kind] = ["force": .bool, "lock": .bool, "lock-timeout": .value, "no-color": .bool]
        guard let (flags, name) = nameArgument(spec, args, ctx, help: Self.deleteHelp) else { return 1 }
        if flags.bool("no-color") { ctx.terminal.color = false }
        let cfg = config(ctx)
        guard ctx.workspaceExists(name, config: cfg) else {
            ctx.terminal.printError("Workspace \"\(name)\" doesn't exist.\n\nYou can create this workspace with the \"new\" subcommand.")
            return 1
        }
        if ctx.currentWorkspace == name {
            ctx.terminal.printError("""
            Workspace "\(name)" is your active workspace.

            You cannot delete the currently active workspace. Please switch
            to another workspace and try again.
            """)
            return 1
        }
        if name == "default" {
            ctx.terminal.printError("Can't delete the default workspace.")
            return 1
        }
        let statePath = ctx.statePath(workspace: name, config: cfg)
        let lock = StateLock(statePath: statePath)
        if flags.bool("lock", default: true) {
            let timeout = flags.value("lock-timeout").flatMap(Operation.parseDuration) ?? 0
            do { _ = try lock.acquire(operation: "OperationTypeInvalid", timeout: timeout) } catch {
                ctx.terminal.diagnostics(Diagnostics([Operation.lockDiagnostic(error)]))
                return 1
            }
        }
        let state: State?
        do {
            state = try StateStore(path: statePath).load()
        } catch {
            lock.release()
            ctx.terminal.diagnostics(Diagnostics([.error(error.summary, error.detail)]))
            return 1
        }
        let hasResources = !(state?.isEmpty ?? true)
        if hasResources && !flags.bool("force") {
            lock.release()
            ctx.terminal.printError("""
            Workspace "\(name)" is not empty.

            Deleting "\(name)" can result in dangling resources: resources that
            exist but are no longer manageable by Terrace. Please destroy
            these resources first.  If you want to delete this workspace
            anyway and risk dangling resources, use the '-force' flag.
            """)
            return 1
        }
        lock.release()
        do {
            try FileManager.default.removeItem(atPath: (ctx.workspaceDir(config: cfg) as NSString).appendingPathComponent(name))
        } catch {
            ctx.terminal.printError("Failed to delete workspace \"\(name)\": \(error.localizedDescription)")
            return 1
        }
        ctx.terminal.print(ctx.terminal.green("Deleted workspace \"\(name)\"!"))
        if hasResources {
            ctx.terminal.print("""
            WARNING: "\(name)" was non-empty.
            The resources managed by the deleted workspace may still exist,
            but are no longer manageable by Terrace since the state has
            been deleted.
            """)
        }
        return 0
    }
}
