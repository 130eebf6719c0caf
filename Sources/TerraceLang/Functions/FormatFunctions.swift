import TerraceBasics

/// `format` and `formatlist` (cty's stdlib): Go-style verbs `%[flags][width][.prec][[n]]verb`,
/// numbers formatted as Go's `fmt` formats `big.Float` and `big.Int`, `%v`/`%#v` as JSON.
extension Builtins {
    struct FormatVerb {
        var raw = ""
        var offset = 0
        var argNum = 0
        var mode: Unicode.Scalar = "v"
        var zero = false, sharp = false, plus = false, minus = false, space = false
        var hasPrec = false, prec = -1
        var hasWidth = false, width = -1
    }

    /// Go's `%q` of a rune.
    static func quoteRune(_ u: Unicode.Scalar) -> String {
        if u == "'" { return "'\\''" }
        if u == "\"" { return "'\"'" }
        let q = GoQuote.quote(String(u))
        return "'" + q.dropFirst().dropLast() + "'"
    }

    /// cty's `formatFSM`.
    static func format(_ format: String, _ args: [Value]) throws(Function.Failure) -> String {
        let data = Array(format.utf8)
        var out = ""
        var p = 0
        var nextArg = 1
        var highest = 0
        func errChar(_ at: Int) -> Function.Failure {
            let rest = String(decoding: data[at...], as: UTF8.self)
            let r = rest.unicodeScalars.first ?? "\u{FFFD}"
            return Function.Failure("unrecognized format character \(quoteRune(r)) at offset \(at)")
        }
        func isDigit(_ b: UInt8) -> Bool { (48...57).contains(b) }
        while p < data.count {
            let c = data[p]
            guard c == 37 else {
                var j = p
                while j < data.count, data[j] != 37 { j += 1 }
                out += String(decoding: data[p..<j], as: UTF8.self)
                p = j
                continue
            }
            if p + 1 < data.count, data[p + 1] == 37 {
                out += "%"
                p += 2
                continue
            }
            var verb = FormatVerb()
            verb.argNum = nextArg
            let ts = p
            p += 1
            // flags
            while p < data.count {
                switch data[p] {
                case 48: verb.zero = true
                case 35: verb.sharp = true
                case 45: verb.minus = true
                case 43: verb.plus = true
                case 32: verb.space = true
                default: break
                }
                if [48, 35, 45, 43, 32].contains(data[p]) { p += 1 } else { break }
            }
            // width
            if p < data.count, (49...57).contains(data[p]) {
                verb.width = 0
                while p < data.count, isDigit(data[p]) { verb.width = verb.width * 10 + Int(data[p] - 48); p += 1 }
                verb.hasWidth = true
            }
            // precision
            if p < data.count, data[p] == 46 {
                p += 1
                verb.prec = 0
                while p < data.count, isDigit(data[p]) { verb.prec = verb.prec * 10 + Int(data[p] - 48); p += 1 }
                verb.hasPrec = true
            }
            // argument index
            if p < data.count, data[p] == 91 {
                p += 1
                guard p < data.count else { throw Function.Failure("invalid format string starting at offset \(p)") }
                guard (49...57).contains(data[p]) else { throw errChar(p) }
                verb.argNum = 0
                while p < data.count, isDigit(data[p]) { verb.argNum = verb.argNum * 10 + Int(data[p] - 48); p += 1 }
                guard p < data.count else { throw Function.Failure("invalid format string starting at offset \(p)") }
                guard data[p] == 93 else { throw errChar(p) }
                p += 1
            }
            guard p < data.count else { throw Function.Failure("invalid format string starting at offset \(p)") }
            guard (65...90).contains(data[p]) || (97...122).contains(data[p]) else { throw errChar(p) }
            verb.mode = Unicode.Scalar(data[p])
            p += 1
            verb.raw = String(decoding: data[ts..<p], as: UTF8.self)
            verb.offset = ts
            highest = max(highest, verb.argNum)
            out += try formatAppend(verb, args)
            nextArg = verb.argNum + 1
        }
        if highest < args.count {
            if highest == 0 { throw Function.Failure("too many arguments; no verbs in format string", argument: highest + 1) }
            throw Function.Failure("too many arguments; only \(highest) used by format string", argument: highest + 1)
        }
        return out
    }

