import Foundation

/// Instants with a fixed UTC offset, parsed from RFC 3339 and printed as Go's `time` package
/// does, and Go's duration syntax (`1h30m`, `-2.5s`), for `timeadd`, `formatdate` and
/// `timestamp`.
struct GoTime {
    /// Seconds since 1970-01-01T00:00:00Z.
    var unix: Int64
    var nanos: Int64
    /// The offset from UTC, in seconds, the time is shown in.
    var offset: Int

    static func now() -> GoTime {
        let t = Date().timeIntervalSince1970
        let s = Int64(t.rounded(.down))
        return GoTime(unix: s, nanos: Int64((t - Double(s)) * 1e9), offset: 0)
    }

    /// Civil fields in the time's offset.
    var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let local = unix + Int64(offset)
        var days = local / 86400
        var secs = local % 86400
        if secs < 0 { secs += 86400; days -= 1 }
        let (y, m, d) = Self.civil(days)
        let weekday = Int(((days % 7) + 11) % 7)     // 1970-01-01 was a Thursday (4)
        return (y, m, d, Int(secs / 3600), Int(secs % 3600 / 60), Int(secs % 60), weekday)
    }

    /// Days since the epoch to a proleptic Gregorian date (H. Hinnant's algorithm).
    static func civil(_ z0: Int64) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
    }

    static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int64 {
        let y = Int64(m <= 2 ? y0 - 1 : y0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(m > 2 ? m - 3 : m + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// `2006-01-02T15:04:05Z07:00`: `Z` for a zero offset, no fractional seconds.
    var rfc3339: String {
        let f = fields
        func two(_ n: Int) -> String { String(n).leftPadded(2) }
        var s = String(f.year).leftPadded(4) + "-" + two(f.month) + "-" + two(f.day)
        s += "T" + two(f.hour) + ":" + two(f.minute) + ":" + two(f.second)
        return s + zone(colon: true, z: true)
    }

    /// The offset as `Z07:00` (`z`), `-07:00` or `-0700`.
    func zone(colon: Bool, z: Bool) -> String {
        if offset == 0 && z { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        return sign + String(a / 3600).leftPadded(2) + (colon ? ":" : "") + String(a % 3600 / 60).leftPadded(2)
    }

    // MARK: - Parsing RFC 3339

    /// Go's `time.ParseError` fields that cty turns into its messages.
    struct ParseError: Error {
        var layoutElem: String
        var valueElem: String
        var message: String
    }

    static func parseRFC3339(_ s: String) throws(ParseError) -> GoTime {
        var v = Substring(s)
        func number(_ fixed: Bool) -> Int? {
            guard let c0 = v.first, c0.isASCII, c0.isNumber else { return nil }
            let two = v.count >= 2 && v.dropFirst().first!.isASCII && v.dropFirst().first!.isNumber
            if !two {
                if fixed { return nil }
                v = v.dropFirst()
                return Int(String(c0))
            }
            let n = Int(String(v.prefix(2)))
            v = v.dropFirst(2)
            return n
        }
        func expect(_ prefix: String) throws(ParseError) {
            guard v.hasPrefix(prefix) else { throw ParseError(layoutElem: prefix, valueElem: String(v), message: "") }
            v = v.dropFirst(prefix.count)
        }
        // 2006
        guard v.count >= 4, v.first!.isASCII, v.first!.isNumber else { throw ParseError(layoutElem: "2006", valueElem: String(v), message: "") }
        let yearText = v.prefix(4)
        v = v.dropFirst(4)
        guard let year = Int(yearText), yearText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ParseError(layoutElem: "2006", valueElem: String(v), message: "")
        }
        try expect("-")
        var hold = v
        guard let month = number(true) else { throw ParseError(layoutElem: "01", valueElem: String(hold), message: "") }
        if month < 1 || month > 12 { throw ParseError(layoutElem: "01", valueElem: String(v), message: ": month out of range") }
        try expect("-")
        hold = v
        guard let day = number(true) else { throw ParseError(layoutElem: "02", valueElem: String(hold), message: "") }
        try expect("T")
        hold = v
        guard let hour = number(false) else { throw ParseError(layoutElem: "15", valueElem: String(hold), message: "") }
        if hour >= 24 { throw ParseError(layoutElem: "15", valueElem: String(v), message: ": hour out of range") }
        try expect(":")
        hold = v
        guard let minute = number(true) else { throw ParseError(layoutElem: "04", valueElem: String(hold), message: "") }
        if minute >= 60 { throw ParseError(layoutElem: "04", valueElem: String(v), message: ": minute out of range") }
        try expect(":")
        hold = v
        guard let second = number(true) else { throw ParseError(layoutElem: "05", valueElem: String(hold), message: "") }
        if second >= 60 { throw ParseError(layoutElem: "05", valueElem: String(v), message: ": second out of range") }
        var nanos: Int64 = 0
        if v.count >= 2, v.first == "." || v.first == ",", v.dropFirst().first!.isASCII, v.dropFirst().first!.isNumber {
            var digits = v.dropFirst().prefix { $0.isASCII && $0.isNumber }
            v = v.dropFirst(1 + digits.count)
            digits = digits.prefix(9)
            nanos = Int64(String(digits).padding(toLength: 9, withPad: "0", startingAt: 0)) ?? 0
        }
        // Z07:00
        hold = v
        var offset = 0
        if v.first == "Z" {
            v = v.dropFirst()
        } else {
            let chars = Array(v)
            guard chars.count >= 6, chars[3] == ":", let h = Int(String(chars[1...2])), let m = Int(String(chars[4...5])),
                  chars[1...2].allSatisfy({ $0.isASCII && $0.isNumber }), chars[4...5].allSatisfy({ $0.isASCII && $0.isNumber }),
                  chars[0] == "+" || chars[0] == "-" else {
                throw ParseError(layoutElem: "Z07:00", valueElem: String(hold), message: "")
            }
            v = v.dropFirst(6)
            if h > 24 { throw ParseError(layoutElem: "Z07:00", valueElem: String(v), message: ": time zone offset hour out of range") }
            if m > 60 { throw ParseError(layoutElem: "Z07:00", valueElem: String(v), message: ": time zone offset minute out of range") }
            offset = (h * 60 + m) * 60 * (chars[0] == "-" ? -1 : 1)
        }
        if !v.isEmpty { throw ParseError(layoutElem: "", valueElem: String(v), message: ": extra text: \(v)") }
        if day < 1 || day > daysIn(month, year) { throw ParseError(layoutElem: "", valueElem: "", message: ": day out of range") }
        let local = days(year, month, day) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        return GoTime(unix: local - Int64(offset), nanos: nanos, offset: offset)
    }

    // MARK: - Durations

    struct DurationError: Error { var message: String }

    /// Go's `time.ParseDuration`, in nanoseconds.
    static func parseDuration(_ s: String) throws(DurationError) -> Int64 {
        let orig = s
        var v = Array(s.unicodeScalars)[...]
        func quote(_ x: String) -> String { "\"" + x + "\"" }
        let invalid = DurationError(message: "time: invalid duration " + quote(orig))
        var neg = false
        if let c = v.first, c == "-" || c == "+" {
            neg = c == "-"
            v = v.dropFirst()
        }
        if String(String.UnicodeScalarView(v)) == "0" { return 0 }
        if v.isEmpty { throw invalid }
        var total: Double = 0
        while !v.isEmpty {
            guard let c = v.first, c == "." || ("0"..."9").contains(c) else { throw invalid }
            let intPart = v.prefix { ("0"..."9").contains($0) }
            v = v.dropFirst(intPart.count)
            var frac = Substring("")
            if v.first == "." {
                v = v.dropFirst()
                let f = v.prefix { ("0"..."9").contains($0) }
                frac = Substring(String(String.UnicodeScalarView(f)))
                v = v.dropFirst(f.count)
            }
            if intPart.isEmpty && frac.isEmpty { throw invalid }
            let unit = v.prefix { !($0 == "." || ("0"..."9").contains($0)) }
            v = v.dropFirst(unit.count)
            let u = String(String.UnicodeScalarView(unit))
            if u.isEmpty { throw DurationError(message: "time: missing unit in duration " + quote(orig)) }
            let scale: Double
            switch u {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1e3
            case "ms": scale = 1e6
            case "s": scale = 1e9
            case "m": scale = 60e9
            case "h": scale = 3600e9
            default: throw DurationError(message: "time: unknown unit " + quote(u) + " in duration " + quote(orig))
            }
            let number = Double(String(String.UnicodeScalarView(intPart)) + "." + frac) ?? 0
            total += number * scale
            if total > 9.223372036854775807e18 { throw invalid }
        }
        let n = Int64(total.rounded(.towardZero))
        return neg ? -n : n
    }

    func adding(nanoseconds d: Int64) -> GoTime {
        var t = self
        let total = nanos + d % 1_000_000_000
        t.unix += d / 1_000_000_000 + (total >= 1_000_000_000 ? 1 : total < 0 ? -1 : 0)
        t.nanos = (total % 1_000_000_000 + 1_000_000_000) % 1_000_000_000
        return t
    }
}
