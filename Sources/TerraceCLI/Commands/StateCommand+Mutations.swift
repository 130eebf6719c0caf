import Foundation
import TerraceBasics
import TerraceConfig
import TerraceEngine
import TerraceGraph
import TerraceState

/// `state mv`, `state rm`, `state pull` and `state push`: changes to state made under the
/// state lock, written atomically with a backup.
extension StateCommand {
    static let mutationFlags: [String: Flags.Kind] = [
        "state": .value, "env": .value, "lock": .bool, "lock-timeout": .value, "dry-run": .bool,
        "backup": .value, "state-out": .value, "force": .bool, "ignore-remote-version": .bool, "no-color": .bool,
    ]

    /// Locks the workspace's state and runs `body` on it; saves the result if it returns true.
    static func mutate(_ flags: Flags, _ ctx: CommandContext, operation: String,
                       _ body: (inout State) -> (Bool, Int32)) -> Int32 {
        let path: String
        if let p = flags.value("state") {
            path = ctx.path(p)
        } else {
            let workspace = (try? ctx.workspace(flags)) ?? ctx.currentWorkspace
            let (config, _) = ctx.loadConfig()
            path = ctx.statePath(workspace: workspace, config: config)
        }
        let ws = Workspace(statePath: path)
        if flags.bool("lock", default: true) {
            do {
                _ = try ws.lock.acquire(operation: operation, timeout: flags.value("lock-timeout").flatMap(Operation.parseDuration) ?? 0)
            } catch {
                ctx.terminal.diagnostics(Diagnostics([Operation.lockDiagnostic(error)]))
                return 1
            }
        }
        defer { ws.lock.release() }
        if FileSystem.exists(ws.store.journalPath) {
            ctx.terminal.diagnostics(Diagnostics([.error("Interrupted apply not yet reconciled",
                "A previous apply stopped before it finished (\(ws.store.journalPath) exists). Run \"terrace plan\" or \"terrace apply\" first so its changes are recorded, then retry.")]))
            return 1
        }
        var state: State
        do {
            state = try ws.store.load() ?? State()
        } catch {
            ctx.terminal.diagnostics(Diagnostics([.error(error.summary, error.detail)]))
            return 1
        }
        let (save, status) = body(&state)
        if save && !flags.bool("dry-run") {
            do { try ws.store.write(&state) } catch {
                ctx.terminal.diagnostics(Diagnostics([.error("Failed to write state", "\(error)")]))
                return 1
            }
        }
        return status
    }

    /// The instances an address selects: one instance, every instance of a resource, or
    /// everything inside a module instance.
    static func select(_ text: String, in state: State) throws(AddressParser.Failure) -> [AbsResourceInstance] {
        if text.hasPrefix("module."), let module = try? AddressParser.parseModule(text) {
            return state.instanceAddresses.filter { Array($0.module.steps.prefix(module.steps.count)) == module.steps }
        }
        let (res, key) = try AddressParser.parseInstance(text)
        return state.instanceAddresses.filter { $0.resource == res && (key == nil || $0.key == key) }
    }

