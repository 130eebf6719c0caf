/// An IPv4 CIDR block, for AWS's network rules.
public struct CIDR: Hashable, Sendable, CustomStringConvertible {
    public var address: UInt32
    public var prefix: Int

    public init?(_ s: String) {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let p = Int(parts[1]), p >= 0, p <= 32 else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var a: UInt32 = 0
        for o in octets {
            guard let v = UInt32(o), v <= 255, !o.isEmpty else { return nil }
            a = a << 8 | v
        }
        address = a
        prefix = p
    }

    public var mask: UInt32 { prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix) }
    public var network: UInt32 { address & mask }
    public var last: UInt32 { network | ~mask }
    /// Whether the address has no host bits set (`10.0.0.0/16`, not `10.0.0.1/16`).
    public var isCanonical: Bool { address == network }

    public func contains(_ other: CIDR) -> Bool { other.network >= network && other.last <= last }
    public func overlaps(_ other: CIDR) -> Bool { network <= other.last && other.network <= last }

    public var description: String {
        "\(address >> 24 & 255).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(prefix)"
    }
}

extension CIDR {
    /// The network address with this prefix (`10.0.0.0/16` for `10.0.0.1/16`).
    public var canonical: String {
        var c = self
        c.address = network
        return c.description
    }

    /// Number of addresses.
    public var size: UInt64 { UInt64(1) << UInt64(32 - prefix) }

    /// The address `offset` places into the block, dotted.
    public func host(_ offset: UInt32) -> String {
        let a = network &+ offset
        return "\(a >> 24 & 255).\(a >> 16 & 255).\(a >> 8 & 255).\(a & 255)"
    }
}
