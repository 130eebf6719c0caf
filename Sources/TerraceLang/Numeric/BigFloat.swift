/// A binary floating-point number with a precision of its own, behaving as Go's `math/big.Float`
/// in its default rounding mode (to nearest, ties to even). Terraform numbers are cty numbers,
/// which are `big.Float`s: literals and strings parse at 512 bits, integers from functions carry
/// 64 bits and results of float64 maths 53 bits, and every operation rounds to the larger
/// precision of its operands. Emulating that exactly is what makes `1/3`, `pow(2, 100)` and
/// `0.1 + 0.2` print here as they print in Terraform.
///
/// The value of a finite number is `mant × 2^exp`; `mant` is odd (trailing zero bits are moved
/// into `exp`) so that equal values have equal representations.
struct BigFloat: Sendable {
    enum Form: Sendable { case zero, finite, infinite }

    private(set) var form: Form
    private(set) var negative: Bool
    private(set) var mant: BigUInt
    private(set) var exp: Int
    /// Precision in bits: the most significant bits a result of an operation keeps.
    var prec: Int

    /// Go's `big.MaxPrec` is far larger; this bound only keeps pathological inputs finite.
    static let maxPrec = 1 << 20

    init(zero negative: Bool = false, prec: Int) {
        form = .zero
        self.negative = negative
        mant = .zero
        exp = 0
        self.prec = prec
    }

    static func infinity(negative: Bool, prec: Int = 0) -> BigFloat {
        var f = BigFloat(zero: negative, prec: prec)
        f.form = .infinite
        return f
    }

    /// `mant × 2^exp`, rounded to `prec` bits; `sticky` says that nonzero bits below `mant`
    /// were already discarded (so a tie is not a tie).
    init(negative: Bool, mant: BigUInt, exp: Int, prec: Int, sticky: Bool = false) {
        self.negative = negative
        self.prec = prec
        if mant.isZero {
            form = .zero
            self.mant = .zero
            self.exp = 0
            return
        }
        form = .finite
        var m = mant, e = exp
        let excess = m.bitLength - prec
        if excess > 0 {
            let half = m.bit(excess - 1)
            let rest = sticky || m.anyBitBelow(excess - 1)
            m = m >> excess
            e += excess
            if half && (rest || m.bit(0)) {
                m = m + .one
            }
        }
        let tz = m.trailingZeroBits
        if tz > 0 {
            m = m >> tz
            e += tz
        }
        self.mant = m
        self.exp = e
    }

    init(_ i: Int64) {
        let magnitude = i.magnitude
        self.init(negative: i < 0, mant: BigUInt(magnitude), exp: 0, prec: 64)
    }

    init(_ u: UInt64) { self.init(negative: false, mant: BigUInt(u), exp: 0, prec: 64) }

    /// Exact value of a double, at 53 bits as Go's `SetFloat64` gives.
    init(_ d: Double) {
        if d.isInfinite {
            self = .infinity(negative: d < 0, prec: 53)
            return
        }
        if d == 0 || d.isNaN {
            self.init(zero: d.sign == .minus, prec: 53)
            return
        }
        let sig = d.significandBitPattern | (d.isNormal ? (1 << 52) : 0)
        let e = d.isNormal ? Int(d.exponent) - 52 : -1074
        self.init(negative: d < 0, mant: BigUInt(sig), exp: e, prec: 53)
    }

    var isZero: Bool { form == .zero }
    var isInfinite: Bool { form == .infinite }
    var isFinite: Bool { form != .infinite }

    /// Whether the value is a whole number (infinities are not).
    var isInteger: Bool {
        switch form {
        case .zero: return true
        case .infinite: return false
        case .finite: return exp >= 0
        }
    }

    /// The fewest bits that represent the value exactly (Go's `MinPrec`).
    var minPrec: Int { form == .finite ? mant.bitLength : 0 }

    /// The number of bits of the value's magnitude left of the binary point (Go's `MantExp`).
    var binaryExponent: Int { form == .finite ? exp + mant.bitLength : 0 }

    var sign: Int {
        switch form {
        case .zero: return 0
        default: return negative ? -1 : 1
        }
    }

    /// Rounds to a new precision (Go's `SetPrec`).
    func withPrec(_ p: Int) -> BigFloat {
        guard form == .finite else { var c = self; c.prec = p; return c }
        return BigFloat(negative: negative, mant: mant, exp: exp, prec: p)
    }

    func negated() -> BigFloat {
        var c = self
        c.negative.toggle()
        return c
    }

    func magnitude() -> BigFloat {
        var c = self
        c.negative = false
        return c
    }

    // MARK: Comparison

    /// -1, 0 or 1 as Go's `Cmp` (zeros of either sign are equal).
    static func compare(_ a: BigFloat, _ b: BigFloat) -> Int {
        let sa = a.sign, sb = b.sign
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        let m = compareMagnitude(a, b)
        return sa > 0 ? m : -m
    }

    static func compareMagnitude(_ a: BigFloat, _ b: BigFloat) -> Int {
        switch (a.form, b.form) {
        case (.infinite, .infinite): return 0
        case (.infinite, _): return 1
        case (_, .infinite): return -1
        case (.zero, .zero): return 0
        case (.zero, _): return -1
        case (_, .zero): return 1
        default: break
        }
        let ea = a.binaryExponent, eb = b.binaryExponent
        if ea != eb { return ea < eb ? -1 : 1 }
        // Same magnitude exponent: align the mantissas.
        let shiftA = a.exp - b.exp
        if shiftA >= 0 { return BigUInt.compare(a.mant << shiftA, b.mant) }
        return BigUInt.compare(a.mant, b.mant << -shiftA)
    }

