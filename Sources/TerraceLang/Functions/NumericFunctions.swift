import Foundation

/// Numeric functions: abs ceil floor log max min parseint pow signum (cty's stdlib).
extension Builtins {
    static func number(_ v: Value) -> Number { v.numberValue ?? Number(0) }

    /// gocty's conversion to float64: infinities pass, finite values too large fail.
    static func float64(_ v: Value) throws(Function.Failure) -> Double {
        let n = number(v)
        let d = n.doubleValue
        if d.isInfinite && !n.isInfinite {
            throw Function.Failure("value must be between -\(goMaxFloat) and \(goMaxFloat) inclusive")
        }
        return d
    }

    /// Go's `%f` of ±math.MaxFloat64, as gocty's range error prints it.
    static let goMaxFloat = BigFloat(Double.greatestFiniteMagnitude).text(format: "f", precision: 6)

    /// A float result as a number; Terraform panics on NaN, Terrace reports it.
    static func finite(_ d: Double) throws(Function.Failure) -> Number {
        if d.isNaN { throw Function.Failure("the result is not a number (NaN)") }
        return Number(d)
    }

    /// gocty's conversion to a Go `int`.
    static func goInt(_ v: Value) throws(Function.Failure) -> Int {
        guard let i = number(v).big.int64Value else {
            throw Function.Failure("value must be a whole number, between -9223372036854775808 and 9223372036854775807")
        }
        return Int(i)
    }

    static let numericFunctions: [String: Function] = [
        "abs": Function(params: [.init("num", .number, allowDynamicType: true, allowMarked: true)], returns: .number) { args in
            let v = args[0]
            return Value(.number(number(v).magnitude), sensitive: v.sensitive)
        },
        "ceil": Function(params: [.init("num", .number)], returns: .number) { args in
            .number(number(args[0]).floorOrCeil(ceiling: true))
        },
        "floor": Function(params: [.init("num", .number)], returns: .number) { args in
            .number(number(args[0]).floorOrCeil(ceiling: false))
        },
        "log": Function(params: [.init("num", .number), .init("base", .number)], returns: .number) { args throws(Function.Failure) in
            let n = try float64(args[0]), b = try float64(args[1])
            return .number(try finite(Foundation.log(n) / Foundation.log(b)))
        },
        "pow": Function(params: [.init("num", .number), .init("power", .number)], returns: .number) { args throws(Function.Failure) in
            .number(try finite(GoMath.pow(try float64(args[0]), try float64(args[1]))))
        },
        "signum": Function(params: [.init("num", .number)], returns: .number) { args throws(Function.Failure) in
            let i = try goInt(args[0])
            return .number(i < 0 ? -1 : i > 0 ? 1 : 0)
        },
        "max": Function(params: [], variadic: .init("numbers", .number, allowDynamicType: true), returns: .number) { args throws(Function.Failure) in
            guard !args.isEmpty else { throw Function.Failure("must pass at least one number") }
            var best = Number.negativeInfinity
            var result = Value.number(.negativeInfinity)
            for a in args where number(a) > best {
                best = number(a)
                result = a
            }
            return result
        },
        "min": Function(params: [], variadic: .init("numbers", .number, allowDynamicType: true), returns: .number) { args throws(Function.Failure) in
            guard !args.isEmpty else { throw Function.Failure("must pass at least one number") }
            var best = Number.positiveInfinity
            var result = Value.number(.positiveInfinity)
            for a in args where number(a) < best {
                best = number(a)
                result = a
            }
            return result
        },
        "parseint": Function(
            params: [.init("number", .dynamic), .init("base", .number)],
            type: { args throws(Function.Failure) in
                guard args[0].type == .string else {
                    throw Function.Failure("first argument must be a string, not \(args[0].type.description)", argument: 0)
                }
                return .number
            },
            impl: { args, _ throws(Function.Failure) in
                let s = args[0].stringValue ?? ""
                let base: Int
                do throws(Function.Failure) { base = try goInt(args[1]) } catch { throw Function.Failure(error.message, argument: 1) }
                guard base >= 2, base <= 62 else {
                    throw Function.Failure("base must be a whole number between 2 and 62 inclusive", argument: 1)
                }
                guard let (neg, mag) = GoMath.parseBigInt(s, base: base) else {
                    throw Function.Failure("cannot parse \(GoQuote.quote(s)) as a base \(base) integer", argument: 0)
                }
                return .number(Number(big: BigFloat(integer: neg, mag)))
            }),
    ]
}

