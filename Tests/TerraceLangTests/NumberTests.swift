import Foundation
import Testing
import TerraceBasics
@testable import TerraceLang

/// Terraform numbers: Go `big.Float` semantics (precision per value, round to nearest even,
/// shortest decimal printing) and the big integers under them.
@Suite struct NumberTests {
    func n(_ s: String) -> Number { Number(parsing: s)! }

    @Test(arguments: [
        ("1", "1"), ("-0", "-0"), ("0.1", "0.1"), ("1e3", "1000"), ("1.5e-7", "0.00000015"),
        ("12345678901234567890123", "12345678901234567890123"), ("007", "7"), ("1.", "1"), (".5", "0.5"),
        ("Inf", "+Inf"), ("-inf", "-Inf"), ("1p4", "16"),
    ])
    func parsesAndPrintsAsGo(_ text: String, _ printed: String) {
        #expect(n(text).description == printed)
    }

    @Test(arguments: ["", "x", "1e", "0x10", " 1", "1_000", "--1", "1.2.3", "."])
    func rejectsWhatGoRejects(_ text: String) {
        #expect(Number(parsing: text) == nil)
    }

    @Test func integersAreExactFarBeyond53Bits() {
        let big = n("9007199254740993")
        #expect((big + Number(1)).description == "9007199254740994")
        let huge = n("123456789012345678901234567890")
        #expect((huge * Number(10)).description == "1234567890123456789012345678900")
        #expect(n("18446744073709551616").intValue == nil)
        #expect(n("9223372036854775807").intValue == Int.max)
    }

    /// Whole numbers print without the digit-generation algorithm when every bit is kept;
    /// the result must be what the algorithm gives, at every precision numbers come with
    /// (doubles at 2^60 keep 53 bits, so their shortest digits are not the exact integer).
    @Test func wholeNumbersPrintAsTheShortestDigitsAlgorithmDoes() {
        var rng = SystemRandomNumberGenerator()
        var samples: [BigFloat] = [BigFloat(Int64.max), BigFloat(Int64.min + 1), BigFloat(Double(1 << 60)),
                                   BigFloat(Double(1 << 53) + 2), BigFloat(UInt64.max), BigFloat(-7.0)]
        for _ in 0..<2_000 {
            let bits = Int.random(in: 0...63, using: &rng)
            let v = Int64.random(in: 0...(bits == 63 ? Int64.max : (1 << bits)), using: &rng) * (Bool.random() ? 1 : -1)
            samples.append(BigFloat(v))
            samples.append(BigFloat(Double(v)))
            samples.append(Number(parsing: String(v))!.big)
        }
        for f in samples {
            #expect(f.shortestText == f.text(format: "f", precision: -1), "\(f.text(format: "e", precision: 20))")
        }
        #expect(BigFloat(Double(1 << 60)).shortestText == "1152921504606847000")
    }

    @Test func decimalFractionsPrintAsDecimals() {
        #expect((n("0.1") + n("0.2")).description == "0.3")
        #expect(Number.product(n("0.1"), n("3"))?.description == "0.3")
    }

    @Test func precisionFollowsTheOperands() {
        // A literal has 512 bits; an integer from a function 64; a double 53.
        #expect(n("1").precision == 512)
        #expect(Number(3).precision == 64)
        #expect(Number(0.5).precision == 53)
        let third = Number.divide(Number(1), Number(3))!
        #expect(third.description == "0.33333333333333333334")
        #expect(Number.divide(n("1"), n("3"))!.description.count == 157)
        #expect(Number(pow(2, 100) as Double).description == "1267650600228229400000000000000")
    }

    @Test func divisionByZeroIsInfiniteAndNaNIsAnError() {
        #expect(Number.divide(n("1"), n("0")) == .positiveInfinity)
        #expect(Number.divide(n("-1"), n("0")) == .negativeInfinity)
        #expect(Number.divide(n("0"), n("0")) == nil)
        #expect(Number.sum(.positiveInfinity, .negativeInfinity) == nil)
        #expect(Number.product(n("0"), .positiveInfinity) == nil)
    }

    @Test func moduloKeepsTheDividendsSign() {
        #expect(Number.modulo(n("-5"), n("3"))?.description == "-2")
        #expect(Number.modulo(n("5.5"), n("2"))?.description == "1.5")
        #expect(Number.modulo(n("5"), n("0"))?.description == "5")
    }

    @Test func equalValuesHashEqually() {
        #expect(n("1") == Number(1))
        #expect(n("1").hashValue == Number(1).hashValue)
        #expect(n("-0") == n("0"))
        #expect(Set([n("2"), Number(2), n("2.0")]).count == 1)
    }

    @Test func goTextFormats() {
        #expect(n("1234.5678").big.text(format: "e", precision: 3) == "1.235e+03")
        #expect(n("0.00001234").big.text(format: "g", precision: -1) == "1.234e-05")
        #expect(n("2.5").big.text(format: "f", precision: 0) == "2")
        #expect(n("3.5").big.text(format: "f", precision: 0) == "4")
        #expect(n("100").big.text(format: "g", precision: 10) == "100")
    }

    @Test(arguments: 0..<200)
    func bigDivisionInvertsMultiplication(_ seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 0x9E3779B97F4A7C15)
        let a = BigUInt(limbs: (0..<(1 + seed % 5)).map { _ in rng.next() })
        let b = BigUInt(limbs: (0..<(1 + seed % 3)).map { _ in rng.next() | 1 })
        let r = BigUInt(rng.next() % (b.uint64Value ?? UInt64.max))
        let (q, rem) = (a * b + r).quotientAndRemainder(dividingBy: b)
        #expect(q == a)
        #expect(rem == r)
        #expect(BigUInt(decimalDigits: Array(a.description.utf8)) == a)
    }
}
