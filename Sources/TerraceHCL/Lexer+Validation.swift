import TerraceBasics

extension Lexer {
    /// Diagnostics for tokens that can never appear in valid HCL, as hclsyntax's
    /// `checkInvalidTokens` reports them (limiting repeats of the same complaint), so the parser
    /// needs no special cases for them.
    static func checkInvalidTokens(_ tokens: [Token], src: [UInt8], filename: String, base: Int = 0) -> Diagnostics {
        var diags = Diagnostics()
        var toldBitwise = 0, toldBacktick = 0, toldApostrophe = 0, toldSemicolon = 0, toldBadUTF8 = 0
        for tok in tokens {
            switch tok.kind {
            case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseNot:
                if toldBitwise < 4 {
                    var suggestion = ""
                    switch tok.kind {
                    case .bitwiseAnd: suggestion = " Did you mean boolean AND (\"&&\")?"
                    case .bitwiseOr: suggestion = " Did you mean boolean OR (\"||\")?"
                    case .bitwiseNot: suggestion = " Did you mean boolean NOT (\"!\")?"
                    default: break
                    }
                    diags.append(.error("Unsupported operator", "Bitwise operators are not supported.\(suggestion)", at: tok.range(in: filename)))
                    toldBitwise += 1
                }
            case .backtick:
                if toldBacktick % 2 == 0 {
                    diags.append(.error("Invalid character",
                        "The \"`\" character is not valid. To create a multi-line string, use the \"heredoc\" syntax, like \"<<EOT\".",
                        at: tok.range(in: filename)))
                }
                if toldBacktick <= 2 { toldBacktick += 1 }
            case .apostrophe:
                if toldApostrophe % 2 == 0 {
                    diags.append(.error("Invalid character",
                        "Single quotes are not valid. Use double quotes (\") to enclose strings.", at: tok.range(in: filename)))
                }
                if toldApostrophe <= 2 { toldApostrophe += 1 }
            case .semicolon:
                if toldSemicolon < 1 {
                    diags.append(.error("Invalid character",
                        "The \";\" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.",
                        at: tok.range(in: filename)))
                    toldSemicolon += 1
                }
            case .badUTF8:
                if toldBadUTF8 < 1 {
                    diags.append(.error("Invalid character encoding",
                        "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.",
                        at: tok.range(in: filename)))
                    toldBadUTF8 += 1
                }
            case .quotedNewline:
                diags.append(.error("Invalid multi-line string",
                    "Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the \"heredoc\" multi-line template syntax.",
                    at: tok.range(in: filename)))
            case .invalid:
                let chars = String(decoding: src[(tok.start.byte - base)..<(tok.end.byte - base)], as: UTF8.self)
                if chars == "\u{201C}" || chars == "\u{201D}" {
                    diags.append(.error("Invalid character",
                        "\"Curly quotes\" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a \"straight quote\".",
                        at: tok.range(in: filename)))
                } else {
                    diags.append(.error("Invalid character", "This character is not used within the language.", at: tok.range(in: filename)))
                }
            default:
                break
            }
        }
        return diags
    }
}
