extension Builtins {
    /// Parses "a.b.c.d/n" into a 32-bit address and prefix length.
    static func parseCIDR(_ s: String) -> (UInt32, Int)? {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let bits = Int(parts[1]), bits >= 0, bits <= 32 else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var addr: UInt32 = 0
        for o in octets {
            guard let v = UInt32(o), v <= 255, !(o.count > 1 && o.hasPrefix("0")) else { return nil }
            addr = addr << 8 | v
        }
        return (addr, bits)
    }

    static func formatIP(_ a: UInt32) -> String {
        "\(a >> 24 & 255).\(a >> 16 & 255).\(a >> 8 & 255).\(a & 255)"
    }

    static let networkFunctions: [String: Function] = [
        "cidrsubnet": Function(params: [.init("prefix", .string), .init("newbits", .number), .init("netnum", .number)], returns: .string) { args throws(Function.Failure) in
            guard let (addr, bits) = parseCIDR(args[0].stringValue!) else {
                throw Function.Failure("invalid CIDR address: \(args[0].stringValue!).", argument: 0)
            }
            guard let newbits = args[1].intValue, newbits >= 0 else { throw Function.Failure("invalid newbits.", argument: 1) }
            guard let netnum = args[2].intValue, netnum >= 0 else { throw Function.Failure("invalid netnum.", argument: 2) }
            let total = bits + newbits
            guard total <= 32 else {
                throw Function.Failure("insufficient address space to extend prefix of \(bits) by \(newbits)")
            }
            guard netnum < (1 << newbits) else {
                throw Function.Failure("prefix extension of \(newbits) does not accommodate a subnet numbered \(netnum)")
            }
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
            let base = addr & mask
            let shifted = UInt32(netnum) << UInt32(32 - total)
            return .string("\(formatIP(base | shifted))/\(total)")
        },
    ]
}
