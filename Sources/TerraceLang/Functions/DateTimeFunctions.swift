/// Date and time functions: formatdate timeadd timestamp (cty's stdlib and Terraform's
/// `timestamp`, unknown while planning as Terraform makes it until apply).
extension Builtins {
    /// cty's messages for an unparsable RFC 3339 timestamp.
    static func parseTimestamp(_ s: String) throws(Function.Failure) -> GoTime {
        do {
            return try GoTime.parseRFC3339(s)
        } catch {
            if error.layoutElem.isEmpty && error.valueElem.isEmpty && !error.message.isEmpty {
                throw Function.Failure("not a valid RFC3339 timestamp\(error.message)")
            }
            let what: String
            switch error.layoutElem {
            case "2006": what = "year"
            case "01": what = "month"
            case "02": what = "day of month"
            case "15": what = "hour"
            case "04": what = "minute"
            case "05": what = "second"
            case "Z07:00": what = "UTC offset"
            case "T": throw Function.Failure("not a valid RFC3339 timestamp: missing required time introducer 'T'")
            case ":", "-":
                if error.valueElem.isEmpty {
                    throw Function.Failure("not a valid RFC3339 timestamp: end of string where \(GoQuote.quote(error.layoutElem)) is expected")
                }
                throw Function.Failure("not a valid RFC3339 timestamp: found \(GoQuote.quote(error.valueElem)) where \(GoQuote.quote(error.layoutElem)) is expected")
            default: what = "timestamp segment"
            }
            if error.valueElem.isEmpty {
                throw Function.Failure("not a valid RFC3339 timestamp: end of string before \(what)")
            }
            throw Function.Failure("not a valid RFC3339 timestamp: cannot use \(GoQuote.quote(error.valueElem)) as \(what)")
        }
    }

    static func dateTimeFunctions(planning: Bool) -> [String: Function] {
        [
            "timestamp": Function(params: [], returns: .string) { _ in
                planning ? .unknown(.string) : .string(GoTime.now().rfc3339)
            },
            "timeadd": Function(params: [.init("timestamp", .string), .init("duration", .string)], returns: .string) { args throws(Function.Failure) in
                let t = try parseTimestamp(str(args[0]))
                let d: Int64
                do throws(GoTime.DurationError) { d = try GoTime.parseDuration(str(args[1])) } catch { throw Function.Failure(error.message) }
                return .string(t.adding(nanoseconds: d).rfc3339)
            },
            "formatdate": Function(params: [.init("format", .string), .init("time", .string)], returns: .string) { args throws(Function.Failure) in
                let t: GoTime
                do throws(Function.Failure) { t = try parseTimestamp(str(args[1])) } catch { throw Function.Failure(error.message, argument: 1) }
                return .string(try formatDate(str(args[0]), t))
            },
        ]
    }

    /// cty's `formatdate` tokens: runs of one letter are verbs, `'…'` literal text (`''` a quote).
    static func formatDate(_ format: String, _ t: GoTime) throws(Function.Failure) -> String {
        let bytes = Array(format.utf8)
        var out = ""
        var i = 0
        let f = t.fields
        func isLetter(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
        func two(_ n: Int) -> String { String(n).leftPadded(2) }
        while i < bytes.count {
            let c = bytes[i]
            if c == 39 {
                // Literal text up to the closing quote; doubled quotes inside are one quote.
                if i + 1 < bytes.count, bytes[i + 1] == 39 { out += "'"; i += 2; continue }
                var j = i + 1
                var closed = false
                var raw: [UInt8] = []
                while j < bytes.count {
                    if bytes[j] == 39 {
                        if j + 1 < bytes.count, bytes[j + 1] == 39 { raw.append(39); j += 2; continue }
                        closed = true
                        j += 1
                        break
                    }
                    raw.append(bytes[j])
                    j += 1
                }
                if !closed { throw Function.Failure("unterminated literal '", argument: 0) }
                out += String(decoding: raw, as: UTF8.self)
                i = j
                continue
            }
            if isLetter(c) {
                var j = i
                while j < bytes.count, bytes[j] == c { j += 1 }
                let tok = String(decoding: bytes[i..<j], as: UTF8.self)
                let n = j - i
                func bad(_ detail: String) -> Function.Failure {
                    Function.Failure("invalid date format verb \(GoQuote.quote(tok)): \(detail)", argument: 0)
                }
                switch c {
                case 89: // Y
                    switch n {
                    case 2: out += two(f.year % 100)
                    case 4: out += String(f.year).leftPadded(4)
                    default: throw bad("year must either be \"YY\" or \"YYYY\"")
                    }
                case 77: // M
                    switch n {
                    case 1: out += String(f.month)
                    case 2: out += two(f.month)
                    case 3: out += String(GoTime.monthNames[f.month - 1].prefix(3))
                    case 4: out += GoTime.monthNames[f.month - 1]
                    default: throw bad("month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"")
                    }
                case 68: // D
                    switch n {
                    case 1: out += String(f.day)
                    case 2: out += two(f.day)
                    default: throw bad("day of month must either be \"D\" or \"DD\"")
                    }
                case 69: // E
                    switch n {
                    case 3: out += String(GoTime.dayNames[f.weekday].prefix(3))
                    case 4: out += GoTime.dayNames[f.weekday]
                    default: throw bad("day of week must either be \"EEE\" or \"EEEE\"")
                    }
                case 104: // h
                    switch n {
                    case 1: out += String(f.hour)
                    case 2: out += two(f.hour)
                    default: throw bad("24-hour must either be \"h\" or \"hh\"")
                    }
                case 72: // H
                    let h = f.hour % 12 == 0 ? 12 : f.hour % 12
                    switch n {
                    case 1: out += String(h)
                    case 2: out += two(h)
                    default: throw bad("12-hour must either be \"H\" or \"HH\"")
                    }
                case 65, 97: // A, a
                    guard n == 2 else {
                        let l = String(UnicodeScalar(c))
                        throw bad("must be \"\(l)\(l)\"")
                    }
                    let pm = f.hour >= 12
                    out += c == 65 ? (pm ? "PM" : "AM") : (pm ? "pm" : "am")
                case 109: // m
                    switch n {
                    case 1: out += String(f.minute)
                    case 2: out += two(f.minute)
                    default: throw bad("minute must either be \"m\" or \"mm\"")
                    }
                case 115: // s
                    switch n {
                    case 1: out += String(f.second)
                    case 2: out += two(f.second)
                    default: throw bad("second must either be \"s\" or \"ss\"")
                    }
                case 90: // Z
                    switch n {
                    case 1: out += t.zone(colon: true, z: true)
                    case 3:
                        let z = t.zone(colon: false, z: false)
                        out += z == "+0000" ? "UTC" : z
                    case 4: out += t.zone(colon: false, z: false)
                    case 5: out += t.zone(colon: true, z: false)
                    default: throw bad("timezone must be Z, ZZZZ, or ZZZZZ")
                    }
                default:
                    throw Function.Failure("invalid date format verb \(GoQuote.quote(tok))", argument: 0)
                }
                i = j
                continue
            }
            var j = i + 1
            while j < bytes.count, bytes[j] != 39, !isLetter(bytes[j]) { j += 1 }
            out += String(decoding: bytes[i..<j], as: UTF8.self)
            i = j
        }
        return out
    }
}
