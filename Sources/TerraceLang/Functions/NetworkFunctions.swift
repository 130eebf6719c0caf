/// IP network functions: cidrhost cidrnetmask cidrsubnet cidrsubnets (Terraform's `funcs`
/// over Go's `net` and apparentlymart/go-cidr), for IPv4 and IPv6.
extension Builtins {
    /// A network as Go's `net.ParseCIDR` returns it: the masked address and prefix length.
    struct IPNetwork {
        var address: BigUInt
        var bits: Int          // 32 or 128
        var prefix: Int

        var mask: BigUInt {
            let all = (BigUInt.one << bits) - .one
            let host = prefix >= bits ? BigUInt.zero : (BigUInt.one << (bits - prefix)) - .one
            return all - host
        }

        var description: String { IPAddress.format(address, bits: bits) + "/\(prefix)" }
    }

    static func parseCIDR(_ s: String) throws(Function.Failure) -> IPNetwork {
        let bad = Function.Failure("invalid CIDR expression: invalid CIDR address: \(s)")
        guard let slash = s.firstIndex(of: "/") else { throw bad }
        let addr = String(s[..<slash]), maskText = s[s.index(after: slash)...]
        var bits = 32
        var ip = IPAddress.parseV4(addr)
        if ip == nil {
            bits = 128
            ip = IPAddress.parseV6(addr)
        }
        guard let ip, !maskText.isEmpty, maskText.allSatisfy({ $0.isASCII && $0.isNumber }), maskText.count < 8,
              let n = Int(maskText), n <= bits else { throw bad }
        var net = IPNetwork(address: ip, bits: bits, prefix: n)
        net.address = net.address & net.mask
        return net
    }

    /// A whole number argument as a big integer (gocty's `*big.Int`).
    static func bigInt(_ v: Value) throws(Function.Failure) -> (Bool, BigUInt) {
        let n = number(v)
        guard n.isInteger, let t = n.big.truncated() else { throw Function.Failure("value must be a whole number") }
        return t
    }

    static let networkFunctions: [String: Function] = [
        "cidrhost": Function(params: [.init("prefix", .string), .init("hostnum", .number)], returns: .string) { args throws(Function.Failure) in
            let (neg, mag) = try bigInt(args[1])
            let net = try parseCIDR(str(args[0]))
            let hostLen = net.bits - net.prefix
            let maxHost = (BigUInt.one << hostLen) - .one
            var num = mag
            var check = BigUInt(mag.uint64Value ?? UInt64(truncatingIfNeeded: mag.limbs.first ?? 0))
            var shown = (neg && !mag.isZero ? "-" : "") + mag.description
            if neg && !mag.isZero {
                check = mag - .one
                if check > maxHost {
                    // go-cidr computes maxHost - check, which is negative here.
                    shown = "-" + (check - maxHost).description
                } else {
                    num = maxHost - check
                    shown = num.description
                }
            }
            if check > maxHost {
                throw Function.Failure("prefix of \(net.prefix) does not accommodate a host numbered \(shown)")
            }
            return .string(IPAddress.format(net.address + num, bits: net.bits))
        },
        "cidrnetmask": Function(params: [.init("prefix", .string)], returns: .string) { args throws(Function.Failure) in
            let net = try parseCIDR(str(args[0]))
            return .string(IPAddress.format(net.mask, bits: net.bits))
        },
        "cidrsubnet": Function(params: [.init("prefix", .string), .init("newbits", .number), .init("netnum", .number)],
                               returns: .string) { args throws(Function.Failure) in
            let newbits = try goInt(args[1])
            let (neg, num) = try bigInt(args[2])
            let net = try parseCIDR(str(args[0]))
            return .string(try subnet(net, newbits, neg ? BigUInt.zero : num, shown: (neg ? "-" : "") + num.description).description)
        },
        "cidrsubnets": Function(params: [.init("prefix", .string)], variadic: .init("newbits", .number), returns: .list(.string)) { args throws(Function.Failure) in
            let net: IPNetwork
            do throws(Function.Failure) { net = try parseCIDR(str(args[0])) } catch { throw Function.Failure(error.message, argument: 0) }
            let lengths = Array(args.dropFirst())
            if lengths.isEmpty { return Value(.list([], element: .string)) }
            var first: Int
            do throws(Function.Failure) { first = try goInt(lengths[0]) } catch { throw Function.Failure(error.message, argument: 1) }
            first += net.prefix
            var current = previousSubnet(net, first)
            var out: [Value] = []
            for (i, l) in lengths.enumerated() {
                var length: Int
                do throws(Function.Failure) { length = try goInt(l) } catch { throw Function.Failure(error.message, argument: i + 1) }
                if length < 1 { throw Function.Failure("must extend prefix by at least one bit", argument: i + 1) }
                if length > 32 { throw Function.Failure("may not extend prefix by more than 32 bits", argument: i + 1) }
                length += net.prefix
                if length > net.bits {
                    throw Function.Failure("would extend prefix to \(length) bits, which is too long for an \(net.bits == 32 ? "IPv4" : "IPv6") address", argument: i + 1)
                }
                let (next, rollover) = nextSubnet(current, length)
                let inside = (next.address >> (net.bits - net.prefix)) == (net.address >> (net.bits - net.prefix))
                if rollover || !inside {
                    throw Function.Failure("not enough remaining address space for a subnet with a prefix of \(length) bits after \(current.description)", argument: i + 1)
                }
                current = next
                out.append(.string(current.description))
            }
            return Value(.list(out, element: .string))
        },
    ]