    static func formatAppend(_ verb: FormatVerb, _ args: [Value]) throws(Function.Failure) -> String {
        let idx = verb.argNum - 1
        guard idx < args.count else {
            throw Function.Failure("not enough arguments for \(GoQuote.quote(verb.raw)) at \(verb.offset): need index \(verb.argNum) but have \(args.count) total")
        }
        let arg = args[idx]
        if verb.mode != "v" && arg.isNull {
            throw Function.Failure("unsupported value for \(GoQuote.quote(verb.raw)) at \(verb.offset): null value cannot be formatted")
        }
        func unsupported(_ msg: String) -> Function.Failure {
            Function.Failure("unsupported value for \(GoQuote.quote(verb.raw)) at \(verb.offset): \(msg)")
        }
        switch verb.mode {
        case "v":
            if !verb.sharp && !arg.isNull {
                if case .string(let s) = arg.kind { return pad(verb, s) }
                if case .number(let n) = arg.kind { return pad(verb, n.big.text(format: "g", precision: -1)) }
            }
            do throws(GoJSONEncoder.Failure) { return pad(verb, try GoJSONEncoder.encode(arg)) } catch { throw unsupported(error.message) }
        case "t":
            do throws(Conversion.Failure) {
                let b = try Conversion.convert(arg, to: .bool)
                return b.boolValue == true ? "true" : "false"
            } catch {
                throw unsupported(error.message)
            }
        case "b", "d", "o", "x", "X", "e", "E", "f", "g", "G":
            let n: Number
            do throws(Conversion.Failure) { n = try Conversion.convert(arg, to: .number).numberValue ?? Number(0) } catch { throw unsupported(error.message) }
            if ["b", "d", "o", "x", "X"].contains(verb.mode) {
                guard n.isInteger, let (neg, mag) = n.big.truncated() else { throw unsupported("an integer is required") }
                return GoFmt.integer(neg, mag, verb)
            }
            return GoFmt.float(n.big, verb)
        case "s", "q":
            var s: String
            do throws(Conversion.Failure) { s = try Conversion.convert(arg, to: .string).stringValue ?? "" } catch { throw unsupported(error.message) }
            if verb.prec > 0 { s = String(s.prefix(verb.prec)) }
            return pad(verb, verb.mode == "s" ? s : JSONWriter.quote(s))
        default:
            throw Function.Failure("unsupported format verb \(quoteRune(verb.mode)) in \(GoQuote.quote(verb.raw)) at offset \(verb.offset)")
        }
    }

    /// cty's `formatPadWidth`: pads to the width in grapheme clusters.
    static func pad(_ verb: FormatVerb, _ s: String) -> String {
        guard verb.hasWidth, verb.width > s.count else { return s }
        let pads = String(repeating: verb.zero ? "0" : " ", count: verb.width - s.count)
        return verb.minus ? s + pads : pads + s
    }

    static let formatFunctions: [String: Function] = [
        "format": Function(params: [.init("format", .string)], variadic: .init("args", .dynamic, allowNull: true), returns: .string) { args throws(Function.Failure) in
            if args.dropFirst().contains(where: { !$0.isWhollyKnown }) { return .unknown(.string) }
            return .string(try format(str(args[0]), Array(args.dropFirst())))
        },
        "formatlist": Function(params: [.init("format", .string)], variadic: .init("args", .dynamic, allowNull: true, allowUnknown: true),
                               returns: .list(.string)) { args throws(Function.Failure) in
            let fmt = str(args[0])
            let rest = Array(args.dropFirst())
            if rest.isEmpty { return Value(.list([.string(try format(fmt, []))], element: .string)) }
            var iterLen = -1, chooser = -1
            var unknown = false
            var iterators: [[Value]?] = Array(repeating: nil, count: rest.count)
            for (i, a) in rest.enumerated() {
                let t = a.type
                if (t.isList || t.isSet || t.isTuple) && !a.isNull {
                    if !t.isTuple && !a.isKnown { unknown = true; continue }
                    let len = t.tupleElementTypes?.count ?? items(a).count
                    if iterLen == -1 {
                        iterLen = len
                        chooser = i
                    } else if len != iterLen {
                        throw Function.Failure("argument \(i + 1) has length \(len), which is inconsistent with argument \(chooser + 1) of length \(iterLen)", argument: i + 1)
                    }
                    if !a.isKnown { unknown = true; continue }
                    iterators[i] = items(a)
                }
            }
            if unknown { return .unknown(.list(.string)) }
            if iterLen == 0 { return Value(.list([], element: .string)) }
            if iterLen == -1 { iterLen = 1 }
            var out: [Value] = []
            results: for k in 0..<iterLen {
                var fmtArgs: [Value] = []
                for (i, a) in rest.enumerated() {
                    let v = iterators[i]?[k] ?? a
                    if !v.isWhollyKnown {
                        out.append(.unknown(.string))
                        continue results
                    }
                    fmtArgs.append(v)
                }
                do throws(Function.Failure) {
                    out.append(.string(try format(fmt, fmtArgs)))
                } catch {
                    throw Function.Failure("error on format iteration \(k): \(error.message)")
                }
            }
            return Value(.list(out, element: .string))
        },
    ]
}

