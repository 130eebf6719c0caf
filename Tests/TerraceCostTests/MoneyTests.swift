import Testing
@testable import TerraceCost

/// How amounts, prices and quantities are printed everywhere.
@Suite struct MoneyTests {
    @Test(arguments: [
        (32.85 as Double, "$32.85"), (1705.28, "$1,705.28"), (0.0, "$0.00"), (2_365_400.5, "$2,365,400.50"),
        (50.065, "$50.07"), (0.425, "$0.43"), (0.045 * 730, "$32.85"), (-12.0, "-$12.00"), (-0.001, "$0.00"),
    ])
    func dollars(_ v: Double, _ s: String) { #expect(Money.dollars(v) == s) }

    @Test(arguments: [(123.45, "+$123.45"), (-23.999, "-$24.00"), (0.004, "$0.00"), (1234.5, "+$1,234.50")])
    func signed(_ v: Double, _ s: String) { #expect(Money.signedDollars(v) == s) }

    @Test(arguments: [(0.045, "$0.045"), (0.0004, "$0.0004"), (600.0, "$600.00"), (5.84, "$5.84"), (0.5, "$0.50"),
                      (0.0000166667, "$0.0000166667"), (1234.5, "$1,234.50")])
    func price(_ v: Double, _ s: String) { #expect(Money.price(v) == s) }

    @Test(arguments: [(730.0, "730"), (11_680.0, "11,680"), (0.5, "0.5"), (0.04, "0.04"), (1_234.56789, "1,234.5679"), (2190.0, "2,190")])
    func quantity(_ v: Double, _ s: String) { #expect(Money.quantity(v) == s) }

    @Test(arguments: [(32.849999999999994, "32.85"), (0.00013, "0.00013"), (730.0, "730"), (0.0, "0"), (1e-12, "0"), (29.5504, "29.5504")])
    func decimal(_ v: Double, _ s: String) { #expect(Money.decimal(v) == s) }
}