    static func subnet(_ net: IPNetwork, _ newbits: Int, _ num: BigUInt, shown: String) throws(Function.Failure) -> IPNetwork {
        let newPrefix = net.prefix + newbits
        if newPrefix > net.bits {
            throw Function.Failure("insufficient address space to extend prefix of \(net.prefix) by \(newbits)")
        }
        let maxNum = newbits >= 64 ? UInt64.max : (UInt64(1) << UInt64(max(0, newbits))) &- 1
        if (num.uint64Value ?? UInt64(truncatingIfNeeded: num.limbs.first ?? 0)) > maxNum {
            throw Function.Failure("prefix extension of \(newbits) does not accommodate a subnet numbered \(shown)")
        }
        var out = IPNetwork(address: net.address | (num << (net.bits - newPrefix)), bits: net.bits, prefix: newPrefix)
        out.address = out.address & ((BigUInt.one << net.bits) - .one)
        return out
    }

    /// go-cidr's `PreviousSubnet`: the subnet of `prefix` bits just before the network's address.
    static func previousSubnet(_ net: IPNetwork, _ prefix: Int) -> IPNetwork {
        let modulus = BigUInt.one << net.bits
        let dec = net.address.isZero ? modulus - .one : net.address - .one
        var p = IPNetwork(address: dec, bits: net.bits, prefix: prefix)
        p.address = p.address & p.mask
        return p
    }

    /// go-cidr's `NextSubnet`: the subnet of `prefix` bits after the one containing the end of
    /// `net`, and whether the address space wrapped around.
    static func nextSubnet(_ net: IPNetwork, _ prefix: Int) -> (IPNetwork, Bool) {
        let modulus = BigUInt.one << net.bits
        let hostMask = (BigUInt.one << (net.bits - net.prefix)) - .one
        let last = net.address | hostMask
        var current = IPNetwork(address: last, bits: net.bits, prefix: prefix)
        current.address = current.address & current.mask
        let currentLast = current.address | ((BigUInt.one << (net.bits - prefix)) - .one)
        let inc = currentLast + .one
        let wrapped = inc == modulus
        var next = IPNetwork(address: wrapped ? .zero : inc, bits: net.bits, prefix: prefix)
        next.address = next.address & next.mask
        return (next, wrapped)
    }
}

