import Testing
@testable import TerraceLang

/// The RE2 engine: Go's syntax and errors, leftmost-first matching, replacement templates.
@Suite struct RegexTests {
    func find(_ pattern: String, _ s: String) -> String? {
        guard let re = try? GoRegexp(pattern) else { return nil }
        let input = Array(s.unicodeScalars)
        guard let m = re.match(input, from: 0) else { return nil }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: input[m[0]..<m[1]])
        return String(out)
    }

    @Test(arguments: [
        ("a|ab", "ab", "a"),            // leftmost-first, not leftmost-longest
        ("(a|ab)(c|bcd)", "abcd", "abcd"),
        ("a*?", "aaa", ""),
        ("a+?", "aaa", "a"),
        ("x*", "yxx", ""),
        ("[[:upper:]]+", "abcDEFg", "DEF"),
        ("(?i)straße", "STRASSE straße", "straße"),
        ("\\bis\\b", "this is", "is"),
        ("^$", "", ""),
        ("a{2,3}", "aaaa", "aaa"),
        ("\\p{Greek}+", "abc αβγ", "αβγ"),
        ("[^\\s]+", "  word  ", "word"),
    ])
    func matchesAsGoDoes(_ pattern: String, _ input: String, _ expected: String) {
        #expect(find(pattern, input) == expected)
    }

    @Test(arguments: [
        ("(abc", "missing closing )", "(abc"),
        ("abc)", "unexpected )", "abc)"),
        ("[abc", "missing closing ]", "[abc"),
        ("[z-a]", "invalid character class range", "z-a"),
        ("a**", "invalid nested repetition operator", "**"),
        ("*", "missing argument to repetition operator", "*"),
        ("\\8", "invalid escape sequence", "\\8"),
        ("x{1001}", "invalid repeat count", "{1001}"),
        ("(?P<>x)", "invalid named capture", "(?P<>"),
        ("(?<n>x)", "invalid or unsupported Perl syntax", "(?<"),
        ("\\pX", "invalid character class range", "\\pX"),
    ])
    func reportsGoSyntaxErrors(_ pattern: String, _ code: String, _ expr: String) {
        do {
            _ = try GoRegexp(pattern)
            Issue.record("expected an error for \(pattern)")
        } catch {
            #expect(error.code == code)
            #expect(error.expr == expr)
        }
    }

    @Test func replacementTemplates() throws {
        let re = try GoRegexp("(?P<word>\\w+)@(\\w+)")
        #expect(re.replaceAll(in: "alice@example bob@test", with: "$2:${word}") == "example:alice test:bob")
        #expect(re.replaceAll(in: "a@b", with: "$$1") == "$1")
        #expect(re.replaceAll(in: "a@b", with: "$1x") == "", "$1x names group \"1x\", which does not exist")
        #expect(try GoRegexp("b*").replaceAll(in: "abc", with: "X") == "XaXcX")
    }

    @Test func findAllSkipsEmptyMatchesAfterAMatch() throws {
        let re = try GoRegexp("a*")
        let input = Array("baaac".unicodeScalars)
        #expect(re.allMatches(input).map { [$0[0], $0[1]] } == [[0, 0], [1, 4], [5, 5]])
    }

    @Test func matchingIsLinearOnPathologicalPatterns() throws {
        // (a*)*b on a long run of a's is exponential for a backtracking engine.
        let re = try GoRegexp("(a*)*b")
        let input = Array(String(repeating: "a", count: 5000).unicodeScalars)
        #expect(re.match(input, from: 0) == nil)
    }
}