    // MARK: Arithmetic (Go's Add, Mul, Quo into a receiver of precision `prec`)

    enum Failure: Error { case nan }

    /// `a + b` rounded to `prec` (0 means the larger of the operands' precisions).
    static func add(_ a: BigFloat, _ b: BigFloat, prec: Int = 0) throws(Failure) -> BigFloat {
        let p = prec == 0 ? max(a.prec, b.prec) : prec
        switch (a.form, b.form) {
        case (.finite, .finite):
            let e = min(a.exp, b.exp)
            let ma = a.mant << (a.exp - e), mb = b.mant << (b.exp - e)
            if a.negative == b.negative {
                return BigFloat(negative: a.negative, mant: ma + mb, exp: e, prec: p)
            }
            switch BigUInt.compare(ma, mb) {
            case 0: return BigFloat(zero: false, prec: p)
            case 1: return BigFloat(negative: a.negative, mant: ma - mb, exp: e, prec: p)
            default: return BigFloat(negative: b.negative, mant: mb - ma, exp: e, prec: p)
            }
        case (.infinite, .infinite) where a.negative != b.negative:
            throw .nan
        case (.zero, .zero):
            return BigFloat(zero: a.negative && b.negative, prec: p)
        case (.infinite, _), (_, .zero):
            // Go's z.Set(x): a receiver without precision takes x's.
            var r = a
            r.prec = prec == 0 ? a.prec : prec
            return prec == 0 ? r : r.withPrec(prec)
        default:
            var r = b
            r.prec = prec == 0 ? b.prec : prec
            return prec == 0 ? r : r.withPrec(prec)
        }
    }

    static func multiply(_ a: BigFloat, _ b: BigFloat, prec: Int = 0) throws(Failure) -> BigFloat {
        let p = prec == 0 ? max(a.prec, b.prec) : prec
        let neg = a.negative != b.negative
        switch (a.form, b.form) {
        case (.finite, .finite):
            return BigFloat(negative: neg, mant: a.mant * b.mant, exp: a.exp + b.exp, prec: p)
        case (.zero, .infinite), (.infinite, .zero):
            throw .nan
        case (.infinite, _), (_, .infinite):
            return .infinity(negative: neg, prec: p)
        default:
            return BigFloat(zero: neg, prec: p)
        }
    }

    static func divide(_ a: BigFloat, _ b: BigFloat, prec: Int = 0) throws(Failure) -> BigFloat {
        let p = prec == 0 ? max(a.prec, b.prec) : prec
        let neg = a.negative != b.negative
        switch (a.form, b.form) {
        case (.finite, .finite):
            // Enough quotient bits for the rounding bit, and the remainder as the sticky bit.
            let shift = max(0, p + 2 + b.mant.bitLength - a.mant.bitLength)
            let (q, r) = (a.mant << shift).quotientAndRemainder(dividingBy: b.mant)
            return BigFloat(negative: neg, mant: q, exp: a.exp - b.exp - shift, prec: p, sticky: !r.isZero)
        case (.zero, .zero), (.infinite, .infinite):
            throw .nan
        case (.zero, _), (_, .infinite):
            return BigFloat(zero: neg, prec: p)
        default:
            return .infinity(negative: neg, prec: p)
        }
    }

    // MARK: Integers

    /// The value truncated towards zero, with its sign; nil for infinities (Go's `Int`).
    func truncated() -> (negative: Bool, magnitude: BigUInt)? {
        switch form {
        case .infinite: return nil
        case .zero: return (false, .zero)
        case .finite:
            let m = exp >= 0 ? mant << exp : mant >> -exp
            return (negative && !m.isZero, m)
        }
    }

    /// An integer as a float of `prec` bits (Go's `SetInt` on a receiver of that precision;
    /// `prec` 0 takes max(64, bit length)).
    init(integer negative: Bool, _ magnitude: BigUInt, prec: Int = 0) {
        let p = prec == 0 ? max(64, magnitude.bitLength) : prec
        self.init(negative: negative, mant: magnitude, exp: 0, prec: p)
    }

    /// The exact value as an `Int64`, if it is a whole number in range.
    var int64Value: Int64? {
        guard isInteger, let (neg, m) = truncated(), let u = m.uint64Value else { return nil }
        if neg {
            if u <= UInt64(Int64.max) { return -Int64(u) }
            if u == UInt64(Int64.max) + 1 { return Int64.min }
            return nil
        }
        return u <= UInt64(Int64.max) ? Int64(u) : nil
    }

    /// The nearest double (Go's `Float64`).
    var doubleValue: Double {
        switch form {
        case .zero: return negative ? -0.0 : 0.0
        case .infinite: return negative ? -.infinity : .infinity
        case .finite:
            let r = withPrec(53)
            let top = r.binaryExponent
            if top > 1024 { return negative ? -.infinity : .infinity }
            guard let m = r.mant.uint64Value else { return .nan }
            var d = Double(m)
            // Scale in steps so huge or tiny exponents do not overflow the intermediate.
            var e = r.exp
            while e > 0 { let s = min(e, 1000); d *= Double(sign: .plus, exponent: s, significand: 1); e -= s }
            while e < 0 { let s = max(e, -1000); d *= Double(sign: .plus, exponent: s, significand: 1); e -= s }
            return negative ? -d : d
        }
    }
}