extension BigUInt {
    static func & (a: BigUInt, b: BigUInt) -> BigUInt {
        BigUInt(limbs: zip(a.limbs, b.limbs).map { $0 & $1 })
    }

    static func | (a: BigUInt, b: BigUInt) -> BigUInt {
        let n = Swift.max(a.limbs.count, b.limbs.count)
        return BigUInt(limbs: (0..<n).map { (i: Int) -> UInt64 in
            (i < a.limbs.count ? a.limbs[i] : 0) | (i < b.limbs.count ? b.limbs[i] : 0)
        })
    }
}

/// IP address text as Go's `net` parses and prints it.
enum IPAddress {
    /// Dotted quad, decimal octets (leading zeros allowed, as in Go 1.16).
    static func parseV4(_ s: String) -> BigUInt? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt64 = 0
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt64(p), n <= 255 else { return nil }
            v = v << 8 | n
        }
        return BigUInt(v)
    }

    static func parseV6(_ s: String) -> BigUInt? {
        var groups: [UInt16] = []
        var ellipsis: Int?
        var rest = Substring(s)
        if rest.hasPrefix("::") {
            ellipsis = 0
            rest = rest.dropFirst(2)
            if rest.isEmpty { return BigUInt() }
        }
        while !rest.isEmpty {
            // An embedded IPv4 address ends the text.
            if let dot = rest.firstIndex(of: "."), !rest[..<dot].contains(":") {
                guard groups.count <= 6, let v4 = parseV4(String(rest)), let x = v4.uint64Value else { return nil }
                groups.append(UInt16(x >> 16))
                groups.append(UInt16(x & 0xFFFF))
                rest = ""
                break
            }
            let end = rest.firstIndex(of: ":") ?? rest.endIndex
            let g = rest[..<end]
            guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
            groups.append(v)
            rest = rest[end...]
            if rest.isEmpty { break }
            rest = rest.dropFirst()
            if rest.first == ":" {
                guard ellipsis == nil else { return nil }
                ellipsis = groups.count
                rest = rest.dropFirst()
                if rest.isEmpty { break }
            } else if rest.isEmpty {
                return nil
            }
            if groups.count > 8 { return nil }
        }
        if let e = ellipsis {
            guard groups.count < 8 else { return nil }
            groups.insert(contentsOf: Array(repeating: 0, count: 8 - groups.count), at: e)
        }
        guard groups.count == 8 else { return nil }
        var v = BigUInt()
        for g in groups { v = (v << 16) + BigUInt(UInt64(g)) }
        return v
    }

    static func format(_ v: BigUInt, bits: Int) -> String {
        if bits == 32 {
            let x = v.uint64Value ?? 0
            return "\(x >> 24 & 255).\(x >> 16 & 255).\(x >> 8 & 255).\(x & 255)"
        }
        var groups: [UInt16] = []
        var n = v
        for _ in 0..<8 {
            groups.insert(UInt16((n.limbs.first ?? 0) & 0xFFFF), at: 0)
            n = n >> 16
        }
        // IPv4-mapped addresses print as IPv4, as Go does.
        if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF {
            return format(BigUInt(UInt64(groups[6]) << 16 | UInt64(groups[7])), bits: 32)
        }
        var bestStart = -1, bestLen = 0, k = 0
        while k < 8 {
            var j = k
            while j < 8, groups[j] == 0 { j += 1 }
            if j - k > bestLen && j - k >= 2 { bestStart = k; bestLen = j - k }
            k = j == k ? k + 1 : j
        }
        var out = ""
        var i = 0
        while i < 8 {
            if i == bestStart {
                out += "::"
                i += bestLen
                continue
            }
            if i > 0 && !out.hasSuffix(":") { out += ":" }
            out += String(groups[i], radix: 16)
            i += 1
        }
        return out
    }
}
