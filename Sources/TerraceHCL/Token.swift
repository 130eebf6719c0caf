import TerraceBasics

/// The kinds of token the HCL native-syntax scanner produces; names and boundaries follow
/// hclsyntax's scanner, so the formatter sees exactly the tokens `terraform fmt` sees.
public enum TokenKind: Sendable, Hashable {
    case oBrace, cBrace, oBrack, cBrack, oParen, cParen
    case oQuote, cQuote
    case oHeredoc, cHeredoc
    case star, slash, plus, minus, percent
    case equal, equalOp, notEqual, lessThan, lessThanEq, greaterThan, greaterThanEq
    case and, or, bang
    case dot, comma, doubleColon, ellipsis, fatArrow, question, colon
    case templateInterp, templateControl, templateSeqEnd
    /// A literal chunk of a quoted template, still escaped.
    case quotedLit
    /// A literal chunk of a heredoc template (one line, or up to an interpolation).
    case stringLit
    case numberLit
    case ident
    /// A comment. `#` and `//` comments include the line end that terminates them, as in hclsyntax.
    case comment
    case newline
    case eof
    /// A character that is not used in the language.
    case invalid
    case badUTF8
    /// A newline inside a quoted string (always an error).
    case quotedNewline
    /// Characters the scanner recognises only to report them: `&`, `|`, `^`, `~`, `;`, `` ` ``, `'`.
    case bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot, semicolon, backtick, apostrophe

    /// +1 for tokens that open a bracketing context, −1 for those that close one (as hclwrite counts).
    var bracketChange: Int {
        switch self {
        case .oBrace, .oBrack, .oParen, .templateControl, .templateInterp: return 1
        case .cBrace, .cBrack, .cParen, .templateSeqEnd: return -1
        default: return 0
        }
    }
}

/// One token: its kind and where it is. Tokens hold no file name (and so no reference-counted
/// storage), which keeps the scanner and parser free of reference counting in their inner loops.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var start: SourcePos
    public var end: SourcePos

    public init(kind: TokenKind, start: SourcePos, end: SourcePos) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// Byte offsets of the token's text in the scanned buffer.
    public var bytes: Range<Int> { start.byte..<end.byte }

    public func range(in filename: String) -> SourceRange {
        SourceRange(filename: filename, start: start, end: end)
    }
}
