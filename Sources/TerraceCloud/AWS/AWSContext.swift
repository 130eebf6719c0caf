import Foundation
import TerraceBasics

/// What a resource implementation needs to call the cloud: the store, the account and region
/// the provider configuration points at, its default tags, and fault injection.
public struct AWSContext: Sendable {
    public var store: CloudStore
    public var account: String
    public var region: String
    public var defaultTags: [String: String]
    public var faults: Faults?
    /// How many times a throttled or transiently failing call is tried (`max_retries`).
    public var maxAttempts: Int = AWSContext.maxAttempts

    /// The AWS provider's default `max_retries`.
    public static let maxAttempts = 25

    /// The same account in another region (`AWSRegions.global` for IAM).
    public func scoped(to region: String) -> AWSContext {
        var c = self
        c.region = region
        return c
    }

    /// The availability zones of the region.
    public var zones: [String] { AWSRegions.zones[region] ?? [] }

    /// Runs a cloud call with fault injection, retrying throttling and transient errors with
    /// exponential backoff and jitter; permanent errors are thrown at once.
    public func retrying<T>(_ body: () throws -> T) async throws -> T {
        try await retrying("call", service: "", body)
    }

    /// Runs one cloud call (`operation` names it for fault injection, "create aws_vpc") under
    /// fault injection and retries. `resume` is asked before every retry whether an earlier
    /// attempt already took effect (a create found by its idempotency token); if so, its answer
    /// is the result, as AWS answers a repeated client token with the original object.
    public func retrying<T>(_ operation: String, service: String, resume: (() -> T?)? = nil, _ body: () throws -> T) async throws -> T {
        guard let faults else { return try body() }
        let call = faults.nextCall(operation)
        var attempt = 0
        while true {
            if faults.latency > 0 { try? await Task.sleep(nanoseconds: UInt64(faults.latency * 1_000_000_000)) }
            do {
                if attempt > 0, let resume, let done = resume() { return done }
                switch faults.fault(for: call, attempt: attempt) {
                case nil:
                    return try body()
                case .serverErrorAfterEffect?:
                    _ = try body()
                    throw Faults.error(for: .serverErrorAfterEffect, service: service)
                case let fault?:
                    throw Faults.error(for: fault, service: service)
                }
            } catch let e as CloudError where e.retryable {
                attempt += 1
                if attempt >= maxAttempts {
                    throw CloudError(e.code, "\(e.message) (gave up after \(attempt) attempts)", statusCode: e.statusCode)
                }
                try? await Task.sleep(nanoseconds: Self.backoff(attempt: attempt))
            }
        }
    }

    /// Exponential backoff with full jitter (the AWS SDKs' standard retryer), scaled down so a
    /// simulated apply under heavy faults still finishes in seconds: 5 ms doubling to 250 ms.
    static func backoff(attempt: Int) -> UInt64 {
        let cap = min(0.25, 0.005 * pow(2.0, Double(attempt - 1)))
        return UInt64(Double.random(in: 0...cap) * 1_000_000_000)
    }

    /// An ARN in this account and region; `global` leaves out region and account
    /// (`arn:aws:s3:::bucket`).
    public func arn(_ service: String, _ resource: String, global: Bool = false) -> String {
        global ? "arn:aws:\(service):::\(resource)" : "arn:aws:\(service):\(region):\(account):\(resource)"
    }

    /// An ARN of a global service in this account, without a region (`arn:aws:iam::123456789012:role/app`).
    public func accountARN(_ service: String, _ resource: String) -> String {
        "arn:aws:\(service)::\(account):\(resource)"
    }
}
