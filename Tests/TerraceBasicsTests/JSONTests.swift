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

    /// Go's `encodeState.string`, one scalar at a time: the writer's byte-run version must
    /// agree on every string, including the three-byte sequences around U+2028 and U+2029.
    static func goQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 { out += (u.value < 0x10 ? "\\u000" : "\\u00") + String(u.value, radix: 16) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    @Test func escapesEveryStringAsGoDoes() {
        let pieces = ["a", "é", "☃", "😀", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "—", "€", "\u{E2}", "<", ">", "&", "\"", "\\",
                      "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", " ", "x-y_z.0"]
        var rng = SplitMix64(seed: 1)
        for _ in 0..<3_000 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(JSONWriter.quote(s) == Self.goQuote(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(JSONWriter.compact(.array([.string(s), .object([(s, .string(s))])])) == "[\(Self.goQuote(s)),{\(Self.goQuote(s)):\(Self.goQuote(s))}]")
        }
    }

    @Test func prettyMatchesMarshalIndent() {
        let j = JSON.object([("version", .int(4)), ("outputs", .object([])), ("resources", .array([.string("x")]))])
        #expect(JSONWriter.pretty(j) == "{\n  \"version\": 4,\n  \"outputs\": {},\n  \"resources\": [\n    \"x\"\n  ]\n}")
        #expect(JSONWriter.prettyBytes(j) == Array(JSONWriter.pretty(j).utf8))
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
