import Foundation
import TerraceBasics
import TerraceLang

/// Plan-time checks with the messages of the Terraform plugin SDK's validators, which the AWS
/// provider attaches to its arguments. Unknown and null values are skipped: they are checked
/// when known, or by the cloud at apply.
struct Validate {
    var diags = Diagnostics()
    let config: Value

    init(_ config: Value) { self.config = config }

    func known(_ name: String) -> Value? {
        guard let v = config[name], !v.isNull, v.isWhollyKnown else { return nil }
        return v
    }

    mutating func error(_ message: String) { diags += .error(message) }

    /// `validation.StringInSlice`.
    mutating func oneOf(_ name: String, _ allowed: [String], ignoreCase: Bool = false) {
        guard let s = known(name)?.stringValue else { return }
        let ok = ignoreCase ? allowed.contains { $0.lowercased() == s.lowercased() } : allowed.contains(s)
        if !ok { error("expected \(name) to be one of [\(allowed.map { "\"\($0)\"" }.joined(separator: " "))], got \(s)") }
    }

    /// `validation.IntBetween`.
    mutating func between(_ name: String, _ lo: Int, _ hi: Int) {
        guard let n = known(name)?.intValue else { return }
        if n < lo || n > hi { error("expected \(name) to be in the range (\(lo) - \(hi)), got \(n)") }
    }

    /// `validation.IntInSlice`.
    mutating func intOneOf(_ name: String, _ allowed: [Int]) {
        guard let n = known(name)?.intValue else { return }
        if !allowed.contains(n) { error("expected \(name) to be one of \(allowed), got \(n)") }
    }

    /// `validation.StringLenBetween`.
    mutating func length(_ name: String, _ lo: Int, _ hi: Int) {
        guard let s = known(name)?.stringValue else { return }
        if s.count < lo || s.count > hi { error("expected length of \(name) to be in the range (\(lo) - \(hi)), got \(s)") }
    }

    /// `validation.StringMatch` with the provider's message.
    mutating func matches(_ name: String, _ pattern: String, _ message: String) {
        guard let s = known(name)?.stringValue else { return }
        if s.range(of: "^(?:\(pattern))$", options: .regularExpression) == nil { error(message) }
    }

    /// `validation.IsCIDRNetwork(min, max)`.
    mutating func cidrNetwork(_ name: String, _ lo: Int, _ hi: Int) {
        guard let s = known(name)?.stringValue else { return }
        guard let c = CIDR(s) else {
            error("expected \(name) to contain a valid Value, got: \(s) with err: invalid CIDR address: \(s)")
            return
        }
        if !c.isCanonical {
            error("expected \(name) to contain a valid network Value, expected \(c.canonical), got \(s)")
        } else if c.prefix < lo || c.prefix > hi {
            error("expected \"\(name)\" to contain a network Value with between \(lo) and \(hi) significant bits, got: \(c.prefix)")
        }
    }

    /// `verify.ValidIPv4CIDRNetworkAddress`.
    mutating func cidr(_ name: String) {
        guard let s = known(name)?.stringValue else { return }
        guard let c = CIDR(s) else {
            error("\"\(name)\" is not a valid CIDR block: invalid CIDR address: \(s)")
            return
        }
        if !c.isCanonical { error("\"\(name)\" is not a valid CIDR block; did you mean \"\(c.canonical)\"?") }
    }

    /// Each element of a list of CIDR blocks.
    mutating func cidrs(_ name: String, in v: Value) {
        for s in v.strings(name) {
            guard let c = CIDR(s) else {
                error("\"\(name)\" contains an invalid CIDR block: \(s)")
                continue
            }
            if !c.isCanonical { error("\"\(s)\" is not a valid CIDR block; did you mean \"\(c.canonical)\"?") }
        }
    }

    /// `validation.StringIsJSON` (and the IAM policy checks of `verify.ValidIAMPolicyJSON`).
    mutating func json(_ name: String, policy: Bool = false) {
        guard let s = known(name)?.stringValue else { return }
        if policy, let problem = PolicyJSON.problem(s) {
            error("\"\(name)\" contains an invalid JSON policy: \(problem)")
        } else if !policy, (try? JSONParser.parse(Array(s.utf8))) == nil {
            error("\"\(name)\" contains an invalid JSON: \(s)")
        }
    }

    /// `ConflictsWith`.
    mutating func conflicts(_ a: String, _ b: String) {
        guard let x = config[a], !x.isNull, let y = config[b], !y.isNull else { return }
        error("\"\(a)\": conflicts with \(b)")
    }

    /// `ConflictsWith`, except when both say the same thing (`availability_zone` and the ID of
    /// that zone): configuration generated from an existing object, by import, has both.
    mutating func conflicts(_ a: String, _ b: String, unlessConsistent consistent: (Value, Value) -> Bool) {
        guard let x = config[a], !x.isNull, x.isWhollyKnown, let y = config[b], !y.isNull, y.isWhollyKnown else { return }
        if !consistent(x, y) { error("\"\(a)\": conflicts with \(b)") }
    }

    /// `ExactlyOneOf`.
    mutating func exactlyOne(_ names: [String]) {
        let set = names.filter { !(config[$0]?.isNull ?? true) }
        if set.count != 1 && names.allSatisfy({ config[$0]?.isKnown ?? true }) {
            error("\"\(names[0])\": one of `\(names.joined(separator: ","))` must be specified")
        }
    }
}
