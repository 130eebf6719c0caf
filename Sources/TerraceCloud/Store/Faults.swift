import Foundation
import TerraceBasics

/// Fault injection for the simulated cloud, from `TERRACE_SIM_FAULTS`
/// (`throttle=0.2,error=0.05,latency=20ms,seed=7`): calls fail with throttling or transient
/// server errors, or are slowed.
///
/// Reproducible from the seed: whether a call fails is a pure function of the seed, the call
/// (operation, resource type and how many such calls came before it) and the attempt number,
/// so the same run under the same seed meets the same faults, even though calls for different
/// resources run concurrently. Half of the server errors strike after the call took effect, as
/// a lost response does; the provider's retries must then be idempotent.
public final class Faults: @unchecked Sendable {
    /// Probability (0–1) that an attempt is throttled.
    public var throttle: Double = 0
    /// Probability (0–1) that an attempt fails with a transient server error.
    public var error: Double = 0
    /// Seconds every attempt is delayed by.
    public var latency: Double = 0
    public private(set) var seed: UInt64
    private var ordinals: [String: Int] = [:]
    private let lock = NSLock()

    public init(throttle: Double = 0, error: Double = 0, latency: Double = 0, seed: UInt64 = 1) {
        self.throttle = throttle
        self.error = error
        self.latency = latency
        self.seed = seed
    }

    /// What goes wrong with one attempt.
    public enum Fault: Sendable, Equatable {
        case throttled
        /// A server error before the call took effect.
        case serverError
        /// A server error after the call took effect (the response was lost).
        case serverErrorAfterEffect
    }

    /// A malformed `TERRACE_SIM_FAULTS`.
    public struct SpecError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses the specification; nil (no faults) when it is empty or malformed. Use `parseStrict`
    /// to learn what is wrong with a malformed one.
    public static func parse(_ spec: String?) -> Faults? {
        (try? parseStrict(spec)) ?? nil
    }

    static let settings = ["throttle", "error", "latency", "seed"]

    /// Parses the specification; nil (no faults) when it is empty.
    public static func parseStrict(_ spec: String?) throws(SpecError) -> Faults? {
        guard let spec, !spec.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let f = Faults()
        func fail(_ why: String) -> SpecError {
            SpecError(description: "Invalid TERRACE_SIM_FAULTS \"\(spec)\": \(why). Expected comma-separated settings such as throttle=0.2,error=0.05,latency=20ms,seed=7.")
        }
        for part in spec.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, !kv[1].isEmpty else { throw fail("\"\(part)\" is not a setting=value pair") }
            let (key, value) = (kv[0], kv[1])
            switch key {
            case "throttle", "error":
                guard let p = Double(value), p >= 0, p <= 1 else { throw fail("\(key) must be a probability between 0 and 1, not \"\(value)\"") }
                if key == "throttle" { f.throttle = p } else { f.error = p }
            case "latency":
                guard let d = parseDuration(value), d >= 0 else { throw fail("latency must be a duration such as 20ms or 1s, not \"\(value)\"") }
                f.latency = d
            case "seed":
                guard let s = UInt64(value) else { throw fail("seed must be a whole number, not \"\(value)\"") }
                f.seed = s
            default:
                throw fail("unknown setting \"\(key)\".\(Suggestions.didYouMean(key, in: settings))")
            }
        }
        guard f.throttle + f.error <= 1 else { throw fail("throttle and error together exceed 1") }
        return f
    }

    /// "20ms", "1s", "0.5s", "250us" or plain seconds.
    public static func parseDuration(_ s: String) -> Double? {
        if s.hasSuffix("ms") { return Double(s.dropLast(2)).map { $0 / 1000 } }
        if s.hasSuffix("us") { return Double(s.dropLast(2)).map { $0 / 1_000_000 } }
        if s.hasSuffix("s") { return Double(s.dropLast()) }
        return Double(s)
    }

    /// A stable name for the next call of `operation` ("create aws_subnet #3"): the n-th call of
    /// an operation on a type is the same call in every run, whatever else runs concurrently.
    public func nextCall(_ operation: String) -> String {
        lock.lock(); defer { lock.unlock() }
        let n = ordinals[operation, default: 0]
        ordinals[operation] = n + 1
        return "\(operation) #\(n)"
    }

    /// The fault for one attempt of a call, decided by the seed alone.
    public func fault(for call: String, attempt: Int) -> Fault? {
        var rng = SplitMix64(seed: seed ^ Self.fnv1a("\(call) attempt \(attempt)"))
        let r = Double(rng.next() >> 11) / Double(1 << 53)
        if r < throttle { return .throttled }
        if r < throttle + error { return rng.next() & 1 == 0 ? .serverError : .serverErrorAfterEffect }
        return nil
    }

    /// FNV-1a, a hash that is the same in every process (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    /// The error a fault produces, in the style of the service: EC2 throttles with
    /// `RequestLimitExceeded`, the other services with `ThrottlingException`.
    public static func error(for fault: Fault, service: String) -> CloudError {
        let ec2 = service.hasPrefix("EC2")
        switch fault {
        case .throttled:
            return ec2 ? CloudError("RequestLimitExceeded", "Request limit exceeded.", retryable: true, statusCode: 503)
                : CloudError("ThrottlingException", "Rate exceeded", retryable: true, statusCode: 400)
        case .serverError, .serverErrorAfterEffect:
            return ec2 ? CloudError("InternalError", "An internal error has occurred", retryable: true, statusCode: 500)
                : CloudError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", retryable: true, statusCode: 500)
        }
    }

    /// Sleeps for the configured latency, then maybe fails the call (before it takes effect).
    /// Kept for callers that run one attempt themselves; `AWSContext.retrying` uses `fault`.
    public func before(_ operation: String) async throws {
        if latency > 0 { try? await Task.sleep(nanoseconds: UInt64(latency * 1_000_000_000)) }
        switch fault(for: nextCall(operation), attempt: 0) {
        case .throttled: throw Self.error(for: .throttled, service: "")
        case .serverError, .serverErrorAfterEffect: throw Self.error(for: .serverError, service: "")
        case nil: return
        }
    }
}
