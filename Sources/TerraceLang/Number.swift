import Foundation

/// A Terraform number: a binary float with a precision of its own, as cty's `big.Float`
/// (see `BigFloat`). Literals and strings parse at 512 bits, so integers are exact to about
/// 10^154 and decimal fractions print as written (`0.1 + 0.2` is `0.3`); integers that
/// functions return carry 64 bits; results of float64 maths (`pow`, `log`) 53 bits.
/// `docs/language.md` lists where results differ from Terraform.
public struct Number: Hashable, Sendable, Comparable, CustomStringConvertible {
    var big: BigFloat

    init(big: BigFloat) { self.big = big }

    /// An integer, at 64 bits as cty's `NumberIntVal`.
    public init(_ i: Int) { big = BigFloat(Int64(i)) }

    /// A double, exactly, at 53 bits as cty's `NumberFloatVal`.
    public init(_ d: Double) { big = BigFloat(d) }

    /// A Foundation decimal, parsed from its decimal text.
    public init(_ d: Decimal) {
        big = BigFloat(parsing: "\(d)") ?? BigFloat(zero: false, prec: 512)
    }

    public static let positiveInfinity = Number(big: .infinity(negative: false, prec: 512))
    public static let negativeInfinity = Number(big: .infinity(negative: true, prec: 512))

    /// Parses a number as cty's `ParseNumberVal` (Go's `big.ParseFloat` at 512 bits): an
    /// optional sign, decimal digits with an optional point and exponent, or `Inf`.
    /// No surrounding spaces, no hexadecimal, no underscores.
    public init?(parsing text: String) {
        guard let b = BigFloat(parsing: text) else { return nil }
        big = b
    }

    /// 1 or -1 for an infinity, else 0.
    public var infinity: Int8 { big.isInfinite ? (big.negative ? -1 : 1) : 0 }
    public var isInfinite: Bool { big.isInfinite }
    public var isInteger: Bool { big.isInteger }
    public var isZero: Bool { big.isZero }

    /// The exact value as an `Int`, if it is an integer within range.
    public var intValue: Int? { big.int64Value.map(Int.init) }

    /// The nearest double.
    public var doubleValue: Double { big.doubleValue }

    /// The value as a Foundation decimal (approximate beyond 38 digits).
    public var decimal: Decimal { Decimal(string: description, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }

    /// The precision in bits that operations on this number round to.
    public var precision: Int { big.prec }

    /// Terraform's rendering (Go's `Text('f', -1)`): plain decimal digits, as few as identify
    /// the value at its precision; `+Inf`, `-Inf`; `-0` for negative zero.
    public var description: String { big.shortestText }

    public static func == (a: Number, b: Number) -> Bool { BigFloat.compare(a.big, b.big) == 0 }

    public func hash(into h: inout Hasher) {
        switch big.form {
        case .zero: h.combine(0)
        case .infinite: h.combine(big.negative ? -1 : 1); h.combine("inf")
        case .finite:
            h.combine(big.negative)
            h.combine(big.mant)
            h.combine(big.exp)
        }
    }

    public static func < (a: Number, b: Number) -> Bool { BigFloat.compare(a.big, b.big) < 0 }

    public var signum: Int { big.sign }

    // MARK: Operations as cty performs them (nil where Go's big.Float would panic with NaN)

    /// `a + b` at the larger precision; nil for opposing infinities.
    public static func sum(_ a: Number, _ b: Number) -> Number? {
        (try? BigFloat.add(a.big, b.big)).map(Number.init(big:))
    }

    /// `a - b`; nil for an infinity minus itself.
    public static func difference(_ a: Number, _ b: Number) -> Number? {
        (try? BigFloat.add(a.big, b.big.negated())).map(Number.init(big:))
    }

    /// `a * b`: computed at 512 bits, then kept at the larger precision of the operands or the
    /// bits the product needs, whichever is more (cty's `Multiply`); nil for zero × infinity.
    public static func product(_ a: Number, _ b: Number) -> Number? {
        guard let p = try? BigFloat.multiply(a.big, b.big, prec: 512) else { return nil }
        let prec = max(a.big.prec, b.big.prec, p.minPrec)
        return Number(big: p.withPrec(prec))
    }

    /// Division; infinity for x/0 as Terraform gives; nil for 0/0 and ∞/∞.
    public static func divide(_ a: Number, _ b: Number) -> Number? {
        (try? BigFloat.divide(a.big, b.big)).map(Number.init(big:))
    }

    /// cty's `Modulo`: `a - b × trunc(a / b)` at `a`'s precision, `a` itself when `b` is zero;
    /// nil when an infinity is involved.
    public static func modulo(_ a: Number, _ b: Number) -> Number? {
        if a.isInfinite || b.isInfinite { return nil }
        if b.isZero { return a }
        guard let q = try? BigFloat.divide(a.big, b.big), let (neg, mag) = q.truncated() else { return nil }
        let t = BigFloat(integer: neg, mag, prec: a.big.prec)
        guard let m = try? BigFloat.multiply(b.big, t, prec: a.big.prec),
              let r = try? BigFloat.add(a.big, m.negated(), prec: a.big.prec) else { return nil }
        return Number(big: r)
    }

    public static func + (a: Number, b: Number) -> Number { sum(a, b) ?? Number(0) }
    public static func - (a: Number, b: Number) -> Number { difference(a, b) ?? Number(0) }
    public static func * (a: Number, b: Number) -> Number { product(a, b) ?? Number(0) }
    public static prefix func - (a: Number) -> Number { Number(big: a.big.negated()) }

    public var magnitude: Number { Number(big: big.magnitude()) }

    /// The value truncated towards zero, as an integer float at `precision` bits (0: Go's
    /// default of max(64, bits needed)); nil for infinities.
    func truncated(precision: Int = 0) -> Number? {
        guard let (neg, mag) = big.truncated() else { return nil }
        return Number(big: BigFloat(integer: neg, mag, prec: precision))
    }

    /// Floor or ceiling as cty's `floor`/`ceil`: the integer kept at this number's precision.
    func floorOrCeil(ceiling: Bool) -> Number {
        guard !isInfinite, let (neg, mag) = big.truncated() else { return self }
        var m = mag, n = neg
        let exact = big.isInteger
        if !exact {
            if ceiling && !big.negative { m = m + .one }
            if !ceiling && big.negative { m = m + .one; n = true }
        }
        return Number(big: BigFloat(integer: n && !m.isZero, m, prec: big.prec))
    }

    /// Rounds to a whole number (`.down` truncates, `.up` away from zero, `.plain` half away from
    /// zero, `.bankers` half to even).
    public func rounded(_ mode: NSDecimalNumber.RoundingMode) -> Number {
        guard !isInfinite, !isInteger else { return self }
        switch mode {
        case .down: return floorOrCeil(ceiling: false)
        case .up: return floorOrCeil(ceiling: true)
        default:
            let half = Number(big: BigFloat(0.5))
            let shifted = big.negative ? self - half : self + half
            return shifted.truncated(precision: big.prec) ?? self
        }
    }
}