/// Pieces of Go's `math` and `math/big` that Terraform's results depend on bit for bit.
enum GoMath {
    /// Go's `math.Pow`: special cases, √ for ±½, and repeated squaring for the integer part of
    /// the exponent (so integer powers round exactly as Go's do).
    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 {
            if y < 0 { return isOddInt(y) ? Double(signOf: x, magnitudeOf: .infinity) : .infinity }
            if y > 0 { return isOddInt(y) ? x : 0 }
        }
        if y.isInfinite {
            if x == -1 { return 1 }
            return (Swift.abs(x) < 1) == (y > 0) ? 0 : .infinity
        }
        if x.isInfinite {
            if x < 0 { return pow(1 / x, -y) }
            if y < 0 { return 0 }
            if y > 0 { return .infinity }
        }
        if y == 0.5 { return x.squareRoot() }
        if y == -0.5 { return 1 / x.squareRoot() }
        var yi = Swift.abs(y).rounded(.towardZero)
        var yf = Swift.abs(y) - yi
        if yf != 0 && x < 0 { return .nan }
        if yi >= 9.223372036854775808e18 {
            if x == -1 { return 1 }
            return (Swift.abs(x) < 1) == (y > 0) ? 0 : .infinity
        }
        var a1 = 1.0
        var ae = 0
        if yf != 0 {
            if yf > 0.5 {
                yf -= 1
                yi += 1
            }
            a1 = Foundation.exp(yf * Foundation.log(x))
        }
        var (x1, xe) = frexp(x)
        var i = Int64(yi)
        while i != 0 {
            if xe < -(1 << 12) || (1 << 12) < xe {
                ae += xe
                break
            }
            if i & 1 == 1 {
                a1 *= x1
                ae += xe
            }
            x1 *= x1
            xe <<= 1
            if x1 < 0.5 {
                x1 += x1
                xe -= 1
            }
            i >>= 1
        }
        if y < 0 {
            a1 = 1 / a1
            ae = -ae
        }
        return ldexp(a1, ae)
    }

    static func isOddInt(_ x: Double) -> Bool {
        let xi = x.rounded(.towardZero)
        guard x - xi == 0, Swift.abs(xi) < 9.2e18 else { return false }
        return Int64(xi) & 1 == 1
    }

    /// Go's `Frexp`: fraction in [½, 1) and exponent.
    static func frexp(_ x: Double) -> (Double, Int) {
        if x == 0 || x.isInfinite || x.isNaN { return (x, 0) }
        let e = Int(x.exponent) + 1
        return (Double(sign: x.sign, exponent: -1, significand: x.significand), e)
    }

    /// Go's `Ldexp`, with gradual underflow.
    static func ldexp(_ frac: Double, _ exp: Int) -> Double {
        if frac == 0 || frac.isInfinite || frac.isNaN { return frac }
        return Foundation.scalbn(frac, exp)
    }

    /// Go's `big.Int.SetString(s, base)`: an optional sign, digits of the base (letters are
    /// case-insensitive up to base 36, beyond it lower case first), underscores only with base 0.
    static func parseBigInt(_ s: String, base: Int) -> (Bool, BigUInt)? {
        var bytes = Array(s.utf8)[...]
        var negative = false
        if let f = bytes.first, f == 43 || f == 45 {
            negative = f == 45
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var n = BigUInt()
        for c in bytes {
            let d: Int
            switch c {
            case 48...57: d = Int(c - 48)
            case 97...122: d = Int(c - 97) + 10
            case 65...90: d = base <= 36 ? Int(c - 65) + 10 : Int(c - 65) + 36
            default: return nil
            }
            guard d < base else { return nil }
            n = n.multiplied(by: UInt64(base), adding: UInt64(d))
        }
        return (negative && !n.isZero, n)
    }
}
