import Foundation

/// A Terraform number. Backed by a decimal so that integers are exact far beyond 2^53 and
/// decimal fractions behave as decimals (`0.1 + 0.2 == 0.3`). Terraform uses 512-bit binary
/// floats; `docs/language.md` lists where results differ.
public struct Number: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var decimal: Decimal
    /// Set for results that Terraform would print as infinity (`1/0`).
    public var infinity: Int8 = 0

    public init(_ d: Decimal) { decimal = d }
    public init(_ i: Int) { decimal = Decimal(i) }
    public init(_ d: Double) {
        if d.isInfinite {
            decimal = 0
            infinity = d > 0 ? 1 : -1
        } else {
            decimal = Decimal(string: "\(d)") ?? Decimal(d)
        }
    }

    public static let positiveInfinity: Number = { var n = Number(0); n.infinity = 1; return n }()
    public static let negativeInfinity: Number = { var n = Number(0); n.infinity = -1; return n }()

    /// Parses an HCL or JSON number literal, or a string Terraform would convert to a number.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        var sawDigit = false
        for (k, c) in t.enumerated() {
            if c.isASCII && c.isNumber { sawDigit = true; continue }
            if c == "." || c == "e" || c == "E" { continue }
            if (c == "-" || c == "+") && (k == 0 || "eE".contains(Array(t)[k - 1])) { continue }
            return nil
        }
        guard sawDigit, let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        decimal = d
    }

    public var isInfinite: Bool { infinity != 0 }
    public var isInteger: Bool {
        guard infinity == 0 else { return false }
        var d = decimal, r = Decimal()
        NSDecimalRound(&r, &d, 0, .down)
        return r == decimal
    }

    /// The exact value as an `Int`, if it is an integer within range.
    public var intValue: Int? {
        guard isInteger, decimal >= Decimal(Int.min), decimal <= Decimal(Int.max) else { return nil }
        return Int(description)
    }

    public var doubleValue: Double {
        if infinity != 0 { return infinity > 0 ? .infinity : -.infinity }
        return NSDecimalNumber(decimal: decimal).doubleValue
    }

    /// Terraform's rendering: integers without a decimal point, fractions without an exponent.
    public var description: String {
        if infinity > 0 { return "+Inf" }
        if infinity < 0 { return "-Inf" }
        var d = decimal
        var s = NSDecimalString(&d, Locale(identifier: "en_US_POSIX"))
        if s.contains("e") || s.contains("E") { s = "\(decimal)" }
        return s
    }

    public static func < (a: Number, b: Number) -> Bool {
        if a.infinity != b.infinity { return a.infinity < b.infinity }
        if a.infinity != 0 { return false }
        return a.decimal < b.decimal
    }

    public static func + (a: Number, b: Number) -> Number {
        if a.infinity != 0 || b.infinity != 0 { return a.infinity != 0 ? a : b }
        return Number(a.decimal + b.decimal)
    }
    public static func - (a: Number, b: Number) -> Number {
        if a.infinity != 0 || b.infinity != 0 { return a.infinity != 0 ? a : -b }
        return Number(a.decimal - b.decimal)
    }
    public static func * (a: Number, b: Number) -> Number {
        if a.infinity != 0 || b.infinity != 0 {
            let sign = (a.signum * b.signum)
            return sign >= 0 ? .positiveInfinity : .negativeInfinity
        }
        return Number(a.decimal * b.decimal)
    }
    public static prefix func - (a: Number) -> Number {
        var n = Number(-a.decimal)
        n.infinity = -a.infinity
        return n
    }

    public var signum: Int {
        if infinity != 0 { return Int(infinity) }
        return decimal == 0 ? 0 : (decimal < 0 ? -1 : 1)
    }

    /// Division; nil for 0/0, infinity for x/0 as Terraform gives.
    public static func divide(_ a: Number, _ b: Number) -> Number? {
        if b.signum == 0 {
            if a.signum == 0 { return nil }
            return a.signum > 0 ? .positiveInfinity : .negativeInfinity
        }
        if a.infinity != 0 { return a.signum * b.signum > 0 ? .positiveInfinity : .negativeInfinity }
        if b.infinity != 0 { return Number(0) }
        return Number(a.decimal / b.decimal)
    }

    /// Remainder with the sign of the dividend, as Go's big.Float-based modulo in cty.
    public static func modulo(_ a: Number, _ b: Number) -> Number? {
        guard b.signum != 0, a.infinity == 0, b.infinity == 0 else { return nil }
        var q = a.decimal / b.decimal, t = Decimal()
        NSDecimalRound(&t, &q, 0, q < 0 ? .up : .down)
        return Number(a.decimal - t * b.decimal)
    }

    public func rounded(_ mode: NSDecimalNumber.RoundingMode) -> Number {
        guard infinity == 0 else { return self }
        var d = decimal, r = Decimal()
        NSDecimalRound(&r, &d, 0, mode)
        return Number(r)
    }
}
