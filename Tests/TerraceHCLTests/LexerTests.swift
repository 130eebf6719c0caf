import Testing
import TerraceBasics
@testable import TerraceHCL

/// Token boundaries and positions are hclsyntax's: the formatter depends on the former and
/// every diagnostic on the latter.
@Suite struct LexerTests {
    /// `kind:text@column` for each token but the end of file.
    func tokens(_ s: String) -> [String] {
        let src = Array(s.utf8)
        let (toks, _) = Lexer.scan(src, filename: "t")
        return toks.dropLast().map { "\($0.kind):\(String(decoding: src[$0.bytes], as: UTF8.self))@\($0.start.column)" }
    }

    @Test(arguments: [
        ("a = 1", ["ident:a@1", "equal:=@3", "numberLit:1@5"]),
        // Numbers run on through dots and exponents, but do not end in a dot.
        ("1.2.3 1e5 2e 3.", ["numberLit:1.2.3@1", "numberLit:1e5@7", "numberLit:2@11", "ident:e@12", "numberLit:3@14", "dot:.@15"]),
        ("a.0.1", ["ident:a@1", "dot:.@2", "numberLit:0.1@3"]),
        // A quoted literal is split where `$` or `%` stand alone.
        (#""a$b%%{c""#, [#"oQuote:"@1"#, "quotedLit:a@2", "quotedLit:$@3", "quotedLit:b@4", "quotedLit:%%{@5", "quotedLit:c@8", #"cQuote:"@9"#]),
        (#""${x ~}""#, [#"oQuote:"@1"#, "templateInterp:${@2", "ident:x@4", "templateSeqEnd:~}@6", #"cQuote:"@8"#]),
        // Line comments include their line end; an unterminated block comment is just symbols.
        ("# c\r\nx", ["comment:# c\r\n@1", "ident:x@1"]),
        ("/* x", ["slash:/@1", "star:*@2", "ident:x@4"]),
        ("<<EOT\n x\n  EOT\n", ["oHeredoc:<<EOT\n@1", "stringLit: x\n@1", "cHeredoc:  EOT@1", "newline:\n@6"]),
        ("a ~} b", ["ident:a@1", "templateSeqEnd:~}@3", "ident:b@6"]),
        ("p::f()", ["ident:p@1", "doubleColon:::@2", "ident:f@4", "oParen:(@5", "cParen:)@6"]),
        ("a & b; 'c'", ["ident:a@1", "bitwiseAnd:&@3", "ident:b@5", "semicolon:;@6", "apostrophe:'@8", "ident:c@9", "apostrophe:'@10"]),
        // Columns count grapheme clusters: e + combining acute is one column.
        ("e\u{301} = \"\u{1F680}\" x", ["ident:e\u{301}@1", "equal:=@3", #"oQuote:"@5"#, "quotedLit:\u{1F680}@6", #"cQuote:"@7"#, "ident:x@9"]),
        // A tab is one column, as in HCL.
        ("\ta\t=\t1", ["ident:a@2", "equal:=@4", "numberLit:1@6"]),
    ] as [(String, [String])])
    func scans(_ source: String, _ expected: [String]) {
        #expect(tokens(source) == expected, "\(source.debugDescription)")
    }

    @Test func byteOrderMarkTakesNoColumn() {
        let src: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a = 1".utf8)
        let (toks, diags) = Lexer.scan(src, filename: "t")
        #expect(diags.isEmpty)
        #expect(toks[0].start.column == 1 && toks[0].start.byte == 3)
    }

    @Test func multiLineTokensAdvanceLines() {
        let (toks, _) = Lexer.scan(Array("/* a\nbb */ x\r\ny".utf8), filename: "t")
        #expect(toks.map { "\($0.start.line):\($0.start.column)" } == ["1:1", "2:7", "2:8", "3:1", "3:2"])
    }

    @Test func reportsCharactersThatAreNeverValid() {
        // The closing backtick of a pair is not reported again.
        let (_, d) = Lexer.scan(Array("a = `x` | \u{201C}q\u{201D} ".utf8) + [0xFF], filename: "t")
        #expect(d.errors.map(\.summary) == ["Invalid character", "Unsupported operator", "Invalid character",
                                            "Invalid character", "Invalid character encoding"])
    }
}
