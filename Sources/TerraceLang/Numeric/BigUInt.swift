/// An arbitrary-precision unsigned integer: the mantissa of `BigFloat` and the digits of exact
/// decimal conversion. Little-endian 64-bit limbs with no high zero limbs, so equal numbers
/// have equal representations. Schoolbook multiplication and Knuth's division are plenty for
/// the few hundred bits Terraform numbers use.
struct BigUInt: Hashable, Sendable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt64]

    init() { limbs = [] }
    init(_ v: UInt64) { limbs = v == 0 ? [] : [v] }
    init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    static let zero = BigUInt()
    static let one = BigUInt(1)

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    /// The number of bits needed to represent the value (0 for zero).
    var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return limbs.count * 64 - top.leadingZeroBitCount
    }

    var trailingZeroBits: Int {
        for (i, l) in limbs.enumerated() where l != 0 { return i * 64 + l.trailingZeroBitCount }
        return 0
    }

    func bit(_ i: Int) -> Bool {
        guard i >= 0 else { return false }
        let w = i / 64
        guard w < limbs.count else { return false }
        return limbs[w] >> UInt64(i % 64) & 1 == 1
    }

    /// Whether any bit below position `i` is set.
    func anyBitBelow(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        let w = min(i / 64, limbs.count)
        for k in 0..<w where limbs[k] != 0 { return true }
        if w < limbs.count, i % 64 != 0 {
            return limbs[w] & ((1 << UInt64(i % 64)) - 1) != 0
        }
        return false
    }

    var uint64Value: UInt64? {
        switch limbs.count {
        case 0: return 0
        case 1: return limbs[0]
        default: return nil
        }
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool { compare(a, b) < 0 }

    static func compare(_ a: BigUInt, _ b: BigUInt) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        var i = a.limbs.count - 1
        while i >= 0 {
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    // MARK: Addition and subtraction

    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        let (long, short) = a.limbs.count >= b.limbs.count ? (a.limbs, b.limbs) : (b.limbs, a.limbs)
        var out = long
        var carry: UInt64 = 0
        for i in 0..<long.count {
            let addend = i < short.count ? short[i] : 0
            if addend == 0 && carry == 0 {
                if i >= short.count { break }
                continue
            }
            let (s1, o1) = out[i].addingReportingOverflow(addend)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { out.append(carry) }
        return BigUInt(limbs: out)
    }

    /// `a - b`; requires `a >= b`.
    static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        var out = a.limbs
        var borrow: UInt64 = 0
        for i in 0..<out.count {
            let sub = i < b.limbs.count ? b.limbs[i] : 0
            if sub == 0 && borrow == 0 {
                if i >= b.limbs.count { break }
                continue
            }
            let (d1, o1) = out[i].subtractingReportingOverflow(sub)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        precondition(borrow == 0, "BigUInt subtraction underflow")
        return BigUInt(limbs: out)
    }

    // MARK: Multiplication

    static func * (a: BigUInt, b: BigUInt) -> BigUInt {
        if a.isZero || b.isZero { return .zero }
        if b.limbs.count == 1 { return a.multiplied(by: b.limbs[0]) }
        if a.limbs.count == 1 { return b.multiplied(by: a.limbs[0]) }
        var out = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count)
        for i in 0..<a.limbs.count {
            let x = a.limbs[i]
            if x == 0 { continue }
            var carry: UInt64 = 0
            for j in 0..<b.limbs.count {
                let (hi, lo) = x.multipliedFullWidth(by: b.limbs[j])
                let (s1, o1) = lo.addingReportingOverflow(out[i + j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            out[i + b.limbs.count] = carry
        }
        return BigUInt(limbs: out)
    }

    func multiplied(by m: UInt64, adding add: UInt64 = 0) -> BigUInt {
        var out = [UInt64]()
        out.reserveCapacity(limbs.count + 1)
        var carry = add
        for l in limbs {
            let (hi, lo) = l.multipliedFullWidth(by: m)
            let (s, o) = lo.addingReportingOverflow(carry)
            out.append(s)
            carry = hi &+ (o ? 1 : 0)
        }
        if carry != 0 { out.append(carry) }
        return BigUInt(limbs: out)
    }

    func power(_ n: Int) -> BigUInt {
        var result = BigUInt.one
        var base = self
        var e = n
        while e > 0 {
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    // MARK: Shifts

    static func << (a: BigUInt, n: Int) -> BigUInt {
        guard n > 0, !a.isZero else { return n < 0 ? a >> -n : a }
        let words = n / 64, bits = UInt64(n % 64)
        var out = [UInt64](repeating: 0, count: words)
        out.reserveCapacity(words + a.limbs.count + 1)
        if bits == 0 {
            out.append(contentsOf: a.limbs)
        } else {
            var carry: UInt64 = 0
            for l in a.limbs {
                out.append(l << bits | carry)
                carry = l >> (64 - bits)
            }
            if carry != 0 { out.append(carry) }
        }
        return BigUInt(limbs: out)
    }

    static func >> (a: BigUInt, n: Int) -> BigUInt {
        guard n > 0 else { return n < 0 ? a << -n : a }
        let words = n / 64, bits = UInt64(n % 64)
        guard words < a.limbs.count else { return .zero }
        var out = Array(a.limbs[words...])
        if bits != 0 {
            for i in 0..<out.count {
                let next = i + 1 < out.count ? out[i + 1] : 0
                out[i] = out[i] >> bits | next << (64 - bits)
            }
        }
        return BigUInt(limbs: out)
    }

    // MARK: Division

    /// Quotient and remainder by a single limb.
    func quotientAndRemainder(dividingBy d: UInt64) -> (BigUInt, UInt64) {
        precondition(d != 0, "division by zero")
        var out = [UInt64](repeating: 0, count: limbs.count)
        var rem: UInt64 = 0
        var i = limbs.count - 1
        while i >= 0 {
            let (q, r) = d.dividingFullWidth((high: rem, low: limbs[i]))
            out[i] = q
            rem = r
            i -= 1
        }
        return (BigUInt(limbs: out), rem)
    }

    /// Quotient and remainder (Knuth, TAOCP vol. 2, 4.3.1, algorithm D).
    func quotientAndRemainder(dividingBy divisor: BigUInt) -> (BigUInt, BigUInt) {
        precondition(!divisor.isZero, "division by zero")
        if self < divisor { return (.zero, self) }
        if divisor.limbs.count == 1 {
            let (q, r) = quotientAndRemainder(dividingBy: divisor.limbs[0])
            return (q, BigUInt(r))
        }
        let shift = divisor.limbs.last!.leadingZeroBitCount
        let v = (divisor << shift).limbs
        var u = (self << shift).limbs
        if u.count == limbs.count { u.append(0) }
        if u.count < limbs.count + 1 { u.append(0) }
        let n = v.count, m = u.count - n
        var q = [UInt64](repeating: 0, count: m)
        let vTop = v[n - 1], vNext = v[n - 2]
        var j = m - 1
        while j >= 0 {
            // Estimate the quotient digit from the top two limbs.
            let uTop = u[j + n]
            var qhat: UInt64
            var rhat: UInt64
            var rhatOverflow = false
            if uTop >= vTop {
                qhat = UInt64.max
                let (r, o) = u[j + n - 1].addingReportingOverflow(vTop)
                rhat = r
                rhatOverflow = o
                // qhat = b - 1, rhat = u[j+n]*b + u[j+n-1] - qhat*vTop = u[j+n-1] + vTop when uTop == vTop.
                if uTop > vTop { rhatOverflow = true }
            } else {
                (qhat, rhat) = vTop.dividingFullWidth((high: uTop, low: u[j + n - 1]))
            }
            while !rhatOverflow {
                let (ph, pl) = qhat.multipliedFullWidth(by: vNext)
                if ph > rhat || (ph == rhat && pl > u[j + n - 2]) {
                    qhat -= 1
                    let (r, o) = rhat.addingReportingOverflow(vTop)
                    rhat = r
                    rhatOverflow = o
                } else {
                    break
                }
            }
            // Multiply and subtract.
            var borrow: UInt64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let (ph, pl) = qhat.multipliedFullWidth(by: v[i])
                let (plc, o) = pl.addingReportingOverflow(carry)
                carry = ph &+ (o ? 1 : 0)
                let (d1, o1) = u[i + j].subtractingReportingOverflow(plc)
                let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                u[i + j] = d2
                borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            }
            let (d1, o1) = u[j + n].subtractingReportingOverflow(carry)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            u[j + n] = d2
            if o1 || o2 {
                // Added back: qhat was one too large.
                qhat -= 1
                var c: UInt64 = 0
                for i in 0..<n {
                    let (s1, x1) = u[i + j].addingReportingOverflow(v[i])
                    let (s2, x2) = s1.addingReportingOverflow(c)
                    u[i + j] = s2
                    c = (x1 ? 1 : 0) + (x2 ? 1 : 0)
                }
                u[j + n] = u[j + n] &+ c
            }
            q[j] = qhat
            j -= 1
        }
        let rem = BigUInt(limbs: Array(u[0..<n])) >> shift
        return (BigUInt(limbs: q), rem)
    }

    // MARK: Decimal

    private static let tenPow19: UInt64 = 10_000_000_000_000_000_000

    /// Decimal digits, most significant first ("0" for zero).
    var description: String {
        if isZero { return "0" }
        var chunks: [UInt64] = []
        var n = self
        while !n.isZero {
            let (q, r) = n.quotientAndRemainder(dividingBy: Self.tenPow19)
            chunks.append(r)
            n = q
        }
        var s = String(chunks.removeLast())
        for c in chunks.reversed() {
            let part = String(c)
            s += String(repeating: "0", count: 19 - part.count) + part
        }
        return s
    }

    /// Parses a run of ASCII decimal digits.
    init?<S: Sequence>(decimalDigits digits: S) where S.Element == UInt8 {
        var n = BigUInt()
        var chunk: UInt64 = 0, chunkLen = 0
        var any = false
        for d in digits {
            guard d >= 48, d <= 57 else { return nil }
            any = true
            chunk = chunk * 10 + UInt64(d - 48)
            chunkLen += 1
            if chunkLen == 19 {
                n = n.multiplied(by: Self.tenPow19, adding: chunk)
                chunk = 0
                chunkLen = 0
            }
        }
        guard any else { return nil }
        if chunkLen > 0 {
            var scale: UInt64 = 1
            for _ in 0..<chunkLen { scale *= 10 }
            n = n.multiplied(by: scale, adding: chunk)
        }
        self = n
    }
}
