import Foundation

/// Set when the user interrupts a run (SIGINT/SIGTERM). The apply walk checks it before
/// starting each operation: operations in flight finish and are recorded, nothing new starts,
/// and the state is saved before the process exits.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public static let shared = Cancellation()

    public var isCancelled: Bool { lock.withLock { cancelled } }
    public func cancel() { lock.withLock { cancelled = true } }
}
