/// The fractional part of π in 32-bit words (0x243F6A88, 0x85A308D3, …): Blowfish's initial
/// P-array and S-boxes are its first 1,042 words. Computed once, on first use, with Machin's
/// formula π = 16·atan(1/5) − 4·atan(1/239) in fixed point, so the source carries no 4 KB table.
enum PiWords {
    /// The first `count` fractional words of π.
    static func compute(_ count: Int) -> [UInt32] {
        // One integer word, `count` fractional words and guard words against rounding.
        let n = count + 4
        var pi = [UInt32](repeating: 0, count: n + 1)
        add(&pi, atan(inverse: 5, words: n), times: 16)
        subtract(&pi, times4: atan(inverse: 239, words: n))
        return Array(pi[1...count])
    }

    static let blowfish: [UInt32] = compute(18 + 4 * 256)

    /// atan(1/x) as a fixed-point number with one integer word and `words` fractional words.
    static func atan(inverse x: UInt32, words: Int) -> [UInt32] {
        var sum = [UInt32](repeating: 0, count: words + 1)
        var term = [UInt32](repeating: 0, count: words + 1)
        term[0] = 1
        divide(&term, by: x, from: 0)  // 1/x
        var scratch = term
        var k: UInt32 = 0
        var lead = 0
        let x2 = x * x
        while true {
            while lead <= words && term[lead] == 0 { lead += 1 }
            if lead > words { break }
            // scratch = term / (2k+1)
            for i in 0..<lead { scratch[i] = 0 }
            for i in lead...words { scratch[i] = term[i] }
            divide(&scratch, by: 2 * k + 1, from: lead)
            if k % 2 == 0 { addInPlace(&sum, scratch) } else { subInPlace(&sum, scratch) }
            divide(&term, by: x2, from: lead)
            k += 1
        }
        return sum
    }

    static func divide(_ a: inout [UInt32], by d: UInt32, from start: Int) {
        var rem: UInt64 = 0
        for i in start..<a.count {
            let cur = rem << 32 | UInt64(a[i])
            a[i] = UInt32(cur / UInt64(d))
            rem = cur % UInt64(d)
        }
    }

    static func addInPlace(_ a: inout [UInt32], _ b: [UInt32]) {
        var carry: UInt64 = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            let s = UInt64(a[i]) + UInt64(b[i]) + carry
            a[i] = UInt32(truncatingIfNeeded: s)
            carry = s >> 32
        }
    }

    static func subInPlace(_ a: inout [UInt32], _ b: [UInt32]) {
        var borrow: Int64 = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            var s = Int64(a[i]) - Int64(b[i]) - borrow
            borrow = 0
            if s < 0 { s += 1 << 32; borrow = 1 }
            a[i] = UInt32(s)
        }
    }

    static func add(_ a: inout [UInt32], _ b: [UInt32], times m: UInt32) {
        var scaled = b
        var carry: UInt64 = 0
        for i in stride(from: scaled.count - 1, through: 0, by: -1) {
            let p = UInt64(scaled[i]) * UInt64(m) + carry
            scaled[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        addInPlace(&a, scaled)
    }

    static func subtract(_ a: inout [UInt32], times4 b: [UInt32]) {
        var scaled = b
        var carry: UInt64 = 0
        for i in stride(from: scaled.count - 1, through: 0, by: -1) {
            let p = UInt64(scaled[i]) * 4 + carry
            scaled[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        subInPlace(&a, scaled)
    }
}
