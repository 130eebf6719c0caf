import TerraceBasics
import TerraceEngine
import TerraceState

/// `terrace force-unlock [-force] LOCK_ID`: removes a lock whose holder is stuck.
struct ForceUnlockCommand: Command {
    let name = "force-unlock"
    let synopsis = "Release a stuck lock on the current workspace"
    let help = """
    Usage: terrace [global options] force-unlock [options] LOCK_ID

      Manually unlock the state for the defined configuration.

      This will not modify your infrastructure. This command removes the lock on the
      state for the current workspace. The behavior of this lock is dependent
      on the backend being used. A lock left by a process that has died never blocks
      Terrace, so this is only needed for a holder that is alive but stuck.

    Options:

      -force                 Don't ask for input for unlock confirmation.
      -env=NAME              Unlock the state of workspace NAME.
    """

    func run(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["force": .bool, "env": .value], args, ctx) else { return 1 }
        guard flags.positional.count == 1 else {
            ctx.terminal.printError("Expected a single argument: LOCK_ID")
            return 1
        }
        let (config, _) = ctx.loadConfig()
        let workspace = (try? ctx.workspace(flags)) ?? ctx.currentWorkspace
        let lock = StateLock(statePath: ctx.statePath(workspace: workspace, config: config))
        if !flags.bool("force") {
            ctx.terminal.print(ctx.terminal.bold("Do you really want to force-unlock?"))
            ctx.terminal.print("  Terrace will remove the lock on the state.")
            ctx.terminal.print("  This will allow local Terrace commands to modify this state, even though it")
            ctx.terminal.print("  may still be in use. Only 'yes' will be accepted to confirm.")
            ctx.terminal.print("")
            ctx.terminal.write(ctx.terminal.bold("  Enter a value: "))
            guard ctx.terminal.readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                ctx.terminal.print("force-unlock cancelled.")
                return 1
            }
        }
        do {
            try lock.forceUnlock(id: flags.positional[0])
        } catch {
            if case .io(let m) = error {
                ctx.terminal.diagnostics(Diagnostics([.error("Failed to unlock state", m)]))
            }
            return 1
        }
        ctx.terminal.print(ctx.terminal.bold(ctx.terminal.green("Terrace state has been successfully unlocked!")))
        ctx.terminal.print("")
        ctx.terminal.print("The state has been unlocked, and Terrace commands should now be able to")
        ctx.terminal.print("obtain a new lock on the state.")
        return 0
    }
}

import Foundation
