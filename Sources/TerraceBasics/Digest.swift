/// FNV-1a, 64-bit: a fast, stable fingerprint for detecting changed inputs (configuration
/// files behind a saved plan). Not a cryptographic hash.
public struct FNV1a64: Sendable {
    public private(set) var value: UInt64 = 0xcbf29ce484222325

    public init() {}

    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x100000001b3
        }
    }

    public mutating func update(_ s: String) { update(s.utf8) }

    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