    func mv(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Self.mutationFlags, args, ctx) else { return 1 }
        guard flags.positional.count == 2 else {
            ctx.terminal.printError("Exactly two arguments expected: the source and destination addresses.")
            return 1
        }
        let (src, dst) = (flags.positional[0], flags.positional[1])
        return Self.mutate(flags, ctx, operation: "OperationTypeInvalid") { state in
            let moves: [(AbsResourceInstance, AbsResourceInstance)]
            do {
                moves = try Self.plannedMoves(src, dst, state)
            } catch {
                ctx.terminal.diagnostics(Diagnostics([.error("Invalid address", "\(error)")]))
                return (false, 1)
            }
            guard !moves.isEmpty else {
                ctx.terminal.diagnostics(Diagnostics([.error("Invalid source address",
                    "Cannot move \(src): does not match anything in the current state.")]))
                return (false, 1)
            }
            for (_, to) in moves where state.instance(to) != nil {
                ctx.terminal.diagnostics(Diagnostics([.error("Invalid target address",
                    "Cannot move to \(to): there is already a resource instance at that address in the current state.")]))
                return (false, 1)
            }
            for (from, to) in moves {
                guard let obj = state.instance(from), let rs = state.resources[from.resource] else { continue }
                state.setInstance(from, nil, provider: rs.provider, eachMode: rs.eachMode)
                let mode: EachMode
                switch to.key {
                case .none: mode = .none
                case .int: mode = .list
                case .string: mode = .map
                }
                state.setInstance(to, obj, provider: rs.provider, eachMode: mode)
                ctx.terminal.print("Move \"\(from)\" to \"\(to)\"")
            }
            ctx.terminal.print(flags.bool("dry-run") ? "Would have moved \(moves.count) object(s)." : "Successfully moved \(moves.count) object(s).")
            return (true, 0)
        }
    }

    /// Pairs each instance the source selects with its new address.
    static func plannedMoves(_ src: String, _ dst: String, _ state: State) throws(AddressParser.Failure) -> [(AbsResourceInstance, AbsResourceInstance)] {
        if src.hasPrefix("module."), !src.contains(where: { _ in false }), let from = try? AddressParser.parseModule(src),
           (try? AddressParser.parseInstance(src)) == nil {
            let to = try AddressParser.parseModule(dst)
            return state.instanceAddresses.filter { Array($0.module.steps.prefix(from.steps.count)) == from.steps }.map { a in
                let rest = Array(a.module.steps.dropFirst(from.steps.count))
                return (a, AbsResourceInstance(AbsResource(ModuleInstance(to.steps + rest), a.resource.resource), a.key))
            }
        }
        let (sres, skey) = try AddressParser.parseInstance(src)
        let (dres, dkey) = try AddressParser.parseInstance(dst)
        guard sres.resource.mode == dres.resource.mode, sres.resource.type == dres.resource.type else {
            throw AddressParser.Failure(message: "Cannot move \(src) to \(dst): the resource types differ.")
        }
        if let skey {
            return state.instance(sres.instance(skey)) == nil ? [] : [(sres.instance(skey), dres.instance(dkey ?? .none))]
        }
        let instances = state.instanceAddresses.filter { $0.resource == sres }
        if instances.count == 1, instances[0].key == .none || dkey != nil {
            return [(instances[0], dres.instance(dkey ?? .none))]
        }
        return instances.map { ($0, dres.instance($0.key)) }
    }

    func rm(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Self.mutationFlags, args, ctx) else { return 1 }
        guard !flags.positional.isEmpty else {
            ctx.terminal.printError("At least one address is required.")
            return 1
        }
        return Self.mutate(flags, ctx, operation: "OperationTypeInvalid") { state in
            var removed: [AbsResourceInstance] = []
            for a in flags.positional {
                do {
                    let selected = try Self.select(a, in: state)
                    guard !selected.isEmpty else {
                        ctx.terminal.diagnostics(Diagnostics([.error("Invalid target address", "No matching objects found. To view the available instances, use \"terrace state list\". Please modify the address to reference a specific instance.")]))
                        return (false, 1)
                    }
                    removed += selected
                } catch {
                    ctx.terminal.diagnostics(Diagnostics([.error("Invalid target address", "\(error)")]))
                    return (false, 1)
                }
            }
            for a in removed {
                guard let rs = state.resources[a.resource] else { continue }
                state.setInstance(a, nil, provider: rs.provider, eachMode: rs.eachMode)
                ctx.terminal.print("\(flags.bool("dry-run") ? "Would remove" : "Removed") \(a)")
            }
            ctx.terminal.print(flags.bool("dry-run") ? "Would have removed \(removed.count) resource instance(s)." : "Successfully removed \(removed.count) resource instance(s).")
            return (true, 0)
        }
    }

    func pull(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(["env": .value, "state": .value, "no-color": .bool], args, ctx) else { return 1 }
        guard let state = Self.readState(flags, ctx) else { return 1 }
        if state.serial == 0 && state.isEmpty { return 0 }
        ctx.terminal.write(String(decoding: StateFile.bytes(state), as: UTF8.self))
        return 0
    }

    func push(_ args: [String], _ ctx: CommandContext) async -> Int32 {
        guard let flags = parse(Self.mutationFlags, args, ctx) else { return 1 }
        guard flags.positional.count == 1 else {
            ctx.terminal.printError("Exactly one argument expected: the path of the state file to push (or - for standard input).")
            return 1
        }
        let source = flags.positional[0]
        let bytes: [UInt8]
        if source == "-" {
            bytes = FileSystem.readAll(fd: 0)
        } else {
            guard let b = try? FileSystem.read(ctx.path(source)) else {
                ctx.terminal.diagnostics(Diagnostics([.error("Failed to read state", "The file \(source) could not be read.")]))
                return 1
            }
            bytes = b
        }
        let pushed: State
        do { pushed = try StateFile.decode(bytes, path: source) } catch {
            ctx.terminal.diagnostics(Diagnostics([.error(error.summary, error.detail)]))
            return 1
        }
        let path: String
        if let p = flags.value("state") { path = ctx.path(p) } else {
            let (config, _) = ctx.loadConfig()
            path = ctx.statePath(workspace: (try? ctx.workspace(flags)) ?? ctx.currentWorkspace, config: config)
        }
        let ws = Workspace(statePath: path)
        do { _ = try ws.lock.acquire(operation: "OperationTypeInvalid") } catch {
            ctx.terminal.diagnostics(Diagnostics([Operation.lockDiagnostic(error)]))
            return 1
        }
        defer { ws.lock.release() }
        let current: State?
        do { current = try ws.store.load() } catch {
            ctx.terminal.diagnostics(Diagnostics([.error(error.summary, error.detail)]))
            return 1
        }
        if let current, !flags.bool("force"), !current.isEmpty || current.serial > 0 {
            if current.lineage != pushed.lineage {
                ctx.terminal.diagnostics(Diagnostics([.error("Failed to write state",
                    "cannot import state with lineage \"\(pushed.lineage)\" over unrelated state with lineage \"\(current.lineage)\"")]))
                return 1
            }
            if pushed.serial < current.serial {
                ctx.terminal.diagnostics(Diagnostics([.error("Failed to write state",
                    "cannot import state with serial \(pushed.serial) over newer state with serial \(current.serial)")]))
                return 1
            }
        }
        do { try ws.store.replace(with: pushed) } catch {
            ctx.terminal.diagnostics(Diagnostics([.error("Failed to write state", "\(error)")]))
            return 1
        }
        return 0
    }
}
