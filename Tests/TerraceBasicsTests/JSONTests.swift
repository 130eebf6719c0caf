import Testing
import TerraceBasics

@Suite struct JSONTests {
    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":"x"}"#,
        #"[12345678901234567890123,0.1,-2.5e-7]"#,
        #"{"nested":{"deep":[{"k":"v"}]}}"#,
        #""unicode: é ☃ 😀""#,
    ])
    func roundTripsCompact(_ text: String) throws {
        let j = try JSONParser.parse(text)
        #expect(JSONWriter.compact(j) == text)
    }

    @Test func keepsMemberOrderAndNumberText() throws {
        let j = try JSONParser.parse(#"{"z": 1.50, "a": 2}"#)
        #expect(j.objectValue?.map(\.0) == ["z", "a"])
        #expect(j["z"] == .number("1.50"))
    }

    @Test func escapesAsGoDoes() {
        #expect(JSONWriter.quote("<a & b>\n\"q\"\u{01}") == #""\u003ca \u0026 b\u003e\n\"q\"\u0001""#)
    }

    @Test func prettyMatchesMarshalIndent() {
        let j = JSON.object([("version", .int(4)), ("outputs", .object([])), ("resources", .array([.string("x")]))])
        #expect(JSONWriter.pretty(j) == "{\n  \"version\": 4,\n  \"outputs\": {},\n  \"resources\": [\n    \"x\"\n  ]\n}")
    }

    @Test(arguments: ["{", "[1,]", "{\"a\" 1}", "tru", "\"unterminated", "01", "1.", "{\"a\":1} x", "\"\\q\""])
    func rejectsInvalid(_ text: String) {
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(text) }
    }

    @Test func reportsPositionOfError() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": ,\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.pos.line == 2)
            #expect(error.pos.column == 8)
        }
    }

    @Test func boundsNesting() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParser.ParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
    }
}
