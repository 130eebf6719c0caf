import Foundation
import TerraceEngine
import TerraceGraph

/// Prints Terraform's progress lines while refreshing and applying, including
/// "Still creating... [10s elapsed]" every ten seconds for slow operations.
///
/// One ticker task watches every operation in flight, waking once a second (`tick`) while any
/// runs. (A sleeping task per operation, cancelled when it finished, made 100,000–170,000
/// involuntary context switches in an apply of 100,000 instances; one ticker makes a few
/// hundred.)
final class ApplyView: EngineObserver, @unchecked Sendable {
    let terminal: Terminal
    let showRefresh: Bool
    /// How often a line is printed for an operation still running, and how often to look.
    let every: Double, tick: Double
    private let lock = NSLock()
    private var running: [AbsResourceInstance: Operation] = [:]
    private var ticking = false

    private struct Operation {
        let started: ContinuousClock.Instant
        let progress: String
        var printed = 0
    }

    init(terminal: Terminal, showRefresh: Bool = true, every: Double = 10, tick: Double = 1) {
        self.terminal = terminal
        self.showRefresh = showRefresh
        self.every = every
        self.tick = tick
    }

    static func verbs(_ a: ChangeAction) -> (String, String, String) {
        switch a {
        case .delete: return ("Destroying...", "Destruction complete", "destroying")
        case .update: return ("Modifying...", "Modifications complete", "modifying")
        case .read: return ("Reading...", "Read complete", "reading")
        default: return ("Creating...", "Creation complete", "creating")
        }
    }

    func refreshing(_ addr: AbsResourceInstance, id: String?) {
        guard showRefresh else { return }
        terminal.print(terminal.bold("\(addr): Refreshing state...") + (id.map { " [id=\($0)]" } ?? ""))
    }

    func applyStarting(_ addr: AbsResourceInstance, action: ChangeAction, id: String?) {
        let (start, _, progress) = Self.verbs(action)
        terminal.print(terminal.bold("\(addr): \(start)") + (id.map { " [id=\($0)]" } ?? ""))
        let startTicker = lock.withLock {
            running[addr] = Operation(started: .now, progress: progress)
            defer { ticking = true }
            return !ticking
        }
        if startTicker { Task { await self.tickWhileRunning() } }
    }

    /// Wakes every `tick` while operations run; returns when none is left.
    private func tickWhileRunning() async {
        repeat {
            try? await Task.sleep(nanoseconds: UInt64(tick * 1_000_000_000))
        } while printDue(at: .now)
    }

    /// Prints a "Still ..." line for each operation that has run another `every` seconds by
    /// `now`, in address order; returns whether any operation is still running.
    func printDue(at now: ContinuousClock.Instant) -> Bool {
        var due: [(AbsResourceInstance, String, Int)] = []
        let more = lock.withLock {
            for (addr, op) in running {
                let elapsed = (now - op.started).components
                let periods = Int((Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18) / every)
                if periods > op.printed {
                    running[addr]?.printed = periods
                    due.append((addr, op.progress, periods))
                }
            }
            if running.isEmpty { ticking = false }
            return !running.isEmpty
        }
        for (addr, progress, periods) in due.sorted(by: { $0.0 < $1.0 }) {
            let seconds = Int((Double(periods) * every).rounded())
            terminal.print(terminal.bold("\(addr): Still \(progress)... [\(seconds)s elapsed]"))
        }
        return more
    }

    func stopTicker(_ addr: AbsResourceInstance) {
        _ = lock.withLock { running.removeValue(forKey: addr) }
    }

    func applyComplete(_ addr: AbsResourceInstance, action: ChangeAction, id: String?, elapsed: TimeInterval) {
        stopTicker(addr)
        let (_, done, _) = Self.verbs(action)
        let idPart = action == .delete ? "" : (id.map { " [id=\($0)]" } ?? "")
        terminal.print(terminal.bold("\(addr): \(done) after \(Int(elapsed))s") + idPart)
    }

    func applyErrored(_ addr: AbsResourceInstance, action: ChangeAction, elapsed: TimeInterval) {
        stopTicker(addr)
    }
}
