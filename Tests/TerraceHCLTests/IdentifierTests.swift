import Testing
import TerraceHCL

/// HCL's identifier rule, as names in configuration, diffs and generated object keys use it;
/// the ASCII shortcut must agree with the Unicode properties.
struct IdentifierTests {
    @Test(arguments: [("a", true), ("_x", true), ("web-server_2", true), ("Éclair", true), ("名前", true), ("x·y", true),
                      ("", false), ("2x", false), ("-x", false), ("a b", false), ("a.b", false), ("é-", true), ("a\u{1F600}", false)])
    func identifiers(_ s: String, _ valid: Bool) {
        #expect(Identifier.isValid(s) == valid)
    }

    @Test func theASCIIShortcutAgreesWithUnicode() {
        for a in 0x20..<0x7F {
            for b in [0x61, 0x2D, 0x30, a] {
                let s = String(UnicodeScalar(UInt8(a))) + String(UnicodeScalar(UInt8(b)))
                let f = s.unicodeScalars.first!
                let unicode = (f == "_" || f.properties.isIDStart)
                    && s.unicodeScalars.allSatisfy { $0 == "-" || $0 == "_" || $0.properties.isIDContinue }
                #expect(Identifier.isValid(s) == unicode, "\(s)")
            }
        }
    }
}
