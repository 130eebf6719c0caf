/// Decimal text for `BigFloat`: parsing as Go's `big.ParseFloat(s, 10, prec, ToNearestEven)`
/// and printing as `Text('f', -1)`, the shortest decimal that reads back as the same value at
/// the number's precision.
extension BigFloat {
    // MARK: Parsing

    /// Parses a decimal number: optional sign, digits with an optional point, an optional
    /// `e`/`E` (power of ten) or `p`/`P` (power of two) exponent; or `Inf`/`inf` with an
    /// optional sign. Nil when the text is not entirely such a number.
    init?(parsing text: String, prec: Int = 512) {
        let bytes = Array(text.utf8)
        switch text {
        case "Inf", "inf", "+Inf", "+inf": self = .infinity(negative: false, prec: prec); return
        case "-Inf", "-inf": self = .infinity(negative: true, prec: prec); return
        default: break
        }
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == 43 || bytes[i] == 45 {
            negative = bytes[i] == 45
            i += 1
        }
        var digits: [UInt8] = []
        var fracDigits = 0
        var sawPoint = false
        while i < bytes.count {
            let c = bytes[i]
            if c == 46, !sawPoint {
                sawPoint = true
            } else if c >= 48, c <= 57 {
                digits.append(c)
                if sawPoint { fracDigits += 1 }
            } else {
                break
            }
            i += 1
        }
        guard !digits.isEmpty else { return nil }
        var exp10 = 0, exp2Extra = 0
        if i < bytes.count {
            let c = bytes[i]
            guard c == 101 || c == 69 || c == 112 || c == 80 else { return nil }
            let binary = c == 112 || c == 80
            i += 1
            var expNeg = false
            if i < bytes.count, bytes[i] == 43 || bytes[i] == 45 {
                expNeg = bytes[i] == 45
                i += 1
            }
            guard i < bytes.count else { return nil }
            var e = 0
            while i < bytes.count {
                let d = bytes[i]
                guard d >= 48, d <= 57 else { return nil }
                e = e * 10 + Int(d - 48)
                // Go rejects exponents beyond int64 or that overflow the binary exponent.
                if e > 1 << 40 { return nil }
                i += 1
            }
            if expNeg { e = -e }
            if binary { exp2Extra = e } else { exp10 = e }
        }
        guard let m = BigUInt(decimalDigits: digits) else { return nil }
        let exp5 = exp10 - fracDigits
        if m.isZero {
            self.init(zero: negative, prec: prec)
            return
        }
        // Go keeps the whole mantissa and applies the power of five with one rounding division or
        // multiplication at the target precision, the power itself computed at 64 extra bits.
        let exp2 = exp5 + exp2Extra
        guard abs(exp2 + m.bitLength) < Int(Int32.max) else { return nil }
        let z = BigFloat(negative: negative, mant: m, exp: exp2, prec: BigFloat.maxPrec)
        if exp5 == 0 {
            self = z.withPrec(prec)
            return
        }
        let p = BigFloat.pow5(exp5.magnitude, prec: prec + 64)
        do {
            self = exp5 < 0 ? try BigFloat.divide(z, p, prec: prec) : try BigFloat.multiply(z, p, prec: prec)
        } catch {
            return nil
        }
    }

    /// 5^n as Go's `pow5`: exact up to 5^27, then by repeated squaring at `prec` bits with the
    /// base squared at `prec + 64` bits.
    static func pow5(_ n: UInt, prec: Int) -> BigFloat {
        if n <= 27 {
            return BigFloat(negative: false, mant: BigUInt(5).power(Int(n)), exp: 0, prec: prec)
        }
        var z = BigFloat(negative: false, mant: BigUInt(5).power(27), exp: 0, prec: prec)
        var f = BigFloat(negative: false, mant: BigUInt(5), exp: 0, prec: prec + 64)
        var k = n - 27
        while k > 0 {
            if k & 1 != 0 { z = (try? multiply(z, f, prec: prec)) ?? z }
            f = (try? multiply(f, f, prec: prec + 64)) ?? f
            k >>= 1
        }
        return z
    }

    // MARK: Printing

    /// Decimal digits without trailing zeros and a decimal exponent: the value is
    /// `0.digits × 10^exponent`, as Go's internal `decimal`.
    struct DecimalDigits {
        var digits: [UInt8]
        var exponent: Int

        /// The exact decimal expansion of `m × 2^shift`.
        init(_ m: BigUInt, shift: Int) {
            if m.isZero {
                digits = []
                exponent = 0
                return
            }
            var n = m, s = shift
            if s < 0 {
                let drop = min(n.trailingZeroBits, -s)
                n = n >> drop
                s += drop
            }
            var scale = 0
            if s > 0 {
                n = n << s
            } else if s < 0 {
                // m / 2^k == m × 5^k / 10^k
                n = n * BigUInt(5).power(-s)
                scale = -s
            }
            var text = Array(n.description.utf8)
            exponent = text.count - scale
            while let last = text.last, last == 48 { text.removeLast() }
            digits = text
        }

        func at(_ i: Int) -> UInt8 { i >= 0 && i < digits.count ? digits[i] : 48 }

        mutating func trim() {
            while let last = digits.last, last == 48 { digits.removeLast() }
            if digits.isEmpty { exponent = 0 }
        }

        mutating func roundUp(_ n: Int) {
            guard n >= 0, n < digits.count else { return }
            var k = n
            while k > 0, digits[k - 1] >= 57 { k -= 1 }
            if k == 0 {
                digits = [49]
                exponent += 1
                return
            }
            digits[k - 1] += 1
            digits.removeLast(digits.count - k)
        }

