import Testing
@testable import TerraceLang

/// `yamlencode` output reads back as the same value through `yamldecode`.
@Suite struct YAMLTests {
    static let values: [Value] = [
        .object(["a": .number(1), "b": .tuple([.string("x"), .bool(true)]), "c": .object(["d": .dynamicNull])]),
        .tuple([.tuple([.number(1), .number(2)]), .object(["k": .string("multi\nline\n")])]),
        .string("quote \" backslash \\ tab\t"),
        .object(["long": .string(String(repeating: "word ", count: 40))]),
        .object(["x": .string("  leading spaces\nsecond")]),
        .tuple([]),
        .object([:]),
    ]

    @Test(arguments: values)
    func roundTrips(_ v: Value) throws {
        let text = try YAMLEncoder.encode(v)
        let back = try YAMLDecoder.decode(text)
        #expect(Evaluator.valuesEqual(back, v), "\(text)")
    }

    @Test func resolvesYAML11Scalars() throws {
        #expect(try YAMLDecoder.decode("[yes, off, ~, 0x1F, 017, 1_000, .5]") ==
            .tuple([.bool(true), .bool(false), .dynamicNull, .number(31), .number(17), .number(1000), .number(Number(parsing: "0.5")!)]))
    }

    @Test func rejectsMultipleDocuments() {
        #expect(throws: YAMLDecoder.Failure.self) { try YAMLDecoder.decode("a: 1\n---\nb: 2\n") }
    }
}