/// Go's `fmt` verbs on `big.Float` and `big.Int` (their `Format` methods).
enum GoFmt {
    static func float(_ x: BigFloat, _ verb: Builtins.FormatVerb) -> String {
        var prec = verb.hasPrec ? verb.prec : 6
        var fmt = Character(verb.mode)
        if fmt == "g" || fmt == "G" { if !verb.hasPrec { prec = -1 } }
        if fmt == "F" { fmt = "f" }
        var text = x.text(format: fmt, precision: prec)
        var sign = ""
        if text.hasPrefix("-") {
            sign = "-"
            text.removeFirst()
        } else if text.hasPrefix("+") {
            sign = verb.space ? " " : "+"
            text.removeFirst()
        } else if verb.plus {
            sign = "+"
        } else if verb.space {
            sign = " "
        }
        let padding = verb.hasWidth && verb.width > sign.count + text.count ? verb.width - sign.count - text.count : 0
        let zero = verb.zero && !verb.minus
        if zero && !x.isInfinite { return sign + String(repeating: "0", count: padding) + text }
        if verb.minus { return sign + text + String(repeating: " ", count: padding) }
        return String(repeating: " ", count: padding) + sign + text
    }

    static func integer(_ negative: Bool, _ mag: BigUInt, _ verb: Builtins.FormatVerb) -> String {
        let base: Int
        switch verb.mode {
        case "b": base = 2
        case "o": base = 8
        case "x", "X": base = 16
        default: base = 10
        }
        var sign = ""
        if negative { sign = "-" } else if verb.plus { sign = "+" } else if verb.space { sign = " " }
        var prefix = ""
        if verb.sharp {
            switch verb.mode {
            case "b": prefix = "0b"
            case "o": prefix = "0"
            case "x": prefix = "0x"
            case "X": prefix = "0X"
            default: break
            }
        }
        var digits = digitsOf(mag, base: base)
        if verb.mode == "X" { digits = digits.uppercased() }
        var zeros = 0, left = 0, right = 0
        if verb.hasPrec {
            if digits.count < verb.prec {
                zeros = verb.prec - digits.count
            } else if digits == "0" && verb.prec == 0 {
                return ""
            }
        }
        let length = sign.count + prefix.count + zeros + digits.count
        if verb.hasWidth && length < verb.width {
            let d = verb.width - length
            if verb.minus { right = d } else if verb.zero && !verb.hasPrec { zeros = d } else { left = d }
        }
        return String(repeating: " ", count: left) + sign + prefix + String(repeating: "0", count: zeros) + digits
            + String(repeating: " ", count: right)
    }

    static func digitsOf(_ n: BigUInt, base: Int) -> String {
        if base == 10 { return n.description }
        if n.isZero { return "0" }
        var out: [Character] = []
        var v = n
        let digits = Array("0123456789abcdef")
        while !v.isZero {
            let (q, r) = v.quotientAndRemainder(dividingBy: UInt64(base))
            out.append(digits[Int(r)])
            v = q
        }
        return String(out.reversed())
    }
}