        mutating func roundDown(_ n: Int) {
            guard n >= 0, n < digits.count else { return }
            digits.removeLast(digits.count - n)
            trim()
        }

        mutating func round(_ n: Int) {
            guard n >= 0, n < digits.count else { return }
            let up: Bool
            if digits[n] == 53 && n + 1 == digits.count {
                up = n > 0 && (digits[n - 1] - 48) & 1 != 0
            } else {
                up = digits[n] >= 53
            }
            if up { roundUp(n) } else { roundDown(n) }
        }
    }

    /// Go's `roundShortest`: the fewest digits that still identify the value at its precision.
    private func shortestDigits() -> DecimalDigits {
        var d = DecimalDigits(mant, shift: exp)
        guard !d.digits.isEmpty else { return d }
        // Bounds half an ulp either side: mantissa widened to prec+1 bits.
        let widen = prec + 1 - mant.bitLength
        let m = widen >= 0 ? mant << widen : mant >> -widen
        let e = exp - widen
        let lower = DecimalDigits(m - .one, shift: e)
        let upper = DecimalDigits(m + .one, shift: e)
        let inclusive = !m.bit(1)
        // Digits are compared position by position, without aligning exponents, as Go does.
        for i in 0..<d.digits.count {
            let l = lower.at(i)
            let mi = d.digits[i]
            let u = upper.at(i)
            let okDown = l != mi || inclusive && i + 1 == lower.digits.count
            let okUp = mi != u && (inclusive || mi + 1 < u || i + 1 < upper.digits.count)
            switch (okDown, okUp) {
            case (true, true): d.round(i + 1); return d
            case (true, false): d.roundDown(i + 1); return d
            case (false, true): d.roundUp(i + 1); return d
            default: continue
            }
        }
        return d
    }

    /// `Text('f', -1)`: plain decimal notation with the shortest digits, `+Inf`/`-Inf`, and a
    /// sign on negative zero.
    var shortestText: String {
        // Whole numbers that fit a machine word and whose every bit the precision keeps (the
        // usual case: counts, indexes, ports, sizes) are their own shortest digits.
        if form == .finite, exp >= 0, mant.limbs.count == 1, mant.bitLength + exp <= min(prec, 63) {
            let magnitude = mant.limbs[0] << UInt64(exp)
            return negative ? "-" + String(magnitude) : String(magnitude)
        }
        return text(format: "f", precision: -1)
    }

    /// Go's `Text(format, prec)` for the formats `e`, `E`, `f`, `g` and `G`; a negative
    /// precision asks for the shortest digits that identify the value.
    func text(format: Character, precision: Int) -> String {
        var out = negative ? "-" : ""
        if form == .infinite { return out + (negative ? "Inf" : "+Inf") }
        var d = form == .finite ? DecimalDigits(mant, shift: exp) : DecimalDigits(.zero, shift: 0)
        var prec = precision
        let shortest = prec < 0
        if shortest {
            if form == .finite { d = shortestDigits() }
            switch format {
            case "e", "E": prec = d.digits.count - 1
            case "f": prec = max(d.digits.count - d.exponent, 0)
            default: prec = d.digits.count
            }
        } else {
            switch format {
            case "e", "E": d.round(1 + prec)
            case "f": d.round(d.exponent + prec)
            default:
                if prec == 0 { prec = 1 }
                d.round(prec)
            }
        }
        switch format {
        case "e", "E":
            out += Self.formatE(d, prec: prec, letter: format)
        case "f":
            out += Self.formatF(d, prec: prec)
        default:
            var eprec = prec
            if eprec > d.digits.count && d.digits.count >= d.exponent { eprec = d.digits.count }
            if shortest { eprec = 6 }
            let e = d.exponent - 1
            if e < -4 || e >= eprec {
                if prec > d.digits.count { prec = d.digits.count }
                out += Self.formatE(d, prec: prec - 1, letter: format == "G" ? "E" : "e")
            } else {
                if prec > d.exponent { prec = d.digits.count }
                out += Self.formatF(d, prec: max(prec - d.exponent, 0))
            }
        }
        return out
    }

    private static func formatF(_ d: DecimalDigits, prec: Int) -> String {
        var bytes: [UInt8] = []
        if d.exponent > 0 {
            let m = min(d.digits.count, d.exponent)
            bytes.append(contentsOf: d.digits[0..<m])
            if m < d.exponent { bytes.append(contentsOf: repeatElement(48, count: d.exponent - m)) }
        } else {
            bytes.append(48)
        }
        if prec > 0 {
            bytes.append(46)
            for i in 0..<prec { bytes.append(d.at(d.exponent + i)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func formatE(_ d: DecimalDigits, prec: Int, letter: Character) -> String {
        var bytes: [UInt8] = [d.digits.first ?? 48]
        if prec > 0 {
            bytes.append(46)
            var i = 1
            let m = min(d.digits.count, prec + 1)
            if i < m {
                bytes.append(contentsOf: d.digits[i..<m])
                i = m
            }
            while i <= prec { bytes.append(48); i += 1 }
        }
        var s = String(decoding: bytes, as: UTF8.self) + String(letter)
        var e = d.digits.isEmpty ? 0 : d.exponent - 1
        s += e < 0 ? "-" : "+"
        e = abs(e)
        if e < 10 { s += "0" }
        return s + String(e)
    }
}
