import Foundation
import TerraceEngine
import TerraceGraph

/// Prints Terraform's progress lines while refreshing and applying, including
/// "Still creating... [10s elapsed]" every ten seconds for slow operations.
final class ApplyView: EngineObserver, @unchecked Sendable {
    let terminal: Terminal
    let showRefresh: Bool
    private let lock = NSLock()
    private var tickers: [AbsResourceInstance: Task<Void, Never>] = [:]

    init(terminal: Terminal, showRefresh: Bool = true) {
        self.terminal = terminal
        self.showRefresh = showRefresh
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
        let t = terminal
        let ticker = Task {
            var elapsed = 0
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 10_000_000_000)
                if Task.isCancelled { break }
                elapsed += 10
                t.print(t.bold("\(addr): Still \(progress)... [\(elapsed)s elapsed]"))
            }
        }
        lock.withLock { tickers[addr] = ticker }
    }

    func stopTicker(_ addr: AbsResourceInstance) {
        lock.withLock { tickers.removeValue(forKey: addr) }?.cancel()
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
