/// HCL's identifier rule (`hclsyntax.ValidIdentifier`): a letter or `_`, then letters,
/// digits, `_` and `-`, where "letter" is Unicode's ID_Start and the rest ID_Continue.
/// Configuration names, attribute names shown in diffs and object keys written as bare
/// identifiers all use it.
public enum Identifier {
    public static func isValid(_ s: String) -> Bool {
        // ASCII names (nearly all) are checked without Unicode property lookups: there ID_Start
        // is a letter and ID_Continue a letter, digit or underscore.
        if let f = s.utf8.first, s.utf8.allSatisfy({ $0 < 0x80 }) {
            func letter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            return (f == 0x5F || letter(f)) && s.utf8.allSatisfy { b in
                b == 0x2D || b == 0x5F || letter(b) || (b >= 0x30 && b <= 0x39)
            }
        }
        guard let f = s.unicodeScalars.first, f == "_" || f.properties.isIDStart else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "-" || $0 == "_" || $0.properties.isIDContinue }
    }
}
