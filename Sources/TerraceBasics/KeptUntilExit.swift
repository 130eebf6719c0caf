import Foundation

/// Large values a command is done with, kept until the process exits instead of freed.
///
/// A `terrace` command ends with `exit`, and the operating system takes back all its memory
/// at once; freeing a configuration, state or plan of 100,000 resources object by object
/// first takes a noticeable part of the run (about 7 % of a plan at that size) and changes
/// nothing. Only the `terrace` executable turns this on, so tests and other long-lived hosts
/// of the library free everything as usual.
public enum KeptUntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var on = false
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Called once by an executable that ends with `exit`.
    public static func enable() { lock.withLock { on = true } }

    /// Keeps `value` (a copy of a value type shares its storage) until the process exits,
    /// when enabled; otherwise does nothing.
    public static func keep(_ value: Any) {
        lock.withLock {
            if on { kept.append(value) }
        }
    }
}
