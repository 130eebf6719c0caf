import Foundation
import TerraceBasics
import TerraceConfig
import TerraceGraph
import TerraceLang
import TerraceProviders
import TerraceState

/// One workspace's state on disk and the operations on it: load (reconciling an interrupted
/// apply first), plan, apply with the journal, and save.
public final class Workspace: @unchecked Sendable {
    public let statePath: String
    public let store: StateStore
    public let lock: StateLock

    public init(statePath: String) {
        self.statePath = statePath
        store = StateStore(path: statePath)
        lock = StateLock(statePath: statePath)
    }

    /// The saved state (a new empty one if there is none), with any interrupted apply reconciled
    /// and the result saved before anything else happens.
    public func loadState(inputs: EngineInputs?) async throws -> (State, Diagnostics) {
        var state = try store.load() ?? State()
        var diags = Diagnostics()
        if FileSystem.exists(store.journalPath), let inputs {
            let (found, d) = await Recovery.recover(journalPath: store.journalPath, state: &state, inputs: inputs)
            diags += d
            if found && !d.hasErrors {
                try store.write(&state)
                FileSystem.remove(store.journalPath)
                diags += .warning("Recovered from an interrupted apply",
                                  "The previous run stopped before it finished. Its completed changes have been recorded in the state, and its unfinished operations were checked against the providers.")
            }
        }
        return (state, diags)
    }

    /// - Parameter last: nothing else runs after this plan but its rendering, so the planner's
    ///   tables of every instance can be left for the exit to free all at once (`KeptUntilExit`);
    ///   before an apply they are freed, for the apply to reuse the memory.
    public func plan(inputs: EngineInputs, state: State, options: PlanOptions, observer: any EngineObserver, last: Bool = false) async -> Plan {
        let planner = Planner(inputs: inputs, state: state, options: options, observer: observer)
        if last { KeptUntilExit.keep(planner) }
        return await planner.plan()
    }

    /// Saves the state a plan refreshed, for an apply that has nothing to change: as Terraform's
    /// does, it records what the refresh found (a certificate now issued, rules another resource
    /// added), so the next plan does not report those as changed outside again. Unchanged
    /// content leaves the file and its serial alone.
    public func saveRefreshed(_ plan: Plan) throws -> State {
        var refreshed = plan.priorState
        refreshed.serial = max(refreshed.serial, store.persisted?.serial ?? 0)
        try store.write(&refreshed)
        return refreshed
    }

    /// Applies a plan and saves the resulting state; the journal makes every change durable as
    /// it happens and is removed once the state file holds them all.
    public func apply(_ plan: Plan, inputs: EngineInputs, observer: any EngineObserver) async throws -> ApplyResult {
        var base = plan.priorState
        base.serial = max(base.serial, store.persisted?.serial ?? 0)
        // The refreshed state is the starting point; save it so the journal's base is on disk.
        try PhaseTimes.measure("write base state") { try store.write(&base) }
        let journal = try StateJournal(path: store.journalPath, lineage: base.lineage, serial: base.serial)
        var p = plan
        p.priorState = base
        let applier = Applier(inputs: inputs, plan: p, journal: journal, observer: observer)
        KeptUntilExit.keep(applier)
        var result = await PhaseTimes.measure("apply") { await applier.apply() }
        result.state.serial = base.serial
        try PhaseTimes.measure("write state") { try store.write(&result.state) }
        journal.finish()
        return result
    }
}
