import Foundation
import TerraceBasics
import TerraceLang

/// Plan-time checks in the words of the Terraform plugin SDK's validators, which is what the
/// AWS provider prints before any call reaches AWS. Only known values are judged.
struct Validation {
    private(set) var diagnostics = Diagnostics()
    let config: Fields

    init(_ config: Value) { self.config = Fields(config) }

    mutating func fail(_ message: String) { diagnostics += .error(message) }

    /// `validation.StringInSlice`.
    mutating func oneOf(_ key: String, _ allowed: [String]) {
        guard let v = config.string(key), !allowed.contains(v) else { return }
        fail("expected \(key) to be one of \(Self.goQuoted(allowed)), got \(v)")
    }

    /// `validation.IntInSlice`.
    mutating func oneOf(_ key: String, _ allowed: [Int]) {
        guard let v = config.int(key), !allowed.contains(v) else { return }
        fail("expected \(key) to be one of [\(allowed.map(String.init).joined(separator: " "))], got \(v)")
    }

    /// `validation.IntBetween`.
    mutating func between(_ key: String, _ range: ClosedRange<Int>) {
        guard let v = config.int(key), !range.contains(v) else { return }
        fail("expected \(key) to be in the range (\(range.lowerBound) - \(range.upperBound)), got \(v)")
    }

    /// `validation.IntAtLeast` / `IntAtMost`.
    mutating func atLeast(_ key: String, _ min: Int) {
        guard let v = config.int(key), v < min else { return }
        fail("expected \(key) to be at least (\(min)), got \(v)")
    }
    mutating func atMost(_ key: String, _ max: Int) {
        guard let v = config.int(key), v > max else { return }
        fail("expected \(key) to be at most (\(max)), got \(v)")
    }

    /// `validation.StringLenBetween`.
    mutating func length(_ key: String, _ range: ClosedRange<Int>) {
        guard let v = config.string(key), !range.contains(v.count) else { return }
        fail("expected length of \(key) to be in the range (\(range.lowerBound) - \(range.upperBound)), got \(v)")
    }

    /// `validation.StringMatch` with its message: the value must match `pattern`.
    mutating func matches(_ key: String, _ pattern: String, _ message: String) {
        guard let v = config.string(key), !Self.matches(v, pattern) else { return }
        fail("invalid value for \(key) (\(message))")
    }

    /// `validation.StringDoesNotMatch`.
    mutating func doesNotMatch(_ key: String, _ pattern: String, _ message: String) {
        guard let v = config.string(key), Self.matches(v, pattern) else { return }
        fail("invalid value for \(key) (\(message))")
    }

    /// `ConflictsWith`.
    mutating func conflicts(_ key: String, _ other: String) {
        guard let a = config[key], Self.isSet(a), let b = config[other], Self.isSet(b) else { return }
        fail("Conflicting configuration arguments: \"\(key)\": conflicts with \(other)")
    }

    /// Whether a configured value counts as set: not null, and not an absent block (no items).
    static func isSet(_ v: Value) -> Bool {
        if v.isNull { return false }
        if let items = v.elements, v.type.isCollection { return !items.isEmpty }
        return true
    }

    /// `verify.ValidARN`.
    mutating func arn(_ key: String) {
        guard let v = config.nonEmpty(key), !Self.isARN(v) else { return }
        fail("\"\(key)\" (\(v)) is an invalid ARN: arn: invalid prefix")
    }

    static func isARN(_ s: String) -> Bool {
        let parts = s.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && !parts[2].isEmpty && !parts[5].isEmpty
    }

    static func matches(_ s: String, _ pattern: String) -> Bool {
        s.range(of: pattern, options: .regularExpression) != nil
    }

    /// Go's `%q` of a string slice: `["a" "b"]`.
    static func goQuoted(_ items: [String]) -> String {
        "[" + items.map { "\"\($0)\"" }.joined(separator: " ") + "]"
    }
}
