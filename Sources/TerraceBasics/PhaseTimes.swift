import Foundation

/// Wall-clock and CPU time of the phases of one command, printed to standard error at exit
/// when `TERRACE_TIMINGS` is set: where a slow plan or apply spends its time, without a
/// profiler (docs/benchmarks.md). Off, a measured phase costs one flag check.
public enum PhaseTimes {
    public struct Entry: Sendable {
        public var name: String
        public var seconds: Double
        public var cpuSeconds: Double
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var on = false
    nonisolated(unsafe) private static var entries: [Entry] = []

    /// Turns measuring on when the environment asks for it; returns whether it did.
    @discardableResult
    public static func enable(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let v = environment["TERRACE_TIMINGS"], !v.isEmpty, v != "0" else { return false }
        lock.withLock { on = true }
        return true
    }

    public static var isEnabled: Bool { lock.withLock { on } }

    /// The phases measured so far, in the order they ended.
    public static var measured: [Entry] { lock.withLock { entries } }

    public static func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard isEnabled else { return try body() }
        let start = now()
        defer { record(name, since: start) }
        return try body()
    }

    public static func measure<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        guard isEnabled else { return try await body() }
        let start = now()
        defer { record(name, since: start) }
        return try await body()
    }

    /// One line per phase: `terrace: phase plan 0.812 s (CPU 1.204 s)`.
    public static func report() -> String {
        measured.map { String(format: "terrace: phase %@ %.3f s (CPU %.3f s)\n", $0.name, $0.seconds, $0.cpuSeconds) }.joined()
    }

    private static func now() -> (wall: Double, cpu: Double) {
        (clock(CLOCK_MONOTONIC), clock(CLOCK_PROCESS_CPUTIME_ID))
    }

    private static func clock(_ id: clockid_t) -> Double {
        var ts = timespec()
        clock_gettime(id, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func record(_ name: String, since start: (wall: Double, cpu: Double)) {
        let end = now()
        let e = Entry(name: name, seconds: end.wall - start.wall, cpuSeconds: end.cpu - start.cpu)
        lock.withLock { entries.append(e) }
    }
}
