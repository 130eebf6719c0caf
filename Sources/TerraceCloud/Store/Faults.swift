import Foundation

/// Fault injection for the simulated cloud, from `TERRACE_SIM_FAULTS`
/// (`throttle=0.2,error=0.05,latency=20ms,seed=7`): calls fail with throttling or transient
/// server errors, or are slowed, reproducibly from the seed.
public final class Faults: @unchecked Sendable {
    public var throttle: Double = 0
    public var error: Double = 0
    public var latency: Double = 0
    private var rng: SplitMix64
    private let lock = NSLock()

    public init(throttle: Double = 0, error: Double = 0, latency: Double = 0, seed: UInt64 = 1) {
        self.throttle = throttle
        self.error = error
        self.latency = latency
        rng = SplitMix64(seed: seed)
    }

    /// Parses the specification; nil (no faults) when it is empty.
    public static func parse(_ spec: String?) -> Faults? {
        guard let spec, !spec.isEmpty else { return nil }
        let f = Faults()
        for part in spec.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "throttle": f.throttle = Double(kv[1]) ?? 0
            case "error": f.error = Double(kv[1]) ?? 0
            case "latency": f.latency = parseDuration(kv[1]) ?? 0
            case "seed": f.rng = SplitMix64(seed: UInt64(kv[1]) ?? 1)
            default: continue
            }
        }
        return f
    }

    /// "20ms", "1s", "0.5s" or plain seconds.
    public static func parseDuration(_ s: String) -> Double? {
        if s.hasSuffix("ms") { return Double(s.dropLast(2)).map { $0 / 1000 } }
        if s.hasSuffix("s") { return Double(s.dropLast()) }
        return Double(s)
    }

    func next() -> Double {
        lock.lock(); defer { lock.unlock() }
        return Double(rng.next() >> 11) / Double(1 << 53)
    }

    /// Sleeps for the configured latency, then maybe fails the call.
    public func before(_ operation: String) async throws {
        if latency > 0 { try? await Task.sleep(nanoseconds: UInt64(latency * 1_000_000_000)) }
        let r = next()
        if r < throttle {
            throw CloudError("ThrottlingException", "Rate exceeded", retryable: true, statusCode: 400)
        }
        if r < throttle + error {
            throw CloudError("InternalError", "We encountered an internal error. Please try again.", retryable: true, statusCode: 500)
        }
    }
}

/// A small, fast, seedable generator (SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
