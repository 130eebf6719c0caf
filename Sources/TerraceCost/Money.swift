import Foundation

/// Number formatting shared by every cost view and the JSON writer. Money and quantities are
/// doubles; everything printed goes through here so float noise (32.849999…) never shows.
public enum Money {
    /// `$1,705.28`; negative amounts as `-$12.00`.
    public static func dollars(_ amount: Double, decimals: Int = 2) -> String {
        let sign = amount < 0 && rounded(abs(amount), decimals) != 0 ? "-" : ""
        return sign + "$" + grouped(abs(amount), decimals: decimals)
    }

    /// `+$123.45` / `-$12.00` / `$0.00`: a change.
    public static func signedDollars(_ amount: Double) -> String {
        let r = rounded(amount, 2)
        if r == 0 { return "$0.00" }
        return (r > 0 ? "+" : "-") + "$" + grouped(abs(amount), decimals: 2)
    }

    /// A unit price as Infracost prints it: at least two decimals, more when the price has them
    /// (`$0.045`, `$0.0004`, `$600.00`).
    public static func price(_ p: Double) -> String {
        var s = plain(p, maxDecimals: 10)
        if let dot = s.firstIndex(of: ".") {
            let decimals = s.distance(from: dot, to: s.endIndex) - 1
            if decimals < 2 { s += String(repeating: "0", count: 2 - decimals) }
        } else {
            s += ".00"
        }
        let parts = s.split(separator: ".", maxSplits: 1)
        let whole = Double(parts[0]) ?? 0
        return "$" + grouped(whole, decimals: 0) + "." + (parts.count > 1 ? parts[1] : "00")
    }

    /// A quantity with thousands separators and up to four decimals (`1,460`, `0.5`).
    public static func quantity(_ q: Double) -> String {
        let r = rounded(q, 4)
        if r == r.rounded() { return grouped(r, decimals: 0) }
        let s = plain(r, maxDecimals: 4)
        let parts = s.split(separator: ".", maxSplits: 1)
        let whole = grouped(Double(parts[0]) ?? 0, decimals: 0)
        return (q < 0 ? "-" : "") + whole.replacingOccurrences(of: "-", with: "") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A decimal string without exponent or float noise (`32.85`, `0.00013`, `730`), as
    /// Infracost writes numbers in its JSON.
    public static func decimal(_ v: Double) -> String { plain(v, maxDecimals: 10) }

    /// Rounds half away from zero on the value's 10-decimal form, so 50.065 (stored as
    /// 50.06499999…) rounds to 50.07 as its decimal text says, and every view (and any script
    /// reading the JSON's decimal strings) rounds the same way.
    static func rounded(_ v: Double, _ decimals: Int) -> Double {
        guard v.isFinite else { return v }
        let tenth = (v * 1e10).rounded() / 1e10
        var d = Decimal(string: String(format: "%.10f", tenth)) ?? Decimal(tenth)
        var out = Decimal()
        NSDecimalRound(&out, &d, decimals, .plain)
        return NSDecimalNumber(decimal: out).doubleValue
    }

    static func plain(_ v: Double, maxDecimals: Int) -> String {
        var s = String(format: "%.\(maxDecimals)f", maxDecimals >= 10 ? (v * 1e10).rounded() / 1e10 : rounded(v, maxDecimals))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }

    static func grouped(_ v: Double, decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", rounded(v, decimals))
        let parts = s.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var negative = false
        if whole.hasPrefix("-") { negative = true; whole.removeFirst() }
        var out = ""
        for (i, c) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        let body = String(out.reversed()) + (parts.count > 1 ? "." + parts[1] : "")
        return negative ? "-" + body : body
    }
}
